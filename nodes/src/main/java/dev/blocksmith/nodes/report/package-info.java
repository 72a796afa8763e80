/**
 * Pictures of results outside the editor: XChart charts drawn from report data, and the
 * self-contained HTML report of a run.
 */
package dev.blocksmith.nodes.report;
