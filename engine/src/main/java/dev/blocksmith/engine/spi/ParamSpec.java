package dev.blocksmith.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed, validated setting of a block, with a plain-language label and help text.
 *
 * <p>Build one with {@link #builder(String, ParamType)}: {@code setX} for what is required, {@code
 * optX} for the rest; {@link Builder#build()} checks that the default lies within the range.
 *
 * @param name stable name used in graph files
 * @param type the kind of value
 * @param label short label for the form
 * @param help plain-language help shown beside the field
 * @param defaultValue the value used when the graph does not set one (may be JSON null: no default)
 * @param min smallest allowed number, or null
 * @param max largest allowed number, or null
 * @param choices allowed values for {@link ParamType#CHOICE}
 * @param choiceLabels plain-language labels for the choices, same order
 * @param advanced whether it is hidden in the beginner view
 * @param required whether the graph must set it (no usable default)
 */
public record ParamSpec(
    String name,
    ParamType type,
    String label,
    String help,
    JsonNode defaultValue,
    Double min,
    Double max,
    List<String> choices,
    List<String> choiceLabels,
    boolean advanced,
    boolean required) {

  /** Most items a list param may hold (a list of 2,000 layer sizes is a mistake or an attack). */
  public static final int MAX_LIST_ITEMS = 64;

  private static final JsonNodeFactory JSON = new JsonNodeFactory(true);

  /** Validates the fields and copies the lists. */
  public ParamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    choices = List.copyOf(choices);
    choiceLabels = List.copyOf(choiceLabels);
    if (defaultValue == null) {
      defaultValue = JSON.nullNode();
    }
  }

  /** Returns a builder for a param with the given stable name and type. */
  public static Builder builder(String name, ParamType type) {
    return new Builder(name, type);
  }

  /**
   * Returns a problem message when {@code value} does not fit this param, in words a beginner can
   * act on, or empty when it fits.
   */
  public Optional<String> check(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return required ? Optional.of("\"" + label + "\" must be set.") : Optional.empty();
    }
    switch (type) {
      case INTEGER -> {
        if (!value.isIntegralNumber()) {
          return Optional.of("\"" + label + "\" must be a whole number, but is " + value + ".");
        }
        if (!value.canConvertToLong()
            || (max != null && max <= Integer.MAX_VALUE && !value.canConvertToInt())) {
          return Optional.of(
              "\""
                  + label
                  + "\" is "
                  + value
                  + ", far larger than any usable "
                  + "value"
                  + (max == null ? "." : "; it must be at most " + fmt(max) + "."));
        }
        return checkRange(value.asDouble());
      }
      case NUMBER -> {
        if (!value.isNumber()) {
          return Optional.of("\"" + label + "\" must be a number, but is " + value + ".");
        }
        double d = value.asDouble();
        if (!Double.isFinite(d)) {
          return Optional.of("\"" + label + "\" must be a finite number.");
        }
        return checkRange(d);
      }
      case BOOLEAN -> {
        return value.isBoolean()
            ? Optional.empty()
            : Optional.of("\"" + label + "\" must be true or false, but is " + value + ".");
      }
      case CHOICE -> {
        if (!value.isTextual() || !choices.contains(value.asText())) {
          return Optional.of(
              "\""
                  + label
                  + "\" must be one of "
                  + String.join(", ", choices)
                  + ", but is "
                  + value
                  + ".");
        }
        return Optional.empty();
      }
      case INTEGER_LIST -> {
        if (!value.isArray()) {
          return Optional.of("\"" + label + "\" must be a list of whole numbers like [64, 32].");
        }
        if (value.size() > MAX_LIST_ITEMS) {
          return Optional.of(
              "\""
                  + label
                  + "\" has "
                  + value.size()
                  + " items; at most "
                  + MAX_LIST_ITEMS
                  + " are allowed.");
        }
        for (JsonNode item : value) {
          if (!item.isIntegralNumber() || !item.canConvertToInt()) {
            return Optional.of(
                "\"" + label + "\" must contain only whole numbers, but has " + item + ".");
          }
          Optional<String> range = checkRange(item.asDouble());
          if (range.isPresent()) {
            return range;
          }
        }
        return Optional.empty();
      }
      default -> {
        if (!value.isTextual()) {
          return Optional.of("\"" + label + "\" must be text, but is " + value + ".");
        }
        if (required && value.asText().isBlank()) {
          return Optional.of("\"" + label + "\" must be set.");
        }
        return Optional.empty();
      }
    }
  }

  private Optional<String> checkRange(double d) {
    if (min != null && d < min) {
      return Optional.of(
          "\"" + label + "\" is " + fmt(d) + " but must be at least " + fmt(min) + ".");
    }
    if (max != null && d > max) {
      return Optional.of(
          "\"" + label + "\" is " + fmt(d) + " but must be at most " + fmt(max) + ".");
    }
    return Optional.empty();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /** Builds a {@link ParamSpec}; {@code setX} for required fields, {@code optX} for the rest. */
  public static final class Builder {
    private final String name;
    private final ParamType type;
    private String label;
    private String help;
    private JsonNode defaultValue = JSON.nullNode();
    private Double min;
    private Double max;
    private final List<String> choices = new ArrayList<>();
    private final List<String> choiceLabels = new ArrayList<>();
    private boolean advanced;
    private boolean required;

    private Builder(String name, ParamType type) {
      this.name = name;
      this.type = type;
    }

    /** Sets the short label shown in the form. */
    public Builder setLabel(String label) {
      this.label = label;
      return this;
    }

    /** Sets the plain-language help text. */
    public Builder setHelp(String help) {
      this.help = help;
      return this;
    }

    /** Sets a whole-number default. */
    public Builder optDefault(long value) {
      this.defaultValue = JSON.numberNode(value);
      return this;
    }

    /** Sets a decimal default. */
    public Builder optDefault(double value) {
      this.defaultValue = JSON.numberNode(java.math.BigDecimal.valueOf(value));
      return this;
    }

    /** Sets a text or choice default. */
    public Builder optDefault(String value) {
      this.defaultValue = JSON.textNode(value);
      return this;
    }

    /** Sets a boolean default. */
    public Builder optDefault(boolean value) {
      this.defaultValue = JSON.booleanNode(value);
      return this;
    }

    /** Sets a list-of-integers default. */
    public Builder optDefault(int... values) {
      var array = JSON.arrayNode();
      for (int v : values) {
        array.add(v);
      }
      this.defaultValue = array;
      return this;
    }

    /** Sets the allowed range (either bound may be null). */
    public Builder optRange(Double min, Double max) {
      this.min = min;
      this.max = max;
      return this;
    }

    /** Adds an allowed choice with its plain-language label. */
    public Builder addChoice(String value, String label) {
      choices.add(value);
      choiceLabels.add(label);
      return this;
    }

    /** Marks it as hidden in the beginner view. */
    public Builder optAdvanced(boolean advanced) {
      this.advanced = advanced;
      return this;
    }

    /** Marks it as required: the graph must set it. */
    public Builder optRequired(boolean required) {
      this.required = required;
      return this;
    }

    /** Returns the spec, after checking that the label, help and default are usable. */
    public ParamSpec build() {
      if (label == null || label.isBlank() || help == null || help.isBlank()) {
        throw new IllegalStateException("param " + name + " needs a label and help text");
      }
      if (type == ParamType.CHOICE && choices.isEmpty()) {
        throw new IllegalStateException("choice param " + name + " needs choices");
      }
      ParamSpec spec =
          new ParamSpec(
              name,
              type,
              label,
              help,
              defaultValue,
              min,
              max,
              choices,
              choiceLabels,
              advanced,
              required);
      if (!defaultValue.isNull()) {
        spec.check(defaultValue)
            .ifPresent(
                m -> {
                  throw new IllegalStateException("default of " + name + " is invalid: " + m);
                });
      }
      return spec;
    }
  }
}
