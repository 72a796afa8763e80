/** Blocks that clean and shape data. */
package dev.blocksmith.nodes.prepare;
