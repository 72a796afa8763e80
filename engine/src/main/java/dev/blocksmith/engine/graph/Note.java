package dev.blocksmith.engine.graph;

/**
 * A sticky note on the canvas. Notes are layout, not semantics: they never affect a run.
 *
 * @param id unique id among notes
 * @param text the note's text
 * @param x left edge
 * @param y top edge
 * @param width width
 * @param height height
 */
public record Note(String id, String text, double x, double y, double width, double height) {}
