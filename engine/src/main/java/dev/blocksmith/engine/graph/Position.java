package dev.blocksmith.engine.graph;

/**
 * Where a node sits on the canvas.
 *
 * @param x left edge
 * @param y top edge
 */
public record Position(double x, double y) {}
