package dev.blocksmith.engine.validate;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.blocksmith.engine.model.ModelBundle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipFile;

/**
 * Tells whether an existing file is one Blocksmith writes, by its content: a model file is a zip
 * holding {@code bundle.json}; an ONNX file names Blocksmith as its producer. Only such files are
 * replaced by a run without asking; anything else (a user's file with the same name) needs their
 * agreement.
 */
final class BlocksmithFiles {
  /** ONNX {@code ModelProto} field numbers: ir_version (1) and producer_name (2). */
  private static final int ONNX_PRODUCER = 2;

  private static final int ONNX_FIELDS_READ = 8;

  private BlocksmithFiles() {}

  /** Returns whether the file's content is in a format Blocksmith writes and says so. */
  static boolean madeByBlocksmith(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      if (name.endsWith(ModelBundle.EXTENSION)) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
          return zip.getEntry("bundle.json") != null;
        }
      }
      if (name.endsWith(".onnx")) {
        return "Blocksmith".equals(onnxProducer(file));
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  /** Returns an ONNX file's producer name, reading only the first few fields; null when none. */
  private static String onnxProducer(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      CodedInputStream coded = CodedInputStream.newInstance(in);
      coded.setSizeLimit(1 << 20);
      for (int i = 0; i < ONNX_FIELDS_READ; i++) {
        int tag = coded.readTag();
        if (tag == 0) {
          return null;
        }
        if (WireFormat.getTagFieldNumber(tag) == ONNX_PRODUCER
            && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          return coded.readString();
        }
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          return null; // a big field (the graph) before the producer: not ours
        }
        coded.skipField(tag);
      }
    }
    return null;
  }
}
