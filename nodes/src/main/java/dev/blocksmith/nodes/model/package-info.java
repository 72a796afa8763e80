/** Blocks that provide a model to start from: Pretrained model. */
package dev.blocksmith.nodes.model;
