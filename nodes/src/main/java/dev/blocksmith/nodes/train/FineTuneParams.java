package dev.blocksmith.nodes.train;

import dev.blocksmith.engine.spi.Param;

/** The params of {@link FineTune}, kept apart so the block itself stays short. */
final class FineTuneParams {
  private FineTuneParams() {}

  static final Param<String> STRATEGY =
      Param.choice("strategy")
          .setLabel("How to adapt")
          .setHelp(
              "Retraining the last layer only is fast and safe with few examples. Adjusting "
                  + "the whole model gently can fit new data better but needs more examples. "
                  + "Retraining the last few layers is a middle way. "
                  + "Low-rank adapters train a few small extra matrices beside the frozen layers and "
                  + "fold them in at the end.")
          .addChoice("head", "Retrain the last layer only (freeze the backbone, new head)")
          .addChoice("last", "Retrain the last few layers (freeze the first ones)")
          .addChoice(
              "gentle",
              "Adjust the whole model gently (all layers, a tenth of the " + "learning rate)")
          .addChoice("lora", "Low-rank adapters (LoRA)")
          .optDefault("head")
          .build();

  static final Param<Integer> EPOCHS =
      Param.integer("epochs")
          .setLabel("Epochs")
          .setHelp("How many times the model sees every new example.")
          .optDefault(20)
          .optRange(1.0, 1000.0)
          .build();

  static final Param<Double> LEARNING_RATE =
      Param.number("learningRate")
          .setLabel("Learning rate")
          .setHelp(
              "How big each learning step is. \"Adjust the whole model gently\" uses a tenth "
                  + "of it so the model does not forget what it knew.")
          .optDefault(0.003)
          .optRange(1e-7, 10.0)
          .build();

  static final Param<Integer> BATCH_SIZE =
      Param.integer("batchSize")
          .setLabel("Batch size")
          .setHelp("How many examples are looked at before each learning step.")
          .optDefault(16)
          .optRange(1.0, 8192.0)
          .optAdvanced(true)
          .build();

  static final Param<Integer> PATIENCE =
      Param.integer("patience")
          .setLabel("Early stopping patience")
          .setHelp(
              "Stop when the validation score has not improved for this many epochs and "
                  + "keep the best weights. 0 turns early stopping off.")
          .optDefault(5)
          .optRange(0.0, 1000.0)
          .optAdvanced(true)
          .build();

  static final Param<Integer> LAYERS =
      Param.integer("layers")
          .setLabel("Layers to retrain")
          .setHelp(
              "How many layers with weights learn, counted back from the output layer (2 = the "
                  + "output layer and the one before it). Only used with \"last few layers\".")
          .optDefault(2)
          .optRange(1.0, 64.0)
          .optAdvanced(true)
          .build();

  static final Param<Integer> RANK =
      Param.integer("rank")
          .setLabel("Adapter rank (LoRA)")
          .setHelp(
              "Size of the low-rank adapters: small ranks (2–8) train very few values; "
                  + "larger ranks can learn bigger changes. Only used with low-rank adapters.")
          .optDefault(4)
          .optRange(1.0, 64.0)
          .optAdvanced(true)
          .build();

  static final Param<Double> ALPHA =
      Param.number("alpha")
          .setLabel("Adapter strength (LoRA alpha)")
          .setHelp(
              "How strongly the adapters change the layers: the update is scaled by alpha "
                  + "divided by the rank. Only used with low-rank adapters.")
          .optDefault(8.0)
          .optRange(0.01, 1000.0)
          .optAdvanced(true)
          .build();
}
