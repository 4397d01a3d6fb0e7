package io.showfloor.search;

import io.showfloor.platform.Refused;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page stopped: the last row's sort key and tie-breaker, with the sort they belong to. It
 * travels as an opaque base64url token ({@code nextAfter}); a token from another sort, or one that
 * was tampered with, is refused rather than read in the wrong order.
 */
record SearchCursor(SearchSort sort, BigDecimal key, String tie) {

  String encode() {
    String plain = sort.key() + "|" + key.toPlainString() + "|" + tie;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static SearchCursor parse(String token, SearchSort sort) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = plain.split("\\|", 3);
      if (parts.length != 3 || parts[2].isEmpty() || parts[2].length() > 20) {
        throw invalid();
      }
      if (!parts[0].equals(sort.key())) {
        throw Refused.invalid(
            "cursor_mismatch",
            "This after token belongs to sort=" + parts[0] + ", not " + sort.key());
      }
      return new SearchCursor(sort, new BigDecimal(parts[1]), parts[2]);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static Refused invalid() {
    return Refused.invalid("invalid_cursor", "after must be the nextAfter of a previous page");
  }
}
