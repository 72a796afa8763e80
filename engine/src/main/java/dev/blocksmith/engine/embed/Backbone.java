package dev.blocksmith.engine.embed;

/**
 * A pretrained network a model was built on, recorded in the model file so that anyone can tell
 * which one it was and under which licence it came.
 *
 * @param name the network's name, such as "all-MiniLM-L6-v2 (int8)"
 * @param version the version of the package it shipped in
 * @param sha256 SHA-256 of the network's file, hex
 * @param licence the licence it is distributed under
 * @param source where it came from
 * @param dimensions how many numbers it gives per example
 */
public record Backbone(
    String name, String version, String sha256, String licence, String source, int dimensions) {

  /** Returns a one-line description for logs and reports. */
  public String describe() {
    return name + " " + version + " (" + licence + ", sha256 " + sha256.substring(0, 12) + "…)";
  }
}
