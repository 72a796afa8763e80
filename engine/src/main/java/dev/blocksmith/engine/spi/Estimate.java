package dev.blocksmith.engine.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * What a training block expects to cost before it runs: how many numbers it learns, how much memory
 * it needs and how long it takes, from the real data, the architecture and a short timing probe.
 * Plain Java; the engine adds the warnings that compare it with this machine.
 *
 * @param nodeId the training block
 * @param model the network(s) it trains, in words ("MLP 2→64→64→2", "5 candidates: …")
 * @param trainRows training examples
 * @param validationRows validation examples (0 when none)
 * @param parameters weights and biases of the model it outputs (the largest candidate or trial when
 *     it tries several)
 * @param trainableParameters of those, the ones that learn (fewer when fine-tuning)
 * @param memory the memory the largest single training needs at once
 * @param time how long the block takes, with the probe it was measured from
 * @param notes how the figures were reached, one plain sentence each
 * @param warnings what will go wrong or take hours, one plain sentence each
 */
public record Estimate(
    String nodeId,
    String model,
    int trainRows,
    int validationRows,
    long parameters,
    long trainableParameters,
    Memory memory,
    Time time,
    List<String> notes,
    List<String> warnings) {

  /** Copies the lists. */
  public Estimate {
    notes = List.copyOf(notes);
    warnings = List.copyOf(warnings);
  }

  /** Returns a copy with more warnings. */
  public Estimate withWarnings(List<String> more) {
    List<String> all = new ArrayList<>(warnings);
    more.stream().filter(w -> !all.contains(w)).forEach(all::add);
    return new Estimate(
        nodeId,
        model,
        trainRows,
        validationRows,
        parameters,
        trainableParameters,
        memory,
        time,
        notes,
        all);
  }

  /**
   * Memory in bytes.
   *
   * @param weights the weights and biases (float32)
   * @param optimizer gradients and the optimizer's state (Adam keeps two more numbers per weight)
   * @param activations what one batch's forward and backward pass keep (layer outputs and their
   *     gradients)
   * @param data the examples held resident for training (with room for a second copy: augmented
   *     pictures are drawn afresh every epoch)
   * @param heap what the Java heap holds besides: the encoded examples, the copy of the best
   *     weights and the captured model
   */
  public record Memory(long weights, long optimizer, long activations, long data, long heap) {
    /** Returns what the engine (PyTorch) needs outside the Java heap, on the training device. */
    public long engineBytes() {
      return weights + optimizer + activations + data;
    }

    /** Returns everything, heap included. */
    public long total() {
      return engineBytes() + heap;
    }
  }

  /**
   * Time in seconds.
   *
   * @param low the shortest the block can take (early stopping at its first chance, the search
   *     ending early); NaN when not probed
   * @param expected the best guess
   * @param high the longest (every epoch of every candidate or trial)
   * @param steps optimisation steps at most
   * @param secondsPerStep measured seconds per training step (forward, backward, update)
   * @param probeSteps steps the probe timed
   * @param probeSeconds wall time the probe took, setup included
   */
  public record Time(
      double low,
      double expected,
      double high,
      long steps,
      double secondsPerStep,
      int probeSteps,
      double probeSeconds) {

    /** Returns a time that was not measured (the probe did not run). */
    public static Time unknown(long steps) {
      return new Time(Double.NaN, Double.NaN, Double.NaN, steps, Double.NaN, 0, 0);
    }

    /** Returns whether a probe measured it. */
    public boolean measured() {
      return Double.isFinite(expected);
    }
  }
}
