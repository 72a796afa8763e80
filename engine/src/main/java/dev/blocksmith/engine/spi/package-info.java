/**
 * The service-provider interface that every block implements: {@link
 * dev.blocksmith.engine.spi.NodeType}, its {@link dev.blocksmith.engine.spi.NodeSpec}, typed ports
 * and params, and the {@link dev.blocksmith.engine.spi.NodeContext} a block sees while it runs.
 */
package dev.blocksmith.engine.spi;
