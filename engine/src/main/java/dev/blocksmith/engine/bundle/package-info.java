/**
 * Pipeline bundles ({@code .blocksmith}): one zip with a graph, the data files it reads when they
 * are small enough, optionally its trained models and its lesson. {@link
 * dev.blocksmith.engine.bundle.PipelineBundle} writes one; {@link
 * dev.blocksmith.engine.bundle.BundleImport} extracts one safely into its own folder.
 */
package dev.blocksmith.engine.bundle;
