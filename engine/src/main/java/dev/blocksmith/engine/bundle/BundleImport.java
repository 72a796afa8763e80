package dev.blocksmith.engine.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Opens a pipeline bundle safely: it is someone else's file, so every entry is checked before
 * anything is written — no absolute paths, no {@code ..}, no backslashes or drive letters, no
 * symbolic links, no duplicates, at most {@link Limits#maxEntries()} entries, declared sizes under
 * the limits — and while extracting, the bytes actually inflated are counted per entry and in
 * total, so a zip bomb whose header lies stops at the limit. Everything goes into one new folder;
 * if anything is refused, that folder is removed again and nothing else was touched.
 */
public final class BundleImport {
  /** The marker file holding the SHA-256 of the bundle a folder was extracted from. */
  public static final String MARKER = ".blocksmith-bundle.sha256";

  private BundleImport() {}

  /**
   * Limits against hostile bundles.
   *
   * @param maxBundleBytes largest bundle file accepted
   * @param maxEntries most entries (files and folders)
   * @param maxEntryBytes largest file once extracted
   * @param maxTotalBytes most bytes extracted in all
   */
  public record Limits(
      long maxBundleBytes, int maxEntries, long maxEntryBytes, long maxTotalBytes) {
    /** 2 GB bundles, 10,000 entries, 1 GB per file, 4 GB in all. */
    public static final Limits DEFAULTS = new Limits(2L << 30, 10_000, 1L << 30, 4L << 30);
  }

  /**
   * An opened bundle.
   *
   * @param folder the folder it was extracted into
   * @param graph the pipeline file in it
   * @param notes the bundle's notes about files it did not include
   * @param reused whether the folder was already there from an earlier opening of this bundle
   */
  public record Opened(Path folder, Path graph, List<String> notes, boolean reused) {}

  /**
   * Returns where bundles are opened by default: the bundle's own folder when it is writable, else
   * {@code ~/.blocksmith/bundles}.
   */
  public static Path defaultParent(Path bundle) {
    Path parent = bundle.toAbsolutePath().getParent();
    return parent != null && Files.isWritable(parent)
        ? parent
        : Path.of(System.getProperty("user.home"), ".blocksmith", "bundles");
  }

  /**
   * Extracts {@code bundle} into a new folder under {@code parent} named after it ("house-prices",
   * or "house-prices-2" when taken), or returns the folder an earlier opening of the same bytes
   * made, and returns the pipeline file in it.
   *
   * @throws BundleRefusedException with a plain message when the bundle is unsafe or damaged
   */
  public static Opened open(Path bundle, Path parent, Limits limits)
      throws BundleRefusedException, IOException {
    String file = bundle.getFileName().toString();
    if (!Files.isRegularFile(bundle)) {
      throw new BundleRefusedException("There is no bundle file at " + bundle + ".");
    }
    if (Files.size(bundle) > limits.maxBundleBytes()) {
      throw refuse(
          file,
          String.format(
              Locale.ROOT,
              "it is %,d bytes, more than the %,d a bundle " + "may have",
              Files.size(bundle),
              limits.maxBundleBytes()));
    }
    String hash = sha256(bundle);
    String stem = file.replaceFirst("\\.blocksmith$", "").replaceAll("[^A-Za-z0-9._-]", "_");
    stem = stem.isEmpty() || stem.startsWith(".") ? "bundle" + stem : stem;
    // The JDK's reader counts the central directory cheaply; the full reader below would first
    // build an object per entry (seconds for 100,000 of them).
    int count;
    try (java.util.zip.ZipFile jdk = new java.util.zip.ZipFile(bundle.toFile())) {
      count = jdk.size();
    } catch (IOException e) {
      throw refuse(file, "it could not be read as a zip file (" + e.getMessage() + ")");
    }
    if (count > limits.maxEntries()) {
      throw refuse(
          file,
          String.format(
              Locale.ROOT,
              "it holds more than %,d entries (%,d); a "
                  + "real pipeline bundle has far fewer, so this looks like a zip bomb",
              limits.maxEntries(),
              count));
    }
    Files.createDirectories(parent);
    try (ZipFile zip = ZipFile.builder().setPath(bundle).get()) {
      List<ZipArchiveEntry> entries = check(file, zip, limits);
      JsonNode manifest = manifest(file, zip, entries);
      String graphName = manifest.path("graph").asText("");
      if (entries.stream().noneMatch(e -> e.getName().equals(graphName))
          || !graphName.endsWith(".json")) {
        throw refuse(
            file,
            "its bundle.json names no pipeline file (\"" + graphName + "\") that it " + "holds");
      }
      List<String> notes = new ArrayList<>();
      manifest.path("references").forEach(r -> notes.add(r.path("note").asText()));
      for (int i = 1; ; i++) {
        Path folder = parent.resolve(i == 1 ? stem : stem + "-" + i);
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
            && hash.equals(readMarker(folder))) {
          return new Opened(folder, folder.resolve(graphName), notes, true);
        }
        try {
          Files.createDirectory(folder);
        } catch (FileAlreadyExistsException taken) {
          continue;
        }
        extract(file, zip, entries, folder, limits);
        Files.writeString(folder.resolve(MARKER), hash);
        return new Opened(folder, folder.resolve(graphName), notes, false);
      }
    } catch (IOException e) {
      if (e.getCause() instanceof BundleRefusedException r) {
        throw r;
      }
      throw refuse(
          file, "it could not be read as a zip file or extracted (" + e.getMessage() + ")");
    }
  }

  /** Checks every entry before anything is written; returns the file entries. */
  private static List<ZipArchiveEntry> check(String file, ZipFile zip, Limits limits)
      throws BundleRefusedException {
    List<ZipArchiveEntry> files = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long declared = 0;
    int count = 0;
    for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
      if (++count > limits.maxEntries()) {
        throw refuse(
            file,
            String.format(
                Locale.ROOT,
                "it holds more than %,d entries (%,d); "
                    + "a real pipeline bundle has far fewer, so this looks like a zip bomb",
                limits.maxEntries(),
                Collections.list(zip.getEntries()).size()));
      }
      String name = e.getName();
      String problem = nameProblem(name);
      if (problem != null) {
        throw refuse(file, "the entry \"" + printable(name) + "\" " + problem);
      }
      if (e.isUnixSymlink()) {
        throw refuse(
            file,
            "the entry \""
                + name
                + "\" is a symbolic link, which could point "
                + "outside the bundle's folder");
      }
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw refuse(file, "it holds the entry \"" + name + "\" twice");
      }
      if (e.isDirectory()) {
        continue;
      }
      if (e.getSize() > limits.maxEntryBytes()) {
        throw refuse(
            file,
            String.format(
                Locale.ROOT,
                "the entry \"%s\" would be %,d bytes once "
                    + "extracted, more than the %,d one file may have",
                name,
                e.getSize(),
                limits.maxEntryBytes()));
      }
      declared += Math.max(0, e.getSize());
      if (declared > limits.maxTotalBytes()) {
        throw refuse(
            file,
            String.format(
                Locale.ROOT,
                "its files would take more than %,d bytes " + "once extracted",
                limits.maxTotalBytes()));
      }
      files.add(e);
    }
    return files;
  }

  /** Returns why an entry name is unsafe, or null when it is a plain relative path. */
  static String nameProblem(String name) {
    if (name.isEmpty()) {
      return "has no name";
    }
    if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      return "is an absolute path, which would write outside the bundle's folder";
    }
    if (name.contains("\\") || name.contains(":")) {
      return "contains a backslash or colon, which some systems read as a path outside the "
          + "bundle's folder";
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
        return "contains control characters";
      }
    }
    String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    for (String part : body.split("/", -1)) {
      if (part.equals("..")) {
        return "goes up a folder (\"..\"), which would write outside the bundle's folder";
      }
      if (part.isEmpty() || part.equals(".")) {
        return "has an empty or \".\" folder name";
      }
    }
    return null;
  }

  private static JsonNode manifest(String file, ZipFile zip, List<ZipArchiveEntry> entries)
      throws BundleRefusedException, IOException {
    ZipArchiveEntry m =
        entries.stream()
            .filter(e -> e.getName().equals(PipelineBundle.MANIFEST))
            .findFirst()
            .orElseThrow(
                () ->
                    refuse(
                        file,
                        "it has no bundle.json, so it was not made "
                            + "by Blocksmith's Share as bundle"));
    try (InputStream in = zip.getInputStream(m)) {
      byte[] bytes = in.readNBytes(1 << 20);
      JsonNode json = JsonMapper.builder().build().readTree(bytes);
      if (!"blocksmith-bundle".equals(json.path("format").asText())) {
        throw refuse(file, "its bundle.json is not a Blocksmith bundle manifest");
      }
      if (json.path("version").asInt(0) > PipelineBundle.FORMAT_VERSION) {
        throw refuse(file, "it was made by a newer Blocksmith; update Blocksmith to open it");
      }
      return json;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw refuse(file, "its bundle.json is not valid JSON");
    }
  }

  private static void extract(
      String file, ZipFile zip, List<ZipArchiveEntry> entries, Path folder, Limits limits)
      throws BundleRefusedException, IOException {
    Path root = folder.toAbsolutePath().normalize();
    long[] total = {0};
    try {
      for (ZipArchiveEntry e : entries) {
        Path target = root.resolve(e.getName()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
          throw refuse(file, "the entry \"" + e.getName() + "\" points outside its folder");
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(e);
            OutputStream out =
                Files.newOutputStream(
                    target,
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
          copy(file, e.getName(), in, out, limits, total);
        }
      }
    } catch (BundleRefusedException | IOException | RuntimeException e) {
      deleteTree(root);
      throw e;
    }
  }

  private static void copy(
      String file, String name, InputStream in, OutputStream out, Limits limits, long[] total)
      throws IOException, BundleRefusedException {
    byte[] buf = new byte[64 * 1024];
    long written = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      written += n;
      total[0] += n;
      if (written > limits.maxEntryBytes()) {
        throw refuse(
            file,
            String.format(
                Locale.ROOT,
                "the entry \"%s\" inflates to more than "
                    + "%,d bytes (its header said less): a zip bomb",
                name,
                limits.maxEntryBytes()));
      }
      if (total[0] > limits.maxTotalBytes()) {
        throw refuse(
            file,
            String.format(
                Locale.ROOT,
                "its files inflate to more than %,d bytes" + " in all: a zip bomb",
                limits.maxTotalBytes()));
      }
      out.write(buf, 0, n);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String readMarker(Path folder) {
    try {
      return Files.readString(folder.resolve(MARKER)).trim();
    } catch (IOException e) {
      return null;
    }
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String printable(String name) {
    return name.replaceAll("\\p{Cntrl}", "?");
  }

  private static BundleRefusedException refuse(String file, String why) {
    return new BundleRefusedException(
        "Blocksmith did not open the bundle "
            + file
            + " because "
            + why
            + ". Nothing was extracted. Ask the sender for a bundle made with Share as bundle.");
  }
}
