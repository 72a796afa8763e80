package dev.blocksmith.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.json.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed setting of a block: its {@link ParamSpec} plus how to read its JSON value as a Java
 * value, so that blocks read params with {@code params.get(EPOCHS)} instead of string names.
 *
 * <p>Declare one constant per param: {@code static final Param<Integer> EPOCHS =
 * Param.integer("epochs").setLabel("Epochs").setHelp("…").optDefault(30).optRange(1, 10_000)
 * .build();}
 *
 * @param <T> the Java type of the value
 */
public final class Param<T> {
  private final ParamSpec spec;
  private final Function<JsonNode, T> reader;

  private Param(ParamSpec spec, Function<JsonNode, T> reader) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /** Returns a builder for a whole-number param. */
  public static Builder<Integer> integer(String name) {
    return new Builder<>(name, ParamType.INTEGER, v -> StrictJson.intValue(v, "\"" + name + "\""));
  }

  /** Returns a builder for a whole-number param read as a {@code long} (seeds, row counts). */
  public static Builder<Long> longInteger(String name) {
    return new Builder<>(name, ParamType.INTEGER, v -> StrictJson.longValue(v, "\"" + name + "\""));
  }

  /** Returns a builder for a decimal-number param. */
  public static Builder<Double> number(String name) {
    return new Builder<>(name, ParamType.NUMBER, JsonNode::asDouble);
  }

  /** Returns a builder for an on/off param. */
  public static Builder<Boolean> bool(String name) {
    return new Builder<>(name, ParamType.BOOLEAN, JsonNode::asBoolean);
  }

  /** Returns a builder for a free-text param ("" when unset). */
  public static Builder<String> text(String name) {
    return new Builder<>(name, ParamType.TEXT, Param::string);
  }

  /** Returns a builder for a param with a fixed list of choices. */
  public static Builder<String> choice(String name) {
    return new Builder<>(name, ParamType.CHOICE, Param::string);
  }

  /** Returns a builder for a file path param (read it with {@link Params#path}). */
  public static Builder<String> file(String name) {
    return new Builder<>(name, ParamType.FILE, Param::string);
  }

  /** Returns a builder for a folder path param (read it with {@link Params#path}). */
  public static Builder<String> folder(String name) {
    return new Builder<>(name, ParamType.FOLDER, Param::string);
  }

  /** Returns a builder for a param naming a column of the upstream table ("" when unset). */
  public static Builder<String> column(String name) {
    return new Builder<>(name, ParamType.COLUMN, Param::string);
  }

  /** Returns a builder for a list of whole numbers, such as layer sizes. */
  public static Builder<List<Integer>> integerList(String name) {
    return new Builder<>(name, ParamType.INTEGER_LIST, Param::intList);
  }

  /** Wraps an existing spec; the reader is chosen by its type. Prefer the typed factories. */
  @SuppressWarnings("unchecked")
  public static <T> Param<T> wrap(ParamSpec spec, Class<T> javaType) {
    Function<JsonNode, ?> reader =
        switch (spec.type()) {
          case INTEGER ->
              javaType == Long.class
                  ? (Function<JsonNode, Long>) v -> StrictJson.longValue(v, spec.name())
                  : (Function<JsonNode, Integer>) v -> StrictJson.intValue(v, spec.name());
          case NUMBER -> (Function<JsonNode, Double>) JsonNode::asDouble;
          case BOOLEAN -> (Function<JsonNode, Boolean>) JsonNode::asBoolean;
          case INTEGER_LIST -> (Function<JsonNode, List<Integer>>) Param::intList;
          default -> (Function<JsonNode, String>) Param::string;
        };
    return new Param<>(spec, (Function<JsonNode, T>) reader);
  }

  /** Returns the untyped description used by validation, the editor and the docs. */
  public ParamSpec spec() {
    return spec;
  }

  /** Returns the stable param name used in graph files. */
  public String name() {
    return spec.name();
  }

  /** Reads a JSON value (never null; defaults already merged) as this param's Java value. */
  T read(JsonNode value) {
    return reader.apply(value);
  }

  private static String string(JsonNode v) {
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static List<Integer> intList(JsonNode v) {
    List<Integer> out = new ArrayList<>();
    if (v != null) {
      v.forEach(n -> out.add(StrictJson.intValue(n, "A list item")));
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "Param(" + spec.name() + ": " + spec.type() + ")";
  }

  /**
   * Builds a {@link Param}: the same fields as {@link ParamSpec.Builder}, with a typed default.
   *
   * @param <T> the Java type of the value
   */
  public static final class Builder<T> {
    private final ParamSpec.Builder spec;
    private final Function<JsonNode, T> reader;

    private Builder(String name, ParamType type, Function<JsonNode, T> reader) {
      this.spec = ParamSpec.builder(name, type);
      this.reader = reader;
    }

    /** Sets the short label shown in the form. */
    public Builder<T> setLabel(String label) {
      spec.setLabel(label);
      return this;
    }

    /** Sets the plain-language help text. */
    public Builder<T> setHelp(String help) {
      spec.setHelp(help);
      return this;
    }

    /** Sets the default value. */
    @SuppressWarnings("unchecked")
    public Builder<T> optDefault(T value) {
      if (value instanceof Integer i) {
        spec.optDefault((long) i);
      } else if (value instanceof Long l) {
        spec.optDefault((long) l);
      } else if (value instanceof Double d) {
        spec.optDefault((double) d);
      } else if (value instanceof Boolean b) {
        spec.optDefault((boolean) b);
      } else if (value instanceof String s) {
        spec.optDefault(s);
      } else if (value instanceof List<?> list) {
        spec.optDefault(((List<Integer>) list).stream().mapToInt(Integer::intValue).toArray());
      } else {
        throw new IllegalArgumentException("unsupported default " + value);
      }
      return this;
    }

    /** Sets the allowed range of a number (either bound may be null). */
    public Builder<T> optRange(Double min, Double max) {
      spec.optRange(min, max);
      return this;
    }

    /** Sets the allowed range of a number. */
    public Builder<T> optRange(double min, double max) {
      spec.optRange(min, max);
      return this;
    }

    /** Adds an allowed choice with its plain-language label. */
    public Builder<T> addChoice(String value, String label) {
      spec.addChoice(value, label);
      return this;
    }

    /** Marks it as hidden in the beginner view. */
    public Builder<T> optAdvanced(boolean advanced) {
      spec.optAdvanced(advanced);
      return this;
    }

    /** Marks it as required: the graph must set it. */
    public Builder<T> optRequired(boolean required) {
      spec.optRequired(required);
      return this;
    }

    /** Returns the param, after the same checks as {@link ParamSpec.Builder#build()}. */
    public Param<T> build() {
      return new Param<>(spec.build(), reader);
    }
  }
}
