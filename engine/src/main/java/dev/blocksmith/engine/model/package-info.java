/**
 * The model core: what a trained model <em>is</em>, as plain Java. {@link
 * dev.blocksmith.engine.model.ArchSpec} describes an architecture, {@link
 * dev.blocksmith.engine.model.Architectures} turns it into a DJL block, {@link
 * dev.blocksmith.engine.model.Featurizer} fits a {@link dev.blocksmith.engine.model.Preprocessing}
 * on the training part only, and {@link dev.blocksmith.engine.model.TrainedModel} bundles weights,
 * preprocessing, history and provenance into an immutable value that flows on edges.
 */
package dev.blocksmith.engine.model;
