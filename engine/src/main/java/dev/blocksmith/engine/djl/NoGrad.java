package dev.blocksmith.engine.djl;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd recording off on this thread and back. PyTorch threads start with
 * recording on and DJL never turns it off: a forward pass outside a gradient collector (validation,
 * inference) still builds a graph and keeps the activations a backward pass would need, until its
 * outputs are closed. Use as {@code boolean r = NoGrad.stop(); try { … } finally {
 * NoGrad.restore(r); }}.
 */
final class NoGrad {
  private NoGrad() {}

  /** Stops recording and returns whether it was on. */
  static boolean stop() {
    boolean recording = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    return recording;
  }

  /** Puts recording back to what {@link #stop} returned. */
  static void restore(boolean recording) {
    JniUtils.setGradMode(recording);
  }
}
