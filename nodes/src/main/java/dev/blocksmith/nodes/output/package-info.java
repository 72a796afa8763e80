/** Blocks that save, shrink and use a trained model: Save model, Quantize, Predict. */
package dev.blocksmith.nodes.output;
