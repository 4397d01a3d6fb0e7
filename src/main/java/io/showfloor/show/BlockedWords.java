package io.showfloor.show;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds blocked words or phrases in a chat message. Both sides are compared as sequences of whole
 * words after Unicode compatibility folding (NFKC: full-width and styled letters become plain
 * ones), lower-casing and treating every non-letter, non-digit as a separator — so "BAD", "ｂａｄ" and
 * "bad!!" all match "bad", while "badge" does not. No I/O: unit-tested directly.
 */
final class BlockedWords {
  private final List<String[]> phrases = new ArrayList<>();
  private final List<String> originals = new ArrayList<>();

  BlockedWords(Collection<String> words) {
    for (String word : words) {
      String[] tokens = tokens(word);
      if (tokens.length > 0) {
        phrases.add(tokens);
        originals.add(word);
      }
    }
  }

  /** The first blocked word or phrase the text contains, as it was configured. */
  Optional<String> firstIn(String text) {
    if (phrases.isEmpty()) {
      return Optional.empty();
    }
    String[] words = tokens(text);
    for (int p = 0; p < phrases.size(); p++) {
      String[] phrase = phrases.get(p);
      for (int i = 0; i + phrase.length <= words.length; i++) {
        if (Arrays.equals(words, i, i + phrase.length, phrase, 0, phrase.length)) {
          return Optional.of(originals.get(p));
        }
      }
    }
    return Optional.empty();
  }

  /** The form a word is stored and compared in. */
  static String normalize(String word) {
    return String.join(" ", tokens(word));
  }

  private static String[] tokens(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return Arrays.stream(folded.split("[^\\p{L}\\p{N}]+"))
        .filter(s -> !s.isEmpty())
        .toArray(String[]::new);
  }
}
