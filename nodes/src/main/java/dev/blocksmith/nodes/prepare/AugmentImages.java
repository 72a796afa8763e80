package dev.blocksmith.nodes.prepare;

import dev.blocksmith.engine.model.Augmenter;
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
import dev.blocksmith.engine.value.Augmentation;
import dev.blocksmith.engine.value.Chart;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.Picture;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.nodes.report.ChangeLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The "Augment images" block: attaches a recipe of random changes (flips, small rotations, shifts,
 * crops, brightness, contrast, noise) to a set of pictures. Nothing is copied: Train and Fine-tune
 * vary their <em>training</em> pictures anew every epoch; validation, test and prediction pictures
 * are never changed. Its report shows a few pictures as training will see them.
 */
public final class AugmentImages implements NodeType {
  /** The pictures. */
  public static final Port<ImageSet> IMAGES_IN =
      Port.of("images", PortType.IMAGES, ImageSet.class, "Images", "The pictures to vary.");

  /** The same pictures with the recipe attached. */
  public static final Port<ImageSet> IMAGES =
      Port.of(
          "images",
          PortType.IMAGES,
          ImageSet.class,
          "Images",
          "The same pictures, unchanged, carrying the recipe that training applies to its part.");

  /** The preview. */
  public static final Port<Report> REPORT =
      Port.of(
          "report",
          PortType.REPORT,
          Report.class,
          "Preview",
          "A few pictures as they are, and as three epochs of training will see them.");

  /** Mirror left–right. */
  public static final Param<Boolean> FLIP =
      Param.bool("flip")
          .setLabel("Mirror left–right")
          .setHelp(
              "Half of the time, show the picture mirrored. Good for photos of things; turn it "
                  + "off for digits and letters, whose meaning changes in a mirror.")
          .optDefault(true)
          .build();

  /** Mirror top–bottom. */
  public static final Param<Boolean> FLIP_VERTICAL =
      Param.bool("flipVertical")
          .setLabel("Mirror top–bottom")
          .setHelp("Half of the time, turn the picture upside down (for views from above only).")
          .optDefault(false)
          .optAdvanced(true)
          .build();

  /** Rotation range. */
  public static final Param<Double> ROTATE =
      Param.number("rotate")
          .setLabel("Rotate up to (degrees)")
          .setHelp("Turn each picture by a random angle between minus and plus this many degrees.")
          .optDefault(10.0)
          .optRange(0.0, 45.0)
          .build();

  /** Shift range. */
  public static final Param<Double> SHIFT =
      Param.number("shift")
          .setLabel("Move up to")
          .setHelp("Move each picture by up to this fraction of its size (0.1 = 10 %).")
          .optDefault(0.1)
          .optRange(0.0, 0.5)
          .build();

  /** Crop-in range. */
  public static final Param<Double> ZOOM =
      Param.number("zoom")
          .setLabel("Crop in up to")
          .setHelp("Cut away up to this fraction of the sides and enlarge the rest back (a crop).")
          .optDefault(0.1)
          .optRange(0.0, 0.5)
          .build();

  /** Brightness range. */
  public static final Param<Double> BRIGHTNESS =
      Param.number("brightness")
          .setLabel("Brightness change")
          .setHelp("Make each picture brighter or darker by up to this fraction of full white.")
          .optDefault(0.1)
          .optRange(0.0, 1.0)
          .build();

  /** Contrast range. */
  public static final Param<Double> CONTRAST =
      Param.number("contrast")
          .setLabel("Contrast change")
          .setHelp("Strengthen or soften the contrast by up to this fraction.")
          .optDefault(0.1)
          .optRange(0.0, 1.0)
          .build();

  /** Noise strength. */
  public static final Param<Double> NOISE =
      Param.number("noise")
          .setLabel("Noise")
          .setHelp("Sprinkle random grain of this strength (a fraction of full white); 0 = none.")
          .optDefault(0.0)
          .optRange(0.0, 0.5)
          .optAdvanced(true)
          .build();

  /** The seed. */
  public static final Param<Integer> SEED =
      Param.integer("seed")
          .setLabel("Random seed")
          .setHelp(
              "The same seed gives the same varied pictures in every run; change it for others.")
          .optDefault(1)
          .optRange(0.0, 2_000_000_000.0)
          .optAdvanced(true)
          .build();

  private static final int PREVIEW_PICTURES = 4;
  private static final int PREVIEW_EPOCHS = 3;

  private static final NodeSpec SPEC =
      NodeSpec.builder("prepare.augment-images")
          .setDisplayName("Augment images")
          .setCategory(Category.PREPARE)
          .setSummary("Show training slightly different pictures every epoch.")
          .setWhatItDoes(
              "Chooses random changes — mirroring, small turns and moves, crops, brighter or "
                  + "darker, more or less contrast — that Train and Fine-tune apply to their training "
                  + "pictures, differently in every epoch. Validation and test pictures are never "
                  + "changed, and the pictures themselves are not copied.")
          .optWhyItMatters(
              "With few pictures a model memorises them; seeing them a little different "
                  + "each time teaches it what matters (data augmentation), and phone photos really "
                  + "do vary like this.")
          .optWatchOutFor(
              "Only use changes that keep the answer the same: a mirrored 2 is no 2, an upside-"
                  + "down street is unusual. Look at the preview. Training needs more epochs.")
          .addInput(IMAGES_IN)
          .addOutput(IMAGES)
          .addOutput(REPORT)
          .addParam(FLIP)
          .addParam(FLIP_VERTICAL)
          .addParam(ROTATE)
          .addParam(SHIFT)
          .addParam(ZOOM)
          .addParam(BRIGHTNESS)
          .addParam(CONTRAST)
          .addParam(NOISE)
          .addParam(SEED)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException {
    ImageSet images = inputs.get(IMAGES_IN);
    Augmentation recipe =
        new Augmentation(
            params.get(FLIP),
            params.get(FLIP_VERTICAL),
            params.get(ROTATE),
            params.get(SHIFT),
            params.get(ZOOM),
            params.get(BRIGHTNESS),
            params.get(CONTRAST),
            params.get(NOISE),
            params.get(SEED));
    ChangeLog log = new ChangeLog(ctx);
    if (recipe.changesAnything()) {
      log.add(
          "Varied in training",
          "Every epoch, Train and Fine-tune show their training pictures "
              + recipe.describe()
              + " (at random, seed "
              + recipe.seed()
              + "). Validation and test pictures stay as they are.");
    } else {
      log.add("Nothing to vary", "Every change is turned off; training sees the pictures as is.");
    }
    Report report = log.report("What Augment images does");
    if (images.size() > 0) {
      report = report.with(List.of(preview(images, recipe)), List.of(), null);
    }
    return Outputs.builder()
        .put(IMAGES, images.withAugmentation(recipe))
        .put(REPORT, report)
        .build();
  }

  /** Returns a grid: each row one picture, as it is and as three epochs vary it. */
  static Chart preview(ImageSet images, Augmentation recipe) {
    List<Integer> rows = new ArrayList<>();
    List<Integer> seenClasses = new ArrayList<>();
    for (int i = 0; i < images.size() && rows.size() < PREVIEW_PICTURES; i++) {
      if (!seenClasses.contains(images.label(i))) {
        seenClasses.add(images.label(i));
        rows.add(i);
      }
    }
    for (int i = 0; i < images.size() && rows.size() < PREVIEW_PICTURES; i++) {
      if (!rows.contains(i)) {
        rows.add(i);
      }
    }
    int[] picked = rows.stream().mapToInt(Integer::intValue).toArray();
    ImageSet originals = images.subset(picked);
    List<ImageSet> epochs = new ArrayList<>();
    for (int e = 1; e <= PREVIEW_EPOCHS; e++) {
      // Varied as at their own positions in the set, so the preview matches training.
      epochs.add(Augmenter.apply(images, recipe, e, picked));
    }
    List<Picture> pictures = new ArrayList<>();
    for (int k = 0; k < picked.length; k++) {
      String name = images.classNames().get(images.label(picked[k]));
      pictures.add(picture(originals, k, name + ", as is"));
      for (int e = 0; e < epochs.size(); e++) {
        pictures.add(picture(epochs.get(e), k, "epoch " + (e + 1)));
      }
    }
    return new Chart(
        Chart.Kind.PICTURES,
        "What training sees",
        "Each row is one picture: first as it is, then as three epochs of training will see it. "
            + "If a changed picture no longer shows its class, turn that change down.",
        "",
        "",
        List.of(),
        List.of(),
        null,
        pictures);
  }

  private static Picture picture(ImageSet set, int i, String caption) {
    return new Picture(
        caption, set.width(), set.height(), set.channels(), set.image(i), new double[0]);
  }
}
