package io.showfloor.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the person typed, as two questions for PostgreSQL: the whole text (folded there by {@code
 * search_fold}) for trigram similarity, which forgives typos, and a prefix query of its words
 * ({@code air:* & jord:*}) for the stemmed full text. Only letters and digits reach the tsquery, so
 * no input can change its syntax.
 */
record SearchWords(String text, String prefixQuery) {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final int MAX_WORDS = 8;

  static @Nullable SearchWords of(@Nullable String typed) {
    if (typed == null) {
      return null;
    }
    String text = typed.strip().replaceAll("\\s+", " ");
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find() && words.size() < MAX_WORDS) {
      words.add(m.group() + ":*");
    }
    if (words.isEmpty()) {
      return null;
    }
    return new SearchWords(text, String.join(" & ", words));
  }
}
