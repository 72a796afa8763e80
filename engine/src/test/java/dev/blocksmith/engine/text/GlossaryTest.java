package dev.blocksmith.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlossaryTest {

  @Test
  void explainsTheWordsTheAppShows() {
    for (String term :
        new String[] {
          "epoch",
          "learning rate",
          "overfitting",
          "LoRA",
          "quantization",
          "early stopping",
          "confusion matrix",
          "leakage",
          "fine-tuning"
        }) {
      assertThat(Glossary.explain(term)).as(term).get().asString().hasSizeGreaterThan(40);
    }
  }

  @Test
  void ignoresCaseAndPlurals() {
    assertThat(Glossary.explain("Epochs")).isEqualTo(Glossary.explain("epoch"));
    assertThat(Glossary.explain("weights")).isPresent();
    assertThat(Glossary.explain("no such word")).isEmpty();
  }
}
