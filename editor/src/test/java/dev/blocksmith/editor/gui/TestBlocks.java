package dev.blocksmith.editor.gui;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.blocksmith.engine.registry.NodeRegistry;
import dev.blocksmith.engine.spi.Category;
import dev.blocksmith.engine.spi.Inputs;
import dev.blocksmith.engine.spi.NodeContext;
import dev.blocksmith.engine.spi.NodeSpec;
import dev.blocksmith.engine.spi.NodeType;
import dev.blocksmith.engine.spi.ParamSpec;
import dev.blocksmith.engine.spi.ParamType;
import dev.blocksmith.engine.spi.Params;
import dev.blocksmith.engine.spi.PortSpec;
import dev.blocksmith.engine.spi.PortType;
import java.util.List;
import java.util.Map;

/** Stand-ins for the real blocks (same ids and port types) so GUI tests need no DJL. */
final class TestBlocks {
  private TestBlocks() {}

  private record Block(NodeSpec spec) implements NodeType {
    @Override
    public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx) {
      return Map.of();
    }
  }

  static NodeRegistry registry() {
    NodeSpec sample =
        NodeSpec.builder("data.sample")
            .setDisplayName("Sample data")
            .setCategory(Category.DATA)
            .setSummary("A small built-in dataset to learn with.")
            .setWhatItDoes("Gives you a ready-made table, such as the iris flowers.")
            .optWhyItMatters("You can try a whole pipeline before bringing your own data.")
            .addOutput(PortSpec.of("table", PortType.TABLE, "Table", "The sample rows."))
            .addParam(
                ParamSpec.builder("dataset", ParamType.CHOICE)
                    .setLabel("Dataset")
                    .setHelp("Which sample to use.")
                    .addChoice("iris", "Iris flowers")
                    .addChoice("digits", "Handwritten digits")
                    .optDefault("iris")
                    .build())
            .build();
    NodeSpec split =
        NodeSpec.builder("prepare.split")
            .setDisplayName("Split")
            .setCategory(Category.PREPARE)
            .setSummary("Keeps some rows aside for testing.")
            .setWhatItDoes("Divides the rows into a training part and a test part.")
            .optWatchOutFor("Never train on the test part.")
            .addInput(PortSpec.of("data", PortType.DATA, "Data", "Rows to divide."))
            .addOutput(PortSpec.of("train", PortType.TABLE, "Train", "Rows to learn from."))
            .addOutput(PortSpec.of("test", PortType.TABLE, "Test", "Rows kept aside."))
            .addParam(
                ParamSpec.builder("testShare", ParamType.NUMBER)
                    .setLabel("Test share")
                    .setHelp("Share of rows kept for testing.")
                    .optRange(0.05, 0.5)
                    .optDefault(0.2)
                    .build())
            .addParam(
                ParamSpec.builder("seed", ParamType.INTEGER)
                    .setLabel("Seed")
                    .setHelp("Makes the split repeatable.")
                    .optDefault(42L)
                    .optAdvanced(true)
                    .build())
            .build();
    NodeSpec train =
        NodeSpec.builder("train.train")
            .setDisplayName("Train")
            .setCategory(Category.TRAIN)
            .setSummary("Teaches a model from examples.")
            .setWhatItDoes("Shows the model the training rows again and again.")
            .optWhyItMatters("This is where the learning happens.")
            .optWatchOutFor("Too many epochs can overfit.")
            .addInput(PortSpec.of("train", PortType.DATA, "Train", "Rows to learn from."))
            .addOutput(PortSpec.of("model", PortType.MODEL, "Model", "The trained model."))
            .addParam(
                ParamSpec.builder("epochs", ParamType.INTEGER)
                    .setLabel("Epochs")
                    .setHelp("How many times to go through the data.")
                    .optRange(1.0, 500.0)
                    .optDefault(10L)
                    .build())
            .addParam(
                ParamSpec.builder("learningRate", ParamType.NUMBER)
                    .setLabel("Learning rate")
                    .setHelp("How big each learning step is.")
                    .optRange(0.00001, 1.0)
                    .optDefault(0.01)
                    .optAdvanced(true)
                    .build())
            .addPreset("Quick try", Map.of("epochs", IntNode.valueOf(5)))
            .addPreset("Thorough", Map.of("epochs", IntNode.valueOf(60)))
            .optHeavy(true)
            .build();
    NodeSpec evaluate =
        NodeSpec.builder("evaluate.evaluate")
            .setDisplayName("Evaluate")
            .setCategory(Category.EVALUATE)
            .setSummary("Measures how good the model is.")
            .setWhatItDoes("Lets the model predict the test rows and counts what it got right.")
            .addInput(PortSpec.of("model", PortType.MODEL, "Model", "The model to measure."))
            .addInput(PortSpec.of("data", PortType.DATA, "Data", "Rows it never saw."))
            .addOutput(PortSpec.of("report", PortType.REPORT, "Report", "Scores and findings."))
            .build();
    return NodeRegistry.of(
        List.of(new Block(sample), new Block(split), new Block(train), new Block(evaluate)));
  }

  /** Returns {@link #registry()} plus stand-ins for the Load CSV and Load images blocks. */
  static NodeRegistry registryWithLoaders() {
    NodeSpec csv =
        NodeSpec.builder("data.load-csv")
            .setDisplayName("Load CSV")
            .setCategory(Category.DATA)
            .setSummary("Reads a table from a CSV file.")
            .setWhatItDoes("Reads each line of the file as one row.")
            .addOutput(PortSpec.of("table", PortType.TABLE, "Table", "The rows read."))
            .addParam(
                ParamSpec.builder("file", ParamType.FILE)
                    .setLabel("File")
                    .setHelp("The CSV file to read.")
                    .build())
            .build();
    NodeSpec images =
        NodeSpec.builder("data.load-images")
            .setDisplayName("Load images")
            .setCategory(Category.DATA)
            .setSummary("Reads pictures from a folder.")
            .setWhatItDoes("Reads one sub-folder per label.")
            .addOutput(PortSpec.of("images", PortType.IMAGES, "Images", "The pictures read."))
            .addParam(
                ParamSpec.builder("folder", ParamType.FOLDER)
                    .setLabel("Folder")
                    .setHelp("The folder of pictures.")
                    .build())
            .build();
    List<NodeType> all = new java.util.ArrayList<>(registry().all());
    all.add(new Block(csv));
    all.add(new Block(images));
    return NodeRegistry.of(all);
  }
}
