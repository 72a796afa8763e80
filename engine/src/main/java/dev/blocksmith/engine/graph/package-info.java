/**
 * The immutable graph model (nodes, edges by named ports, notes and layout kept apart) and its JSON
 * file format with versioned migrations, limits and atomic saves.
 */
package dev.blocksmith.engine.graph;
