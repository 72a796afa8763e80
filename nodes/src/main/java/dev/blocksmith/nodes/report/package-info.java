/**
 * Pictures and words about results: XChart charts drawn from report data, the self-contained HTML
 * report of a run, and the plain-language change log of the data blocks.
 */
package dev.blocksmith.nodes.report;
