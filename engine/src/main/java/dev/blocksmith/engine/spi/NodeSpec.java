package dev.blocksmith.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the engine, the editor and the docs need to know about a block without running it.
 *
 * @param id stable type id used in graph files ("train.train")
 * @param version type version; bump it when outputs for the same params change
 * @param displayName what the palette shows ("Train")
 * @param category palette group
 * @param summary one line for the palette
 * @param whatItDoes plain-language explanation
 * @param whyItMatters why a learner should care
 * @param watchOutFor common mistakes
 * @param inputs input ports in order
 * @param outputs output ports in order
 * @param params params in form order
 * @param presets named sets of param values ("Quick try", "Balanced", "Thorough")
 * @param heavy whether it trains (at most one heavy block runs at a time)
 * @param writes the FILE or FOLDER params naming what the block writes outside the graph (a saved
 *     model, an export); the executor never answers such a block from the cache when what it wrote
 *     is missing or changed
 */
public record NodeSpec(
    String id,
    int version,
    String displayName,
    Category category,
    String summary,
    String whatItDoes,
    String whyItMatters,
    String watchOutFor,
    List<PortSpec> inputs,
    List<PortSpec> outputs,
    List<ParamSpec> params,
    Map<String, Map<String, JsonNode>> presets,
    boolean heavy,
    List<String> writes) {

  /** Copies the collections. */
  public NodeSpec {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    params = List.copyOf(params);
    presets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(presets));
    writes = List.copyOf(writes);
  }

  /** Returns a builder for a block with the given stable id. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Returns the input port with this name, if any. */
  public Optional<PortSpec> input(String name) {
    return inputs.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Returns the output port with this name, if any. */
  public Optional<PortSpec> output(String name) {
    return outputs.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Returns the param with this name, if any. */
  public Optional<ParamSpec> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Builds a {@link NodeSpec}. */
  public static final class Builder {
    private final String id;
    private int version = 1;
    private String displayName;
    private Category category;
    private String summary;
    private String whatItDoes;
    private String whyItMatters = "";
    private String watchOutFor = "";
    private final List<PortSpec> inputs = new ArrayList<>();
    private final List<PortSpec> outputs = new ArrayList<>();
    private final List<ParamSpec> params = new ArrayList<>();
    private final Map<String, Map<String, JsonNode>> presets = new LinkedHashMap<>();
    private boolean heavy;
    private final List<String> writes = new ArrayList<>();

    private Builder(String id) {
      this.id = id;
    }

    /** Sets the name shown in the palette. */
    public Builder setDisplayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** Sets the palette group. */
    public Builder setCategory(Category category) {
      this.category = category;
      return this;
    }

    /** Sets the one-line summary. */
    public Builder setSummary(String summary) {
      this.summary = summary;
      return this;
    }

    /** Sets the plain-language explanation of what it does. */
    public Builder setWhatItDoes(String text) {
      this.whatItDoes = text;
      return this;
    }

    /** Sets why a learner should care. */
    public Builder optWhyItMatters(String text) {
      this.whyItMatters = text;
      return this;
    }

    /** Sets the common mistakes to watch out for. */
    public Builder optWatchOutFor(String text) {
      this.watchOutFor = text;
      return this;
    }

    /** Sets the type version (default 1). */
    public Builder optVersion(int version) {
      this.version = version;
      return this;
    }

    /** Adds an input port. */
    public Builder addInput(PortSpec port) {
      inputs.add(port);
      return this;
    }

    /** Adds an output port. */
    public Builder addOutput(PortSpec port) {
      outputs.add(port);
      return this;
    }

    /** Adds a typed input port. */
    public Builder addInput(Port<?> port) {
      return addInput(port.spec());
    }

    /** Adds a typed output port. */
    public Builder addOutput(Port<?> port) {
      return addOutput(port.spec());
    }

    /** Adds a typed param. */
    public Builder addParam(Param<?> param) {
      return addParam(param.spec());
    }

    /** Adds a param. */
    public Builder addParam(ParamSpec param) {
      params.add(param);
      return this;
    }

    /** Adds a named preset of param values. */
    public Builder addPreset(String name, Map<String, JsonNode> values) {
      presets.put(name, Map.copyOf(values));
      return this;
    }

    /** Marks the block as heavy (it trains a model). */
    public Builder optHeavy(boolean heavy) {
      this.heavy = heavy;
      return this;
    }

    /**
     * Declares that the block writes the file or folder this param names, outside the graph. The
     * param must be added with {@link #addParam} too.
     */
    public Builder optWrites(Param<String> param) {
      writes.add(param.name());
      return this;
    }

    /** Returns the spec after checking that the required texts are present and names are unique. */
    public NodeSpec build() {
      if (displayName == null || category == null || summary == null || whatItDoes == null) {
        throw new IllegalStateException(
            "block " + id + " needs a display name, category, summary and explanation");
      }
      if (!id.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+")) {
        throw new IllegalStateException("block id must look like 'group.name': " + id);
      }
      checkUnique(inputs.stream().map(PortSpec::name).toList(), "input");
      checkUnique(outputs.stream().map(PortSpec::name).toList(), "output");
      checkUnique(params.stream().map(ParamSpec::name).toList(), "param");
      for (String w : writes) {
        ParamType t =
            params.stream()
                .filter(p -> p.name().equals(w))
                .findFirst()
                .map(ParamSpec::type)
                .orElse(null);
        if (t != ParamType.FILE && t != ParamType.FOLDER) {
          throw new IllegalStateException(
              "block " + id + " writes '" + w + "', which is not one of its file or folder params");
        }
      }
      return new NodeSpec(
          id,
          version,
          displayName,
          category,
          summary,
          whatItDoes,
          whyItMatters,
          watchOutFor,
          inputs,
          outputs,
          params,
          presets,
          heavy,
          writes);
    }

    private void checkUnique(List<String> names, String what) {
      if (names.size() != names.stream().distinct().count()) {
        throw new IllegalStateException("block " + id + " has duplicate " + what + " names");
      }
    }
  }
}
