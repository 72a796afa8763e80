package dev.blocksmith.engine.spi;

/** The kind of value a param holds; decides its JSON type and the widget the editor shows. */
public enum ParamType {
  /** A whole number (JSON integer). */
  INTEGER,
  /** A decimal number (JSON number). */
  NUMBER,
  /** On or off (JSON boolean). */
  BOOLEAN,
  /** Free text (JSON string). */
  TEXT,
  /** One of a fixed list of choices (JSON string). */
  CHOICE,
  /** A path to a file (JSON string, relative to the graph file where possible). */
  FILE,
  /** A path to a folder (JSON string). */
  FOLDER,
  /** The name of a column of the upstream table (JSON string). */
  COLUMN,
  /** A list of whole numbers such as layer sizes (JSON array of integers). */
  INTEGER_LIST
}
