/**
 * Turns the coach's suggested changes ({@link dev.blocksmith.engine.value.Fix}) into edits of a
 * graph: which node they apply to, the CLI line that makes them, and the edited graph.
 */
package dev.blocksmith.engine.coach;
