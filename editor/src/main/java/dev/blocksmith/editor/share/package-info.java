/**
 * Sharing a pipeline: pictures that reopen (the graph's JSON in a PNG text chunk) and the Share as
 * bundle dialog. The bundle itself is written and opened by the engine's {@code bundle} package.
 */
package dev.blocksmith.editor.share;
