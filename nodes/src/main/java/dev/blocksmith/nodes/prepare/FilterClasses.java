package dev.blocksmith.nodes.prepare;

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
import dev.blocksmith.engine.value.ImageSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The "Keep classes" block: keeps only the examples of some classes, and optionally only the first
 * few of each, to build a smaller task (a base model for some classes, a few-shot set for others).
 */
public final class FilterClasses implements NodeType {

  /** The examples to filter. */
  public static final Port<Dataset> DATA_IN =
      Port.of(
          "data",
          PortType.DATA,
          Dataset.class,
          "Data",
          "Labelled examples: a table or a set of images.");

  /** The kept examples. */
  public static final Port<Dataset> DATA_OUT =
      Port.of(
          "data",
          PortType.DATA,
          Dataset.class,
          "Data",
          "Only the examples of the kept classes; images list only the kept classes.");

  /** Which classes. */
  public static final Param<String> CLASSES =
      Param.text("classes")
          .setLabel("Classes to keep")
          .setHelp(
              "The class names to keep, separated by commas, such as 0,1,2,3,4. Leave empty "
                  + "to keep every class.")
          .optDefault("")
          .build();

  /** How many per class. */
  public static final Param<Integer> PER_CLASS =
      Param.integer("perClass")
          .setLabel("Examples per class")
          .setHelp(
              "Keep at most this many examples of each class (the first ones), to try "
                  + "learning from only a few examples. 0 keeps them all.")
          .optDefault(0)
          .optRange(0.0, 1_000_000.0)
          .build();

  private static final NodeSpec SPEC =
      NodeSpec.builder("prepare.filter-classes")
          .setDisplayName("Keep classes")
          .setCategory(Category.PREPARE)
          .setSummary("Keep only some classes, or only a few examples of each.")
          .setWhatItDoes(
              "Drops every example whose label is not in the list, and can cap how many "
                  + "examples of each class are kept.")
          .optWhyItMatters(
              "Lets you build a base model on some classes and teach it new ones "
                  + "later from a handful of examples (fine-tuning).")
          .optWatchOutFor("Filtering before a split changes what the test part contains.")
          .addInput(DATA_IN)
          .addOutput(DATA_OUT)
          .addParam(CLASSES)
          .addParam(PER_CLASS)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, PortType> inferOutputs(Map<String, PortType> inputTypes, Params params) {
    return Map.of(DATA_OUT.name(), inputTypes.getOrDefault(DATA_IN.name(), PortType.DATA));
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    Dataset data = inputs.get(DATA_IN);
    List<String> wanted =
        Arrays.stream(params.get(CLASSES).split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .distinct()
            .toList();
    int cap = params.get(PER_CLASS);
    List<Integer> rows = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < data.size(); i++) {
      String label = data.stratumOf(i);
      if (label != null) {
        seen.add(label);
      }
      if (label == null || (!wanted.isEmpty() && !wanted.contains(label))) {
        continue;
      }
      int n = counts.merge(label, 1, Integer::sum);
      if (cap == 0 || n <= cap) {
        rows.add(i);
      }
    }
    List<String> missing = wanted.stream().filter(w -> !seen.contains(w)).toList();
    if (!missing.isEmpty()) {
      throw NodeException.atParam(
          ctx.nodeId(),
          CLASSES.name(),
          "Block \""
              + ctx.nodeId()
              + "\" should keep class(es) "
              + String.join(", ", missing)
              + ", but the data has no such class. It has: "
              + String.join(", ", seen)
              + ".",
          "Use class names exactly as they appear in the data.");
    }
    Dataset kept = data.subset(rows.stream().mapToInt(Integer::intValue).toArray());
    if (kept instanceof ImageSet images && !wanted.isEmpty()) {
      kept = onlyClasses(images, images.classNames().stream().filter(wanted::contains).toList());
    }
    ctx.log(
        "Kept "
            + kept.size()
            + " of "
            + data.size()
            + " examples"
            + (wanted.isEmpty() ? "" : " of classes " + String.join(", ", wanted))
            + (cap > 0 ? ", at most " + cap + " per class" : "")
            + ".");
    return Outputs.of(DATA_OUT, kept);
  }

  /** Returns the images with their class list reduced to {@code classes} (labels renumbered). */
  static ImageSet onlyClasses(ImageSet images, List<String> classes) {
    int n = images.size();
    int[] labels = new int[n];
    int size = images.channels() * images.height() * images.width();
    byte[] pixels = new byte[n * size];
    for (int i = 0; i < n; i++) {
      labels[i] = classes.indexOf(images.classNames().get(images.label(i)));
      System.arraycopy(images.image(i), 0, pixels, i * size, size);
    }
    return new ImageSet(
            images.width(),
            images.height(),
            images.channels(),
            classes,
            labels,
            pixels,
            images.sources(),
            images.skipped())
        .withAugmentation(images.augmentation().orElse(null));
  }
}
