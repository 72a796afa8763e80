/** Helpers shared by blocks that report their changes in plain words. */
package dev.blocksmith.nodes.report;
