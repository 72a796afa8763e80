package dev.blocksmith.engine.registry;

import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.ParamType;
import dev.blocksmith.engine.spi.PortSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a block's spec as the builder would: a plugin can call the record's constructor directly,
 * so the registry does not rely on {@link NodeSpec.Builder#build()} having run.
 */
final class SpecCheck {
  /** A block id: lowercase words joined by dots, at least two, at most 100 characters. */
  static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  private SpecCheck() {}

  /** Returns what is wrong with the spec, or null when it is usable. */
  static String problem(NodeSpec spec) {
    if (spec == null) {
      return "its spec() returned nothing";
    }
    if (spec.id() == null || spec.id().length() > 100 || !ID.matcher(spec.id()).matches()) {
      return "its id " + quote(spec.id()) + " does not look like 'pack.name'";
    }
    if (spec.version() < 1) {
      return "its version " + spec.version() + " is below 1";
    }
    if (blank(spec.displayName()) || spec.category() == null || blank(spec.summary())) {
      return "it needs a display name, a category and a summary";
    }
    if (spec.whatItDoes() == null) {
      return "it needs an explanation (what it does)";
    }
    String ports = names(spec.inputs(), "input");
    if (ports == null) {
      ports = names(spec.outputs(), "output");
    }
    if (ports != null) {
      return ports;
    }
    Set<String> params = new HashSet<>();
    for (ParamSpec p : spec.params()) {
      if (!NAME.matcher(p.name()).matches()) {
        return "its param name " + quote(p.name()) + " is not a plain name";
      }
      if (!params.add(p.name())) {
        return "it has two params called '" + p.name() + "'";
      }
    }
    for (String w : spec.writes()) {
      ParamType t =
          spec.params().stream()
              .filter(p -> p.name().equals(w))
              .findFirst()
              .map(ParamSpec::type)
              .orElse(null);
      if (t != ParamType.FILE && t != ParamType.FOLDER) {
        return "it writes " + quote(w) + ", which is not one of its file or folder params";
      }
    }
    return null;
  }

  private static String names(List<PortSpec> ports, String what) {
    Set<String> seen = new HashSet<>();
    for (PortSpec p : ports) {
      if (!NAME.matcher(p.name()).matches()) {
        return "its " + what + " name " + quote(p.name()) + " is not a plain name";
      }
      if (!seen.add(p.name())) {
        return "it has two " + what + "s called '" + p.name() + "'";
      }
    }
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Returns the text quoted, with control characters shown as escapes. */
  static String quote(String s) {
    if (s == null) {
      return "(none)";
    }
    StringBuilder b = new StringBuilder("'");
    s.codePoints()
        .limit(120)
        .forEach(
            c -> {
              if (Character.isISOControl(c)
                  || Character.getType(c) == Character.FORMAT
                  || Character.getType(c) == Character.LINE_SEPARATOR
                  || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                b.append(String.format("\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.append(s.codePointCount(0, s.length()) > 120 ? "…'" : "'").toString();
  }
}
