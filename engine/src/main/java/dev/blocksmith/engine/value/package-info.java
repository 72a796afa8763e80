/**
 * The immutable values that flow on edges: {@link dev.blocksmith.engine.value.Table}, {@link
 * dev.blocksmith.engine.value.ImageSet} and {@link dev.blocksmith.engine.value.Report}, with their
 * small summaries for previews.
 */
package dev.blocksmith.engine.value;
