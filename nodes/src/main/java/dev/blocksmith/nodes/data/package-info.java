/** Blocks that bring data in. */
package dev.blocksmith.nodes.data;
