package dev.blocksmith.nodes.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.blocksmith.engine.spi.Param;
import java.util.List;
import java.util.Map;

/** The params of {@link Train} and its presets, kept apart so the block itself stays short. */
final class TrainParams {
  private TrainParams() {}

  static final Param<String> LABEL =
      Param.column("label")
          .setLabel("Column to predict")
          .setHelp(
              "The column holding the answers the model should learn. Leave empty to use the "
                  + "column marked as label. Not used for images: their folders or names are the "
                  + "answers.")
          .optDefault("")
          .build();

  static final Param<String> ARCHITECTURE =
      Param.choice("architecture")
          .setLabel("Model type")
          .setHelp(
              "The shape of the network. Automatic picks a convolutional network for images; "
                  + "for tables it tries a few models (a linear one and networks of different sizes "
                  + "and learning rates) within the search time limit, compares them on the "
                  + "validation part and keeps the best, so hidden layers, epochs, learning rate and "
                  + "weight decay are chosen for you. Below 2,000 training and validation rows it "
                  + "compares them by 5-fold cross-validation over both parts instead (about six "
                  + "times the training), leaves out columns that do not help, and trains the "
                  + "winner again on both parts. Pick another type to set them yourself.")
          .addChoice("auto", "Automatic (tries a few models, keeps the best)")
          .addChoice("linear", "Linear (one layer: simple and fast, draws straight borders)")
          .addChoice("mlp", "Multi-layer perceptron (dense layers: learns curved borders)")
          .addChoice("cnn", "Convolutional network (for images: finds strokes and shapes)")
          .optDefault("auto")
          .build();

  static final Param<List<Integer>> HIDDEN =
      Param.integerList("hiddenSizes")
          .setLabel("Hidden layers")
          .setHelp(
              "Neurons in each hidden layer, such as [64, 64] for two layers of 64. Bigger "
                  + "layers can learn more but need more data and overfit more easily.")
          .optDefault(List.of(64, 64))
          .optRange(1.0, 4096.0)
          .build();

  static final Param<Integer> EPOCHS =
      Param.integer("epochs")
          .setLabel("Epochs")
          .setHelp(
              "How many times the model sees every training example. Too few: it has not "
                  + "learned yet (underfitting). Too many: it memorises (overfitting).")
          .optDefault(30)
          .optRange(1.0, 1000.0)
          .build();

  static final Param<Double> LEARNING_RATE =
      Param.number("learningRate")
          .setLabel("Learning rate")
          .setHelp(
              "How big each learning step is. Too high and training becomes unstable; too "
                  + "low and it crawls. 0.001 to 0.01 suits most cases.")
          .optDefault(0.01)
          .optRange(1e-7, 1e6)
          .build();

  static final Param<Integer> BATCH_SIZE =
      Param.integer("batchSize")
          .setLabel("Batch size")
          .setHelp(
              "How many examples are looked at before each learning step. 32 or 64 is a good "
                  + "start.")
          .optDefault(32)
          .optRange(1.0, 8192.0)
          .optAdvanced(true)
          .build();

  static final Param<String> OPTIMIZER =
      Param.choice("optimizer")
          .setLabel("Optimizer")
          .setHelp(
              "The rule for updating the weights. Adam adapts its steps and rarely needs "
                  + "tuning; SGD is the plain textbook method.")
          .addChoice("adam", "Adam (recommended)")
          .addChoice("sgd", "SGD (plain gradient descent)")
          .optDefault("adam")
          .optAdvanced(true)
          .build();

  static final Param<Integer> PATIENCE =
      Param.integer("patience")
          .setLabel("Early stopping patience")
          .setHelp(
              "Stop when the validation score has not improved for this many epochs, and "
                  + "keep the best model seen. 0 turns early stopping off.")
          .optDefault(5)
          .optRange(0.0, 1000.0)
          .optAdvanced(true)
          .build();

  static final Param<Double> DROPOUT =
      Param.number("dropout")
          .setLabel("Dropout")
          .setHelp(
              "Share of neurons switched off at random while training (0 to 0.9). A little "
                  + "dropout (0.1–0.3) fights overfitting.")
          .optDefault(0.0)
          .optRange(0.0, 0.9)
          .optAdvanced(true)
          .build();

  static final Param<Integer> FOLDS =
      Param.integer("crossValidationFolds")
          .setLabel("Cross-validation folds")
          .setHelp(
              "0: off. 5: after training, check the chosen settings five more times, each "
                  + "time holding out a different fifth of the training part (keeping the mix of "
                  + "answers) and scoring on it. Every training example is scored once, so on small "
                  + "tables the average and its spread are steadier than one small test part. Costs "
                  + "that many extra trainings.")
          .optDefault(0)
          .optRange(0.0, 20.0)
          .build();

  static final Param<Double> WEIGHT_DECAY =
      Param.number("weightDecay")
          .setLabel("Weight decay")
          .setHelp(
              "Pulls large weights towards zero at every step (L2 regularisation), which "
                  + "fights overfitting on small tables. 0 turns it off; 0.0001 to 0.01 is usual.")
          .optDefault(0.0001)
          .optRange(0.0, 1.0)
          .optAdvanced(true)
          .build();

  static final Param<Integer> SEARCH_SECONDS =
      Param.integer("searchSeconds")
          .setLabel("Search time limit (seconds)")
          .setHelp(
              "How long the Automatic model type may spend trying models on a table. It "
                  + "stops starting new candidates when the next would pass this limit.")
          .optDefault(120)
          .optRange(1.0, 86400.0)
          .optAdvanced(true)
          .build();

  static final Param<String> TASK =
      Param.choice("task")
          .setLabel("Task")
          .setHelp(
              "Whether to predict a class or a number. Automatic treats a number column "
                  + "with many different values as a number to predict.")
          .addChoice("auto", "Automatic")
          .addChoice("classification", "Predict a class")
          .addChoice("regression", "Predict a number")
          .optDefault("auto")
          .optAdvanced(true)
          .build();

  /**
   * Returns the presets: the automatic choice, then hand-set networks from fewer, smaller and
   * faster to more, bigger and slower.
   */
  static Map<String, Map<String, JsonNode>> presets() {
    Map<String, Map<String, JsonNode>> presets = new java.util.LinkedHashMap<>();
    presets.put(
        "Automatic (recommended)",
        Map.of(ARCHITECTURE.name(), JsonNodeFactory.instance.textNode("auto")));
    presets.put("Quick try", preset(10, 32, 0.01, 3));
    presets.put("Balanced", preset(30, 64, 0.01, 5));
    presets.put("Thorough", preset(100, 128, 0.003, 10));
    return presets;
  }

  private static Map<String, JsonNode> preset(int epochs, int width, double lr, int patience) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return Map.of(
        ARCHITECTURE.name(), f.textNode("mlp"),
        EPOCHS.name(), f.numberNode(epochs),
        HIDDEN.name(), f.arrayNode().add(width).add(width),
        LEARNING_RATE.name(), f.numberNode(java.math.BigDecimal.valueOf(lr)),
        PATIENCE.name(), f.numberNode(patience));
  }
}
