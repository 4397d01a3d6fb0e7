package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Blocked words match whole words and phrases, whatever the case, width or punctuation")
class BlockedWordsTest {
  private final BlockedWords words = new BlockedWords(List.of("scam", "Free Money", "   ", "zoë"));

  @Test
  @DisplayName("matches whole words in any case, width and punctuation")
  void matches() {
    assertEquals(Optional.of("scam"), words.firstIn("total SCAM!!"));
    assertEquals(Optional.of("scam"), words.firstIn("ｓｃａｍ"));
    assertEquals(Optional.of("scam"), words.firstIn("(scam)"));
    assertEquals(Optional.of("Free Money"), words.firstIn("get free...money now"));
    assertEquals(Optional.of("zoë"), words.firstIn("hi ZOË"));
  }

  @Test
  @DisplayName("does not match inside other words or across a gap in a phrase")
  void noFalsePositives() {
    assertTrue(words.firstIn("scammer scampi").isEmpty());
    assertTrue(words.firstIn("free the money").isEmpty());
    assertTrue(words.firstIn("").isEmpty());
    assertTrue(new BlockedWords(List.of()).firstIn("anything scam").isEmpty());
  }

  @Test
  @DisplayName("words are stored in their compared form")
  void normalize() {
    assertEquals("free money", BlockedWords.normalize("  FREE,  Money "));
    assertEquals("", BlockedWords.normalize("!!!"));
  }
}
