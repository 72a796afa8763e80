/**
 * Deterministic practice datasets for the Sample data block. Each is one {@link
 * dev.blocksmith.nodes.data.samples.SampleGenerator}, listed in {@link
 * dev.blocksmith.nodes.data.samples.SampleGenerators#ALL}.
 */
package dev.blocksmith.nodes.data.samples;
