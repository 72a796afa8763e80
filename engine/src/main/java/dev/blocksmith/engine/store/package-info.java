/**
 * The cache that lasts: block outputs stored on disk by signature ({@link
 * dev.blocksmith.engine.store.DiskCache}), with binary codecs for the values that flow on edges
 * ({@link dev.blocksmith.engine.store.ValueCodecs}).
 */
package dev.blocksmith.engine.store;
