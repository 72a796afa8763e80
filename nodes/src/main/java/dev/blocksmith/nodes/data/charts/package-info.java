/**
 * Chart data for the Chart block: histograms, class balance, missing values, scatter, correlations.
 */
package dev.blocksmith.nodes.data.charts;
