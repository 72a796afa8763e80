package dev.blocksmith.editor.share;

import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.graph.GraphFormatException;
import dev.blocksmith.engine.graph.GraphJson;
import java.awt.image.RenderedImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * A picture of the canvas that reopens: the PNG carries the graph's JSON (exactly the text a save
 * writes) in a compressed {@code iTXt} chunk with the keyword {@value #KEYWORD}, written and read
 * through javax.imageio's PNG metadata. A picture comes from someone else, so before ImageIO reads
 * its metadata the text chunks are checked against size limits (the JDK's reader would inflate a
 * compressed chunk without any bound); the JSON then goes through the same {@link GraphJson#read}
 * as an opened file.
 */
public final class GraphPicture {
  /** The iTXt keyword under which the graph is stored. */
  public static final String KEYWORD = "blocksmith-graph";

  /** Largest picture file read. */
  public static final long MAX_PICTURE_BYTES = 64L * 1024 * 1024;

  /** Largest text chunk (as stored, compressed or not) accepted. */
  public static final int MAX_CHUNK_BYTES = 4 * 1024 * 1024;

  /** Most text all the chunks together may hold once inflated: twice a graph file's limit. */
  public static final long MAX_TEXT_BYTES = 2 * GraphJson.MAX_FILE_BYTES;

  private static final String PNG_FORMAT = "javax_imageio_png_1.0";
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private GraphPicture() {}

  /** Writes {@code image} as a PNG to {@code file} (atomically) with {@code graphJson} inside. */
  public static void write(RenderedImage image, String graphJson, Path file) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IOException("This Java has no PNG writer.");
    }
    ImageWriter writer = writers.next();
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".picture-", ".tmp");
    try {
      var param = writer.getDefaultWriteParam();
      IIOMetadata meta =
          writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
      IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
      entry.setAttribute("keyword", KEYWORD);
      entry.setAttribute("compressionFlag", "TRUE");
      entry.setAttribute("compressionMethod", "0");
      entry.setAttribute("languageTag", "");
      entry.setAttribute("translatedKeyword", "");
      entry.setAttribute("text", graphJson);
      IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
      itxt.appendChild(entry);
      IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
      root.appendChild(itxt);
      meta.mergeTree(PNG_FORMAT, root);
      try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(image, null, meta), param);
      } finally {
        writer.dispose();
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Returns the pipeline in a picture, checked as an opened graph file is.
   *
   * @throws GraphFormatException with a plain message when the picture holds no pipeline, an
   *     oversized one, or one that is not a valid graph
   */
  public static Graph readGraph(Path file) throws IOException, GraphFormatException {
    String json = readJson(file);
    try {
      return GraphJson.read(json);
    } catch (GraphFormatException e) {
      throw new GraphFormatException(
          "The picture "
              + file.getFileName()
              + " holds a Blocksmith pipeline that is damaged: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Returns the graph JSON stored in a picture, exactly as it was written.
   *
   * @throws GraphFormatException when the picture holds none, or a text chunk over the limits
   */
  public static String readJson(Path file) throws IOException, GraphFormatException {
    String name = String.valueOf(file.getFileName());
    if (!Files.isRegularFile(file)) {
      throw new GraphFormatException("There is no picture file at " + file + ".");
    }
    long size = Files.size(file);
    if (size > MAX_PICTURE_BYTES) {
      throw new GraphFormatException(
          String.format(
              Locale.ROOT,
              "The picture %s is %,d bytes, more than the %,d a pipeline picture may have.",
              name,
              size,
              MAX_PICTURE_BYTES));
    }
    checkTextChunks(file, name);
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw noPipeline(name, "it is not a PNG picture");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, false);
        IIOMetadata meta = reader.getImageMetadata(0);
        if (meta == null || !Arrays.asList(meta.getMetadataFormatNames()).contains(PNG_FORMAT)) {
          throw noPipeline(name, "it is not a PNG picture");
        }
        for (Node n = meta.getAsTree(PNG_FORMAT).getFirstChild(); n != null; ) {
          if (n.getNodeName().equals("iTXt")) {
            for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
              IIOMetadataNode entry = (IIOMetadataNode) e;
              if (KEYWORD.equals(entry.getAttribute("keyword"))) {
                return entry.getAttribute("text");
              }
            }
          }
          n = n.getNextSibling();
        }
        throw noPipeline(name, "it has no pipeline stored inside");
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw noPipeline(name, "it could not be read as a PNG picture (" + e.getMessage() + ")");
    }
  }

  /**
   * Walks the PNG's chunks (lengths and types only) and refuses a text chunk larger than {@link
   * #MAX_CHUNK_BYTES}, or a compressed one that would inflate past a graph file's size limit,
   * before ImageIO inflates it without a bound. Pictures that are not PNG are left to ImageIO.
   */
  private static void checkTextChunks(Path file, String name)
      throws IOException, GraphFormatException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      byte[] sig = in.readNBytes(SIGNATURE.length);
      if (!Arrays.equals(sig, SIGNATURE)) {
        throw noPipeline(name, "it is not a PNG picture");
      }
      long text = 0;
      while (true) {
        long length = Integer.toUnsignedLong(in.readInt());
        String type = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
        boolean isText = type.equals("iTXt") || type.equals("zTXt") || type.equals("tEXt");
        if (isText && length > MAX_CHUNK_BYTES) {
          throw noPipeline(
              name,
              String.format(
                  Locale.ROOT,
                  "its %s text chunk is %,d bytes, more than the %,d a pipeline may take",
                  type,
                  length,
                  MAX_CHUNK_BYTES));
        }
        if (isText && !type.equals("tEXt")) {
          byte[] data = in.readNBytes((int) length);
          int start = compressedStart(type, data);
          text += start >= 0 ? inflatedSize(name, type, data, start) : length;
          in.skipNBytes(4);
        } else {
          text += isText ? length : 0;
          in.skipNBytes(length + 4);
        }
        if (text > MAX_TEXT_BYTES) {
          throw noPipeline(
              name,
              String.format(
                  Locale.ROOT,
                  "its text chunks together hold more than %,d bytes, more than a pipeline"
                      + " picture may have",
                  MAX_TEXT_BYTES));
        }
        if (type.equals("IEND")) {
          return;
        }
      }
    } catch (EOFException e) {
      // A truncated file: ImageIO says what is wrong with it.
    }
  }

  /** Returns where the zlib data of a zTXt or compressed iTXt chunk starts, or -1. */
  private static int compressedStart(String type, byte[] d) {
    int i = indexOf(d, 0) + 1; // after the keyword's terminator
    if (i <= 0) {
      return -1;
    }
    if (type.equals("zTXt")) {
      return i + 1 < d.length ? i + 1 : -1;
    }
    if (i + 2 > d.length || d[i] != 1) {
      return -1; // iTXt stored uncompressed
    }
    int lang = indexOf(d, i + 2);
    int translated = lang < 0 ? -1 : indexOf(d, lang + 1);
    return translated < 0 ? -1 : translated + 1;
  }

  private static int indexOf(byte[] d, int from) {
    for (int i = from; i < d.length; i++) {
      if (d[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Returns how large a compressed chunk's text is once inflated, refusing it past the limit. */
  private static long inflatedSize(String name, String type, byte[] data, int start)
      throws GraphFormatException {
    Inflater inflater = new Inflater();
    long total = 0;
    try {
      inflater.setInput(data, start, data.length - start);
      byte[] buf = new byte[64 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        total += n;
        if (total > GraphJson.MAX_FILE_BYTES) {
          throw noPipeline(
              name,
              String.format(
                  Locale.ROOT,
                  "its %s text chunk inflates to more than %,d bytes, more than a pipeline may"
                      + " have",
                  type,
                  GraphJson.MAX_FILE_BYTES));
        }
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break; // truncated or odd data: ImageIO reports it
        }
      }
    } catch (DataFormatException e) {
      // damaged compressed text: not ours to judge, ImageIO or the JSON check will say
    } finally {
      inflater.end();
    }
    return total;
  }

  private static GraphFormatException noPipeline(String name, String why) {
    return new GraphFormatException(
        "This picture holds no Blocksmith pipeline: "
            + name
            + " was not opened because "
            + why
            + ". Only pictures saved with Blocksmith's File ▸ Export image reopen as a pipeline.");
  }
}
