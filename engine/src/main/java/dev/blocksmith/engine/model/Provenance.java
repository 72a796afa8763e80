package dev.blocksmith.engine.model;

/**
 * How a model was made, so that a result can be explained and repeated.
 *
 * @param seed the random seed of the run
 * @param device where it was trained ("cpu()", "gpu(0)")
 * @param djlVersion the DJL version
 * @param engineVersion the PyTorch version
 * @param dataFingerprint fingerprint of the encoded training data
 * @param epochsRun epochs actually run (early stopping may end sooner)
 * @param bestEpoch the epoch whose weights were kept (1-based)
 * @param graphJson the graph that produced it, or null when unknown
 * @param settings the training settings in plain words (for an automatic choice: the winner and
 *     what else was tried), or null when unknown
 */
public record Provenance(
    long seed,
    String device,
    String djlVersion,
    String engineVersion,
    String dataFingerprint,
    int epochsRun,
    int bestEpoch,
    String graphJson,
    String settings) {

  /** Returns a provenance without recorded settings. */
  public Provenance(
      long seed,
      String device,
      String djlVersion,
      String engineVersion,
      String dataFingerprint,
      int epochsRun,
      int bestEpoch,
      String graphJson) {
    this(
        seed,
        device,
        djlVersion,
        engineVersion,
        dataFingerprint,
        epochsRun,
        bestEpoch,
        graphJson,
        null);
  }

  /** Returns a copy that records the training settings in plain words. */
  public Provenance withSettings(String text) {
    return new Provenance(
        seed,
        device,
        djlVersion,
        engineVersion,
        dataFingerprint,
        epochsRun,
        bestEpoch,
        graphJson,
        text);
  }

  /** Returns a copy that records the producing graph. */
  public Provenance withGraphJson(String json) {
    return new Provenance(
        seed,
        device,
        djlVersion,
        engineVersion,
        dataFingerprint,
        epochsRun,
        bestEpoch,
        json,
        settings);
  }
}
