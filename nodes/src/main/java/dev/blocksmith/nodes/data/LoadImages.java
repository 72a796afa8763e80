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
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.nodes.data.images.ImageFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Loads a folder of images with one sub-folder per class, resized to one size. */
public final class LoadImages implements NodeType {
  /** The class name given to pictures that are not sorted into class folders. */
  public static final String UNSORTED = "(not sorted)";

  /** The labelled pictures. */
  public static final Port<ImageSet> IMAGES =
      Port.of("images", PortType.IMAGES, ImageSet.class, "Images", "The labelled pictures.");

  /** The folder holding one sub-folder per class. */
  public static final Param<String> FOLDER =
      Param.folder("folder")
          .setLabel("Folder")
          .setHelp(
              "A folder with one sub-folder of pictures per class (cats/, dogs/). For"
                  + " Predict, a folder of unsorted pictures works too.")
          .optRequired(true)
          .build();

  /** The width and height every image is resized to. */
  public static final Param<Integer> SIZE =
      Param.integer("size")
          .setLabel("Size (pixels)")
          .setHelp("Every picture is resized to this width and height.")
          .optDefault(28)
          .optRange(4.0, 256.0)
          .build();

  /** Grayscale or colour. */
  public static final Param<String> COLOUR =
      Param.choice("colour")
          .setLabel("Colour")
          .setHelp("Grayscale is smaller and faster; colour keeps red, green and blue.")
          .addChoice("grayscale", "Grayscale")
          .addChoice("colour", "Colour")
          .optDefault("grayscale")
          .build();

  private static final NodeSpec SPEC =
      NodeSpec.builder("data.load-images")
          .setDisplayName("Load images")
          .setCategory(Category.DATA)
          .setSummary("Reads pictures sorted into one folder per class.")
          .setWhatItDoes(
              "Reads every PNG, JPEG, BMP or GIF in the sub-folders of a folder; each"
                  + " sub-folder's name is the class of its pictures (cats/, dogs/). Pictures are"
                  + " resized to one square size. Files that cannot be read are skipped and listed.")
          .optWhyItMatters("Sorting pictures into folders is the simplest way to label them.")
          .optWatchOutFor(
              "Keep the classes about the same size, and small sizes (28–64) train"
                  + " much faster.")
          .addOutput(IMAGES)
          .addParam(FOLDER)
          .addParam(SIZE)
          .addParam(COLOUR)
          .build();

  @Override
  public NodeSpec spec() {
    return SPEC;
  }

  @Override
  public List<ParamProblem> checkParams(Params params, Path baseDir) {
    Path dir = params.path(FOLDER, baseDir);
    return !params.isSet(FOLDER) || Files.isDirectory(dir)
        ? List.of()
        : List.of(
            new ParamProblem(
                FOLDER.name(),
                "The folder " + dir + " was not found.",
                "Check the name, or pick the folder again."));
  }

  @Override
  public Map<String, Object> execute(Inputs inputs, Params params, NodeContext ctx)
      throws NodeException, IOException {
    Path dir = params.path(FOLDER, ctx.baseDir());
    if (!Files.isDirectory(dir)) {
      throw NodeException.atParam(
          ctx.nodeId(),
          FOLDER.name(),
          "The folder " + dir + " was not found.",
          "Check the name, or pick the folder again.");
    }
    int size = params.get(SIZE);
    int channels = params.get(COLOUR).equals("colour") ? 3 : 1;
    List<Path> classDirs = visible(dir).filter(Files::isDirectory).toList();
    // Pictures not sorted into class folders have no answers: fine for Predict, not for training.
    boolean unsorted = classDirs.isEmpty();
    if (unsorted) {
      classDirs = List.of(dir);
    }
    List<List<Path>> files = new ArrayList<>();
    int total = 0;
    for (Path c : classDirs) {
      List<Path> list = visible(c).filter(Files::isRegularFile).toList();
      files.add(list);
      total += list.size();
    }
    List<String> classes = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    ByteArrayOutputStream pixels = new ByteArrayOutputStream();
    int done = 0;
    for (int k = 0; k < classDirs.size(); k++) {
      String name = unsorted ? UNSORTED : classDirs.get(k).getFileName().toString();
      int label = -1;
      for (Path f : files.get(k)) {
        ctx.checkCancelled();
        String source = unsorted ? f.getFileName().toString() : name + "/" + f.getFileName();
        try {
          pixels.writeBytes(ImageFiles.resize(ImageFiles.read(f), size, channels));
          if (label < 0) {
            label = classes.size();
            classes.add(name);
          }
          labels.add(label);
          sources.add(source);
        } catch (ImageFiles.Unreadable e) {
          skipped.add(source + " " + e.getMessage());
        }
        ctx.progress((double) ++done / total, done + " of " + total + " files");
      }
    }
    if (!skipped.isEmpty()) {
      ctx.log(
          "Skipped "
              + skipped.size()
              + " file"
              + (skipped.size() == 1 ? "" : "s")
              + " that could not be read: "
              + String.join("; ", skipped)
              + ".");
    }
    if (unsorted && !labels.isEmpty()) {
      ctx.log(
          String.format(
              "Loaded %,d pictures that are not sorted into class folders, so they"
                  + " have no answers: fine for Predict. To train or evaluate, put each class's pictures"
                  + " in its own sub-folder.",
              labels.size()));
      return Outputs.of(
          IMAGES,
          new ImageSet(
              size,
              size,
              channels,
              classes,
              labels.stream().mapToInt(Integer::intValue).toArray(),
              pixels.toByteArray(),
              sources,
              skipped));
    }
    if (classes.size() < 2) {
      throw NodeException.atParam(
          ctx.nodeId(),
          FOLDER.name(),
          (labels.isEmpty()
                  ? "No readable images were found in the sub-folders of " + dir + "."
                  : "Only one class of images was found (" + classes.get(0) + ") in " + dir + ".")
              + " A model needs at least two classes to tell apart.",
          "Put each class's pictures in its own sub-folder, such as cats/ and dogs/.");
    }
    int[] counts = new int[classes.size()];
    labels.forEach(l -> counts[l]++);
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < counts.length; k++) {
      parts.add(classes.get(k) + ": " + counts[k]);
    }
    ctx.log(
        String.format(
            "Loaded %,d images in %d classes (%s), resized to %d×%d %s.",
            labels.size(),
            classes.size(),
            String.join(", ", parts),
            size,
            size,
            channels == 1 ? "grayscale" : "colour"));
    return Outputs.of(
        IMAGES,
        new ImageSet(
            size,
            size,
            channels,
            classes,
            labels.stream().mapToInt(Integer::intValue).toArray(),
            pixels.toByteArray(),
            sources,
            skipped));
  }

  private static Stream<Path> visible(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList().stream();
    }
  }
}
