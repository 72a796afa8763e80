/** Blocks that measure a model. */
package dev.blocksmith.nodes.evaluate;
