package dev.blocksmith.editor.canvas;

import dev.blocksmith.engine.graph.PortRef;
import dev.blocksmith.engine.spi.PortSpec;

/**
 * What the canvas knows about one port cell: which node and port it stands for, and its direction.
 *
 * @param ref node id and port name
 * @param spec the port's spec
 * @param input whether it is an input
 */
record PortCell(PortRef ref, PortSpec spec, boolean input) {}
