package dev.blocksmith.engine.spi;

/** Plain-language names of the values that flow on edges, for messages. */
final class Values {
  private Values() {}

  static String describe(Object value) {
    return value instanceof Value v ? "a " + v.kind() : describe(value.getClass());
  }

  static String describe(Class<?> type) {
    String n = type.getSimpleName();
    return switch (n) {
      case "Table" -> "a table";
      case "ImageSet" -> "a set of images";
      case "Dataset" -> "a table or a set of images";
      case "TrainedModel" -> "a model";
      case "Report" -> "a report";
      default -> "a " + n;
    };
  }
}
