/** Blocks that train or fine-tune models. */
package dev.blocksmith.nodes.train;
