/**
 * DJL runtime helpers: the training loop with per-batch cancellation, divergence detection, early
 * stopping and memory hygiene.
 */
package dev.blocksmith.engine.djl;
