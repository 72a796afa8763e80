package dev.blocksmith.engine.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.blocksmith.engine.model.ArchSpec;
import dev.blocksmith.engine.model.Preprocessing;
import dev.blocksmith.engine.model.Provenance;
import dev.blocksmith.engine.model.TrainedModel;
import dev.blocksmith.engine.value.Augmentation;
import dev.blocksmith.engine.value.BooleanColumn;
import dev.blocksmith.engine.value.CategoryColumn;
import dev.blocksmith.engine.value.Column;
import dev.blocksmith.engine.value.ColumnRole;
import dev.blocksmith.engine.value.Curve;
import dev.blocksmith.engine.value.ImageSet;
import dev.blocksmith.engine.value.NumberColumn;
import dev.blocksmith.engine.value.Recipe;
import dev.blocksmith.engine.value.Report;
import dev.blocksmith.engine.value.Table;
import dev.blocksmith.engine.value.TextColumn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binary codecs for the values that flow on edges: {@link Table} (every column type and role, and
 * its recipe), {@link ImageSet}, {@link TrainedModel} and {@link Report}. A value of another type
 * has no codec and is simply not stored on disk. Decoding trusts nothing: every count is checked
 * against the bytes that are left, and the values' own constructors check the rest.
 */
public final class ValueCodecs {
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final int NUMBER = 0;
  private static final int CATEGORY = 1;
  private static final int TEXT = 2;
  private static final int BOOLEAN = 3;

  private ValueCodecs() {}

  /** An encoded value: the codec's name and the bytes. */
  public record Encoded(String codec, byte[] bytes) {}

  /** Returns the encoded value, or empty when its type has no codec. */
  public static Optional<Encoded> encode(Object value) throws IOException {
    if (value instanceof Table t) {
      return Optional.of(new Encoded("table", table(t)));
    } else if (value instanceof ImageSet s) {
      return Optional.of(new Encoded("images", images(s)));
    } else if (value instanceof TrainedModel m) {
      return Optional.of(new Encoded("model", model(m)));
    } else if (value instanceof Report r) {
      return Optional.of(new Encoded("report", JSON.writeValueAsBytes(r)));
    }
    return Optional.empty();
  }

  /**
   * Returns the value a codec wrote.
   *
   * @throws IOException when the bytes are not a value of that codec (damaged or unknown)
   */
  public static Object decode(String codec, byte[] bytes) throws IOException {
    try {
      return switch (codec) {
        case "table" -> table(new Bytes.In(bytes));
        case "images" -> images(new Bytes.In(bytes));
        case "model" -> model(new Bytes.In(bytes));
        case "report" -> JSON.readValue(bytes, Report.class);
        default -> throw new IOException("no codec named " + codec);
      };
    } catch (RuntimeException e) {
      throw new IOException("damaged " + codec + " entry: " + e, e);
    }
  }

  /**
   * Returns a rough size in memory of a value, in bytes, for the in-memory cache's bound. Values of
   * unknown types count as 64 KB.
   */
  public static long estimateBytes(Object value) {
    if (value instanceof Table t) {
      long n = 256;
      for (Column c : t.columns()) {
        n += 64 + columnBytes(c);
      }
      return n;
    } else if (value instanceof ImageSet s) {
      long perImage = (long) s.channels() * s.width() * s.height() + 4 + 8 + 64;
      return 256 + perImage * s.size();
    } else if (value instanceof TrainedModel m) {
      return 4096L + m.weights().length;
    } else if (value instanceof Report r) {
      long cells = 0;
      for (int[] row : r.confusion()) {
        cells += row.length;
      }
      return 4096L
          + 4 * cells
          + 256L * r.perClass().size()
          + r.curves().stream().mapToLong(c -> 64 + 24L * c.values().size()).sum()
          + r.parts().stream().mapToLong(ValueCodecs::estimateBytes).sum();
    }
    return 64 * 1024;
  }

  private static long columnBytes(Column c) {
    if (c instanceof NumberColumn x) {
      return 8L * x.size();
    } else if (c instanceof CategoryColumn x) {
      return 4L * x.size() + x.levels().stream().mapToLong(v -> 48 + 2L * v.length()).sum();
    } else if (c instanceof TextColumn x) {
      long s = 0;
      for (int i = 0; i < x.size(); i++) {
        String v = x.get(i);
        s += 8 + (v == null ? 0 : 48 + v.length());
      }
      return s;
    }
    return c.size();
  }

  private static byte[] table(Table t) throws IOException {
    Bytes.Out out = new Bytes.Out();
    out.writeInt(t.rowCount());
    out.writeInt(t.columns().size());
    for (Column c : t.columns()) {
      out.writeString(c.name());
      out.writeByte(t.role(c.name()).ordinal());
      writeColumn(out, c);
    }
    out.writeBytes(JSON.writeValueAsBytes(t.recipe()));
    return out.toByteArray();
  }

  private static void writeColumn(Bytes.Out out, Column c) {
    if (c instanceof NumberColumn x) {
      out.writeByte(NUMBER);
      double[] v = new double[x.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = x.get(i);
      }
      out.writeDoubles(v);
    } else if (c instanceof CategoryColumn x) {
      out.writeByte(CATEGORY);
      out.writeInt(x.levels().size());
      x.levels().forEach(out::writeString);
      int[] codes = new int[x.size()];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = x.code(i);
      }
      out.writeInts(codes);
    } else if (c instanceof TextColumn x) {
      out.writeByte(TEXT);
      out.writeInt(x.size());
      for (int i = 0; i < x.size(); i++) {
        out.writeString(x.get(i));
      }
    } else {
      BooleanColumn x = (BooleanColumn) c;
      out.writeByte(BOOLEAN);
      byte[] v = new byte[x.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (byte) x.get(i);
      }
      out.writeBytes(v);
    }
  }

  private static Table table(Bytes.In in) throws IOException {
    int rows = in.readInt();
    int count = in.readCount(10);
    List<Column> columns = new ArrayList<>(count);
    Map<String, ColumnRole> roles = new LinkedHashMap<>();
    ColumnRole[] allRoles = ColumnRole.values();
    for (int c = 0; c < count; c++) {
      String name = in.readString();
      int role = in.readByte();
      if (name == null || role < 0 || role >= allRoles.length) {
        throw new IOException("bad column header");
      }
      roles.put(name, allRoles[role]);
      int type = in.readByte();
      Column col =
          switch (type) {
            case NUMBER -> NumberColumn.wrap(name, in.readDoubles());
            case CATEGORY -> {
              int n = in.readCount(4);
              List<String> levels = new ArrayList<>(n);
              for (int i = 0; i < n; i++) {
                levels.add(in.readString());
              }
              yield new CategoryColumn(name, levels, in.readInts());
            }
            case TEXT -> {
              String[] v = new String[in.readCount(4)];
              for (int i = 0; i < v.length; i++) {
                v[i] = in.readString();
              }
              yield new TextColumn(name, v);
            }
            case BOOLEAN -> new BooleanColumn(name, in.readBytes());
            default -> throw new IOException("unknown column type " + type);
          };
      if (col.size() != rows) {
        throw new IOException("column " + name + " has " + col.size() + " rows, not " + rows);
      }
      columns.add(col);
    }
    Recipe recipe = JSON.readValue(in.readBytes(), Recipe.class);
    if (!in.atEnd()) {
      throw new IOException("trailing bytes after the table");
    }
    return Table.of(columns, roles).withRecipe(recipe);
  }

  private static byte[] images(ImageSet s) throws IOException {
    Bytes.Out out = new Bytes.Out();
    out.writeInt(s.width());
    out.writeInt(s.height());
    out.writeInt(s.channels());
    writeStrings(out, s.classNames());
    out.writeInts(s.labels());
    int per = s.channels() * s.width() * s.height();
    byte[] px = new byte[per * s.size()];
    for (int i = 0; i < s.size(); i++) {
      System.arraycopy(s.image(i), 0, px, i * per, per);
    }
    out.writeBytes(px);
    writeStrings(out, s.sources());
    writeStrings(out, s.skipped());
    if (s.augmentation().isPresent()) {
      out.writeBytes(JSON.writeValueAsBytes(s.augmentation().get()));
    }
    return out.toByteArray();
  }

  private static ImageSet images(Bytes.In in) throws IOException {
    int w = in.readInt();
    int h = in.readInt();
    int ch = in.readInt();
    List<String> classes = readStrings(in);
    int[] labels = in.readInts();
    for (int l : labels) {
      if (l < 0 || l >= classes.size()) {
        throw new IOException("label " + l + " out of range");
      }
    }
    byte[] px = in.readBytes();
    List<String> sources = readStrings(in);
    List<String> skipped = readStrings(in);
    Augmentation augmentation =
        in.atEnd() ? null : JSON.readValue(in.readBytes(), Augmentation.class);
    if (!in.atEnd()) {
      throw new IOException("trailing bytes after the images");
    }
    return new ImageSet(w, h, ch, classes, labels, px, sources, skipped)
        .withAugmentation(augmentation);
  }

  private static byte[] model(TrainedModel m) throws IOException {
    Bytes.Out out = new Bytes.Out();
    out.writeString(m.storage().name());
    out.writeBytes(JSON.writeValueAsBytes(m.arch()));
    out.writeBytes(m.weights());
    out.writeBytes(JSON.writeValueAsBytes(m.parameters()));
    out.writeBytes(JSON.writeValueAsBytes(m.preprocessing()));
    out.writeBytes(JSON.writeValueAsBytes(m.history()));
    out.writeBytes(JSON.writeValueAsBytes(m.provenance()));
    return out.toByteArray();
  }

  private static TrainedModel model(Bytes.In in) throws IOException {
    TrainedModel.Storage storage = TrainedModel.Storage.valueOf(in.readString());
    ArchSpec arch = JSON.readValue(in.readBytes(), ArchSpec.class);
    byte[] weights = in.readBytes();
    List<TrainedModel.ParamInfo> params =
        JSON.readValue(in.readBytes(), new TypeReference<List<TrainedModel.ParamInfo>>() {});
    Preprocessing pre = JSON.readValue(in.readBytes(), Preprocessing.class);
    List<Curve> history = JSON.readValue(in.readBytes(), new TypeReference<List<Curve>>() {});
    Provenance provenance = JSON.readValue(in.readBytes(), Provenance.class);
    if (!in.atEnd()) {
      throw new IOException("trailing bytes after the model");
    }
    return new TrainedModel(arch, weights, params, pre, history, provenance, storage);
  }

  private static void writeStrings(Bytes.Out out, List<String> list) {
    out.writeInt(list.size());
    list.forEach(out::writeString);
  }

  private static List<String> readStrings(Bytes.In in) {
    int n = in.readCount(4);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.readString());
    }
    return out;
  }
}
