package dev.blocksmith.nodes.data;

import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeException;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.Outputs;
import dev.blocksmith.engine.spi.Param;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.Port;
import dev.blocksmith.engine.spi.PortType;
import dev.blocksmith.engine.value.Dataset;
import dev.blocksmith.nodes.data.samples.SampleGenerator;
import dev.blocksmith.nodes.data.samples.SampleGenerators;
import java.util.Map;

/**
 * The "Sample data" block: generates a built-in practice dataset, the same one for the same seed.
 */
public final class SampleData implements NodeType {

  /** The generated examples. */
  public static final Port<Dataset> DATA =
      Port.of(
          "data",
          PortType.DATA,
          Dataset.class,
          "Data",
          "The generated examples: a table, or a set of images for digits.");

  /** Which dataset to generate. */
  public static final Param<String> DATASET = datasetParam();

  /** How many examples. */
  public static final Param<Integer> SIZE =
      Param.integer("size")
          .setLabel("Examples")
          .setHelp(
              "How many examples to make. More examples usually give a better model but "
                  + "train more slowly.")
          .optDefault(2000)
          .optRange(20, 100_000)
          .build();

  /** How messy the data is. */
  public static final Param<Double> NOISE =
      Param.number("noise")
          .setLabel("Noise")
          .setHelp(
              "How messy the data is: 0 is perfectly clean, 1 is very messy. Real data is "
                  + "always a little noisy.")
          .optDefault(0.1)
          .optRange(0, 1)
          .build();

  /** The random seed. */
  public static final Param<Long> SEED =
      Param.longInteger("seed")
          .setLabel("Seed")
          .setHelp(
              "Any whole number. The same seed always gives exactly the same data; change it "
                  + "to get a fresh draw.")
          .optDefault(1L)
          .optAdvanced(true)
          .build();

  private static Param<String> datasetParam() {
    Param.Builder<String> b =
        Param.choice("dataset")
            .setLabel("Dataset")
            .setHelp(
                "Which practice dataset to make. Spirals and moons are small tables with "
                    + "two numbers per row; digits are little pictures of the numbers 0 to 9; "
                    + "clothing photos are real 28×28 pictures (Fashion-MNIST); loan approvals, house "
                    + "prices and sensor readings are realistic tables for the fairness, regression and cleaning lessons (noise does not change them).")
            .optDefault(SampleGenerators.ALL.get(0).id());
    SampleGenerators.ALL.forEach(g -> b.addChoice(g.id(), g.label()));
    return b.build();
  }

  private static final NodeSpec SPEC =
      NodeSpec.builder("data.sample")
          .setDisplayName("Sample data")
          .setCategory(Category.DATA)
          .setSummary("Make a ready-to-use practice dataset.")
          .setWhatItDoes(
              "Generates a small dataset with known answers: points on two spirals or "
                  + "two moons (a table with columns x, y and class: a curved boundary a straight line "
                  + "cannot separate), 28×28 pictures of handwritten-style digits 0–9, loan approvals "
                  + "(with a sensitive group column and a bias planted against group B, for the "
                  + "fairness lesson), house prices (predict a number: regression), or sensor readings "
                  + "(with gaps, duplicate rows and glitch values, for the cleaning lesson). The label "
                  + "(the answer to learn) is already marked.")
          .optWhyItMatters(
              "Practice data lets you try the whole pipeline in seconds, before "
                  + "bringing your own data.")
          .optWatchOutFor("Real data is rarely this tidy: expect lower scores on your own data.")
          .addOutput(DATA)
          .addParam(DATASET)
          .addParam(SIZE)
          .addParam(NOISE)
          .addParam(SEED)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, PortType> inferOutputs(Map<String, PortType> inputTypes, Params params) {
    PortType type =
        SampleGenerators.byId(params.get(DATASET))
            .map(SampleGenerator::outputType)
            .orElse(PortType.DATA);
    return Map.of(DATA.name(), type);
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    String id = params.get(DATASET);
    SampleGenerator generator =
        SampleGenerators.byId(id)
            .orElseThrow(
                () ->
                    NodeException.atParam(
                        ctx.nodeId(),
                        DATASET.name(),
                        "There is no practice dataset called \"" + id + "\".",
                        "Pick one of the datasets in the list."));
    ctx.checkCancelled();
    ctx.progress(0, "Generating " + generator.label());
    Dataset data;
    try {
      data = generator.generate(params.get(SIZE), params.get(NOISE), params.get(SEED));
    } catch (IllegalStateException e) {
      throw NodeException.atParam(
          ctx.nodeId(),
          DATASET.name(),
          e.getMessage(),
          "Pick another dataset, or install what the message names.");
    }
    ctx.log("Generated " + data.headline() + " of " + generator.label() + ".");
    ctx.progress(1, null);
    return Outputs.of(DATA, data);
  }
}
