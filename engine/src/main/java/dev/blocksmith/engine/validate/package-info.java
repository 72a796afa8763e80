/** Finds every problem in a graph before anything runs, each tied to a node, port or param. */
package dev.blocksmith.engine.validate;
