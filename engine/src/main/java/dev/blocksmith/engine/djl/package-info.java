/** DJL runtime helpers: device choice, engine preparation, the training loop and models. */
package dev.blocksmith.engine.djl;
