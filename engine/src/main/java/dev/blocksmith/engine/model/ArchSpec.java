package dev.blocksmith.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blocksmith.engine.json.StrictJson;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a network looks like, independent of its weights: kind, input shape, layer sizes, dropout,
 * number of outputs and task. Immutable and saved as versioned JSON.
 *
 * @param version format version of this record ({@link #CURRENT_VERSION})
 * @param kind the family of network
 * @param inputShape shape of one example: {@code [features]} or {@code [channels, height, width]}
 * @param hidden sizes of the hidden dense layers (MLP layers; for a CNN, the dense layers after the
 *     convolutions)
 * @param convChannels filters of each 3×3 convolution stage of a CNN (empty for other kinds)
 * @param dropout share of activations dropped after each hidden dense layer while training (0–0.9)
 * @param outputs number of outputs: classes for classification, 1 for regression
 * @param task what is predicted
 */
public record ArchSpec(
    int version,
    Kind kind,
    List<Integer> inputShape,
    List<Integer> hidden,
    List<Integer> convChannels,
    double dropout,
    int outputs,
    Task task) {

  /** The version this build writes. */
  public static final int CURRENT_VERSION = 1;

  /** Most layers (hidden or convolution stages) of one kind. */
  public static final int MAX_LAYERS = 64;

  /** Largest size of one dimension (features, pixels, neurons, filters, outputs). */
  public static final int MAX_SIZE = 100_000;

  /**
   * Most trainable numbers a model may have (50 million: 200 MB of float32 weights, plus the
   * optimizer's copies while training). Checked before anything is built or allocated.
   */
  public static final long MAX_PARAMETERS = 50_000_000L;

  private static final ObjectMapper JSON = StrictJson.builder().build();

  /** The family of network. */
  public enum Kind {
    /** One linear layer: a (multinomial) logistic or linear regression. */
    @JsonProperty("linear")
    LINEAR,
    /** A multi-layer perceptron: dense layers with ReLU between them. */
    @JsonProperty("mlp")
    MLP,
    /** A small convolutional network for images. */
    @JsonProperty("cnn")
    CNN
  }

  /** What the model predicts. */
  public enum Task {
    /** One of several classes. */
    @JsonProperty("classification")
    CLASSIFICATION,
    /** A number. */
    @JsonProperty("regression")
    REGRESSION
  }

  /** Validates the fields and copies the lists. */
  public ArchSpec {
    if (version < 1 || version > CURRENT_VERSION) {
      throw new IllegalArgumentException(
          "This model was saved by a newer Blocksmith (architecture format " + version + ").");
    }
    if (kind == null || task == null || inputShape == null || inputShape.isEmpty()) {
      throw new IllegalArgumentException("an architecture needs a kind, a task and an input shape");
    }
    inputShape = List.copyOf(inputShape);
    hidden = hidden == null ? List.of() : List.copyOf(hidden);
    convChannels = convChannels == null ? List.of() : List.copyOf(convChannels);
    if (inputShape.stream().anyMatch(d -> d < 1)
        || hidden.stream().anyMatch(d -> d < 1)
        || convChannels.stream().anyMatch(d -> d < 1)) {
      throw new IllegalArgumentException("sizes must be positive: " + inputShape + " " + hidden);
    }
    if (kind == Kind.CNN && inputShape.size() != 3) {
      throw new IllegalArgumentException(
          "a convolutional network needs images ([channels, height, width]), not " + inputShape);
    }
    if (dropout < 0 || dropout > 0.9) {
      throw new IllegalArgumentException("dropout must lie between 0 and 0.9, not " + dropout);
    }
    if (outputs < 1 || (task == Task.REGRESSION && outputs != 1)) {
      throw new IllegalArgumentException("bad number of outputs " + outputs + " for " + task);
    }
    if (inputShape.size() > 3 || hidden.size() > MAX_LAYERS || convChannels.size() > MAX_LAYERS) {
      throw new IllegalArgumentException(
          "too many layers: "
              + hidden.size()
              + " hidden, "
              + convChannels.size()
              + " convolution stages (at most "
              + MAX_LAYERS
              + " each)");
    }
    if (outputs > MAX_SIZE
        || inputShape.stream().anyMatch(d -> d > MAX_SIZE)
        || hidden.stream().anyMatch(d -> d > MAX_SIZE)
        || convChannels.stream().anyMatch(d -> d > MAX_SIZE)) {
      throw new IllegalArgumentException("a layer or the input is larger than " + MAX_SIZE);
    }
    double count = estimateParameters(kind, inputShape, hidden, convChannels, outputs);
    if (count > MAX_PARAMETERS) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "this network would have about %,.0f numbers to learn (%,.0f MB); Blocksmith allows at "
                  + "most %,d. Use fewer or smaller layers",
              count,
              count * 4 / 1e6,
              MAX_PARAMETERS));
    }
  }

  /** Returns the number of weights and biases of this network. */
  public long parameterCount() {
    return (long) estimateParameters(kind, inputShape, hidden, convChannels, outputs);
  }

  /**
   * Returns the number of weights and biases a network of this shape has, computed in floating
   * point so that absurd sizes give a large number instead of overflowing.
   */
  public static double estimateParameters(
      Kind kind,
      List<Integer> inputShape,
      List<Integer> hidden,
      List<Integer> convChannels,
      int outputs) {
    double count = 0;
    double width;
    if (kind == Kind.CNN) {
      double channels = inputShape.get(0);
      double h = inputShape.get(1);
      double w = inputShape.get(2);
      for (int filters : convChannels) {
        count += channels * 9 * filters + filters;
        channels = filters;
        h = Math.floor(h / 2);
        w = Math.floor(w / 2);
      }
      width = channels * h * w;
    } else {
      width = 1;
      for (int d : inputShape) {
        width *= d;
      }
    }
    if (kind != Kind.LINEAR) {
      for (int units : hidden) {
        count += width * units + units;
        width = units;
      }
    }
    return count + width * outputs + outputs;
  }

  /**
   * Returns how many numbers one example's forward pass produces and keeps for the backward pass:
   * the input, every convolution, activation and pooling output, every dense layer's output (and
   * its activation and dropout copy) and the output layer. Multiplied by the batch size and by two
   * (the values and their gradients) it is the memory one training step needs for activations.
   */
  public double activationsPerExample() {
    double count = 1;
    for (int d : inputShape) {
      count *= d;
    }
    if (kind == Kind.CNN) {
      double h = inputShape.get(1);
      double w = inputShape.get(2);
      for (int filters : convChannels) {
        count += 2 * filters * h * w; // convolution and ReLU
        h = Math.floor(h / 2);
        w = Math.floor(w / 2);
        count += filters * h * w; // pooling
      }
    }
    if (kind != Kind.LINEAR) {
      for (int units : hidden) {
        count += (dropout > 0 ? 3 : 2) * (double) units; // dense, ReLU, dropout
      }
    }
    return count + outputs;
  }

  /** Returns a multi-layer perceptron (no hidden sizes gives a linear model). */
  public static ArchSpec mlp(
      List<Integer> inputShape, List<Integer> hidden, int outputs, Task task) {
    Kind kind = hidden.isEmpty() ? Kind.LINEAR : Kind.MLP;
    return new ArchSpec(CURRENT_VERSION, kind, inputShape, hidden, List.of(), 0, outputs, task);
  }

  /** Returns the default small CNN: two conv stages (16, 32 filters) and one dense layer of 64. */
  public static ArchSpec cnn(int channels, int height, int width, int outputs, Task task) {
    return new ArchSpec(
        CURRENT_VERSION,
        Kind.CNN,
        List.of(channels, height, width),
        List.of(64),
        List.of(16, 32),
        0,
        outputs,
        task);
  }

  /** Returns a copy with another dropout rate. */
  public ArchSpec withDropout(double rate) {
    return new ArchSpec(version, kind, inputShape, hidden, convChannels, rate, outputs, task);
  }

  /** Returns a copy with another number of outputs (for a new head). */
  public ArchSpec withOutputs(int n) {
    return new ArchSpec(version, kind, inputShape, hidden, convChannels, dropout, n, task);
  }

  /** Returns whether one example is an image ({@code [channels, height, width]}). */
  @JsonIgnore
  public boolean isImage() {
    return inputShape.size() == 3;
  }

  /** Returns the shape of a batch of {@code batch} examples, as DJL wants it. */
  public long[] batchShape(long batch) {
    long[] s = new long[inputShape.size() + 1];
    s[0] = batch;
    for (int i = 0; i < inputShape.size(); i++) {
      s[i + 1] = inputShape.get(i);
    }
    return s;
  }

  /** Returns the number of values in one example. */
  public int exampleSize() {
    return inputShape.stream().reduce(1, (a, b) -> a * b);
  }

  /** Returns a short description such as "MLP 2→64→64→2" or "CNN 1×28×28→[16,32]→64→10". */
  public String describe() {
    String in = inputShape.stream().map(String::valueOf).collect(Collectors.joining("×"));
    StringBuilder s = new StringBuilder(kind.name()).append(' ').append(in);
    if (kind == Kind.CNN) {
      s.append("→").append(convChannels);
    }
    if (kind != Kind.LINEAR) {
      hidden.forEach(h -> s.append("→").append(h));
    }
    return s.append("→").append(outputs).toString().replace("LINEAR", "Linear");
  }

  /** Returns the spec as JSON text. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the spec in a JSON text written by {@link #toJson()}. */
  public static ArchSpec fromJson(String json) {
    try {
      return JSON.readValue(json, ArchSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an architecture: " + e.getOriginalMessage(), e);
    }
  }
}
