package dev.blocksmith.editor.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blocksmith.editor.lesson.LessonMarkup.Run;
import javax.swing.text.DefaultStyledDocument;
import javax.swing.text.StyleConstants;
import org.junit.jupiter.api.Test;

class LessonMarkupTest {
  @Test
  void boldItalicAndCodeBecomeStylesAndTheTagsDisappear() {
    assertThat(
            LessonMarkup.parse("Press <b>Run all</b> and read <i>accuracy</i> in <code>x</code>."))
        .containsExactly(
            new Run("Press ", false, false, false),
            new Run("Run all", true, false, false),
            new Run(" and read ", false, false, false),
            new Run("accuracy", false, true, false),
            new Run(" in ", false, false, false),
            new Run("x", false, false, true),
            new Run(".", false, false, false));
    assertThat(LessonMarkup.plain("one<br>two<br/>three")).isEqualTo("one\ntwo\nthree");
  }

  @Test
  void anythingElseIsShownAsTheCharactersItIs() {
    String hostile = "<img src=http://127.0.0.1:9/x> &amp; <a href='x'>link</a> 3 < 4 <b";
    assertThat(LessonMarkup.plain(hostile)).isEqualTo(hostile);
    assertThat(LessonMarkup.parse(hostile)).allMatch(r -> !r.bold() && !r.italic() && !r.code());
  }

  @Test
  void unbalancedTagsNeitherThrowNorLeakStyleBackwards() {
    assertThat(LessonMarkup.parse("</b>plain <b>bold <i>both</b> italic"))
        .containsExactly(
            new Run("plain ", false, false, false),
            new Run("bold ", true, false, false),
            new Run("both", true, true, false),
            new Run(" italic", false, true, false));
    assertThat(LessonMarkup.parse("")).isEmpty();
    assertThat(LessonMarkup.parse(null)).isEmpty();
  }

  @Test
  void rendersIntoAStyledDocumentWithoutTags() throws Exception {
    DefaultStyledDocument doc = new DefaultStyledDocument();
    LessonMarkup.render("old text", doc);
    LessonMarkup.render("a <b>bold</b> word", doc);
    assertThat(doc.getText(0, doc.getLength())).isEqualTo("a bold word");
    assertThat(StyleConstants.isBold(doc.getCharacterElement(3).getAttributes())).isTrue();
    assertThat(StyleConstants.isBold(doc.getCharacterElement(0).getAttributes())).isFalse();
  }

  @Test
  void sharesAreShownAsTheCardsShowThem() {
    assertThat(LessonCheck.percent(0.997)).isEqualTo("99.7 %");
    assertThat(LessonCheck.percent(0.6)).isEqualTo("60 %");
    assertThat(LessonCheck.percent(0.9996)).isEqualTo("99.9 %");
    assertThat(LessonCheck.percent(1.0)).isEqualTo("100 %");
    assertThat(LessonCheck.percent(0.0)).isEqualTo("0 %");
    assertThat(LessonCheck.percent(0.0001)).isEqualTo("0.1 %");
  }
}
