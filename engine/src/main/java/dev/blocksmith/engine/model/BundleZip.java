package dev.blocksmith.engine.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes the zip container of a model file safely: only known part names are accepted (so
 * no path can escape anywhere; nothing is ever extracted to disk), each part and the whole are
 * size-limited while inflating (zip bombs stop early), and duplicates are refused. Writing is
 * deterministic: fixed timestamps, weights stored uncompressed so their size is what it seems.
 */
final class BundleZip {
  /** Largest single part, in bytes (less when the heap is small, see {@link #partLimit}). */
  static final long MAX_PART = 512L * 1024 * 1024;

  /** Largest JSON part, in bytes (a recorded pipeline is at most 8 MB). */
  static final long MAX_JSON_PART = 16L * 1024 * 1024;

  /** Largest total of all parts, in bytes (less when the heap is small). */
  static final long MAX_TOTAL = 1024L * 1024 * 1024;

  /**
   * Returns the most bytes the part {@code name} may unpack to: well under the free heap, so that a
   * zip bomb or an absurd labels list ends in a plain message instead of OutOfMemoryError. JSON
   * parts become many small objects when parsed (about ten times their size), weights become float
   * arrays and native tensors (about three times).
   */
  static long partLimit(String name) {
    long heap = Runtime.getRuntime().maxMemory();
    return name.endsWith(".json")
        ? Math.min(MAX_JSON_PART, heap / 40)
        : Math.min(MAX_PART, heap / 6);
  }

  private static final long FIXED_TIME = 315_532_800_000L; // 1980-01-01, the zip epoch

  private BundleZip() {}

  /** Returns the parts of a zip stream whose names are all in {@code allowed}. */
  static Map<String, byte[]> read(InputStream in, Set<String> allowed, String fileName)
      throws IOException {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String name = entry.getName();
        if (!allowed.contains(name)) {
          throw new ModelFileException(
              fileName
                  + " is not a Blocksmith model file: it holds an "
                  + "unexpected part \""
                  + abbreviate(name)
                  + "\".",
              null);
        }
        if (parts.containsKey(name)) {
          throw new ModelFileException(
              fileName + " is damaged: the part \"" + name + "\" appears twice.", null);
        }
        long totalLimit = Math.min(MAX_TOTAL, Runtime.getRuntime().maxMemory() / 4);
        byte[] data =
            readLimited(zip, Math.min(partLimit(name), totalLimit - total), fileName, name);
        total += data.length;
        parts.put(name, data);
      }
    } catch (java.util.zip.ZipException e) {
      throw new ModelFileException(
          fileName
              + " is not a Blocksmith model file (not a readable "
              + "zip archive: "
              + e.getMessage()
              + ").",
          e);
    } catch (IllegalArgumentException e) {
      // Found by fuzzing: ZipInputStream throws this for a part name that is not valid UTF-8.
      throw new ModelFileException(
          fileName + " is not a Blocksmith model file (a part's name is not readable text).", e);
    } catch (java.io.EOFException e) {
      // Found by fuzzing: a zip cut short inside an entry's header ends the stream early.
      throw new ModelFileException(
          fileName + " is damaged: it ends in the middle of a part (cut short while copying?).", e);
    }
    if (parts.isEmpty()) {
      throw new ModelFileException(
          fileName + " is not a Blocksmith model file (it is empty or " + "not a zip archive).",
          null);
    }
    return parts;
  }

  private static byte[] readLimited(InputStream in, long limit, String fileName, String part)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    long n = 0;
    int r;
    while ((r = in.read(buf)) > 0) {
      n += r;
      if (n > limit) {
        throw new ModelFileException(
            fileName
                + " is too large to be a Blocksmith model: its "
                + "part \""
                + part
                + "\" unpacks to more than "
                + String.format(java.util.Locale.ROOT, "%,d", limit / 1024)
                + " KB (the most this Blocksmith accepts with "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MB of memory).",
            null);
      }
      out.write(buf, 0, r);
    }
    return out.toByteArray();
  }

  /** Returns a zip archive of the parts in order; names in {@code stored} are not compressed. */
  static byte[] write(Map<String, byte[]> parts, Set<String> stored) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> p : parts.entrySet()) {
        ZipEntry e = new ZipEntry(p.getKey());
        e.setTime(FIXED_TIME);
        if (stored.contains(p.getKey())) {
          CRC32 crc = new CRC32();
          crc.update(p.getValue());
          e.setMethod(ZipEntry.STORED);
          e.setSize(p.getValue().length);
          e.setCompressedSize(p.getValue().length);
          e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(p.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static String abbreviate(String name) {
    String clean = name.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
  }
}
