/**
 * Turns a validated graph into a {@link dev.blocksmith.engine.plan.Plan}: nodes in topological
 * order, each with its cache signature.
 */
package dev.blocksmith.engine.plan;
