/**
 * Runs a plan: ready-set scheduling, independent branches in parallel, at most one heavy (training)
 * node at a time, a signature cache, typed events and a run folder.
 */
package dev.blocksmith.engine.exec;
