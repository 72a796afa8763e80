/**
 * Strict JSON reading shared by every file format Blocksmith reads (graphs, model files, plugin
 * settings): duplicate keys refused, no silent coercion, whole numbers range-checked.
 */
package dev.blocksmith.engine.json;
