package dev.blocksmith.nodes.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.SequentialBlock;
import dev.blocksmith.engine.djl.TrainConfig;
import dev.blocksmith.engine.djl.TrainingLoop;
import dev.blocksmith.engine.embed.Backbone;
import dev.blocksmith.engine.embed.ImageBackbones;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Architectures;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Provenance;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.engine.value.ImageSet;
import java.io.IOException;
import java.util.List;

/**
 * Fine-tunes a TorchScript picture network <em>whole</em> (every weight of the network and a new
 * head) through DJL's PyTorch engine, on the pictures resized and normalised as the network
 * declares. The tuned network is kept by its new hash and becomes the model's (frozen) picture
 * network, so the result predicts, saves and reloads like any model built on a picture network.
 */
final class WholeNetwork {
  private WholeNetwork() {}

  static TrainedModel fineTune(
      Preprocessing pre, Dataset train, Dataset validation, TrainConfig config, NodeContext ctx)
      throws NodeException {
    Preprocessing.ColumnStep step = pre.pictureNetwork();
    Backbone b = step.backbone();
    if (!b.image().format().equals("torchscript")) {
      throw NodeException.atParam(
          ctx.nodeId(),
          "strategy",
          "An ONNX picture network cannot learn: ONNX Runtime only runs it, so it stays frozen.",
          "Choose 'Retrain the last layer only' or LoRA, or use a TorchScript file of the network.");
    }
    Preprocessing.Encoded tr = pixels(b, pre, train, "train", ctx);
    Preprocessing.Encoded va =
        validation == null ? null : pixels(b, pre, validation, "validation", ctx);
    ArchSpec headArch = ArchSpec.mlp(List.of(b.dimensions()), List.of(), pre.outputs(), pre.task());
    Engine.getInstance().setRandomSeed((int) ctx.seed());
    try (ImageBackbones.Trainable network = ImageBackbones.trainable(b.sha256());
        Model model = Model.newInstance(ctx.nodeId(), ctx.device())) {
      SequentialBlock head = Architectures.build(headArch);
      SequentialBlock whole = new SequentialBlock().add(network.block()).add(head);
      model.setBlock(whole);
      ctx.log(
          "Fine-tuning every weight of "
              + b.name()
              + " and a new last layer on "
              + tr.rows()
              + " pictures (resized to "
              + b.image().size()
              + "×"
              + b.image().size()
              + "), learning rate "
              + config.learningRate()
              + ".");
      TrainingLoop.Result r = TrainingLoop.run(model, tr, va, config, ctx);
      String sha = ImageBackbones.keepTuned(network.block());
      Backbone tuned =
          new Backbone(
              b.name() + " (fine-tuned)",
              "fine-tuned from sha256 " + b.sha256().substring(0, 12),
              sha,
              b.licence(),
              b.source(),
              b.dimensions(),
              b.image());
      Preprocessing.ColumnStep tunedStep =
          new Preprocessing.ColumnStep(
              step.column(), step.op(), 0, 0, 1, List.of(), false, List.of(), tuned);
      Preprocessing out = pre.withSteps(pre.version(), List.of(tunedStep));
      Provenance provenance =
          new Provenance(
              ctx.seed(),
              ctx.device().toString(),
              Engine.getDjlVersion(),
              Engine.getInstance().getVersion(),
              tr.fingerprint(),
              r.epochsRun(),
              r.bestEpoch(),
              null);
      return TrainedModel.capture(headArch, head, out, r.history(), provenance);
    } catch (IOException e) {
      throw NodeException.atPort(
          ctx.nodeId(),
          "model",
          e.getMessage(),
          "Open the picture network again in Pretrained model.");
    }
  }

  private static Preprocessing.Encoded pixels(
      Backbone b, Preprocessing pre, Dataset data, String port, NodeContext ctx)
      throws NodeException {
    if (!(data instanceof ImageSet images)) {
      throw NodeException.atPort(
          ctx.nodeId(), port, "A picture network needs pictures.", "Connect images.");
    }
    float[] labels = new float[images.size()];
    for (int i = 0; i < labels.length; i++) {
      int k = pre.classNames().indexOf(images.stratumOf(i));
      labels[i] = k < 0 ? Float.NaN : k;
    }
    Backbone.ImageInput in = b.image();
    return new Preprocessing.Encoded(
            ImageBackbones.pixels(b, images),
            labels,
            images.size(),
            List.of(in.channels(), in.size(), in.size()))
        .labelledOnly();
  }
}
