package io.showfloor.commerce.address;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Postal code formats by country, and their written form: "k1a0b1" in Canada is stored "K1A 0B1".
 * Countries without a rule here accept letters, digits, spaces and hyphens.
 */
public final class PostalCodes {
  /** A country's rule: the pattern a code must match, and an example for the error message. */
  private record Rule(Pattern pattern, String example) {}

  private static final Map<String, Rule> RULES =
      Map.of(
          "US", new Rule(Pattern.compile("^\\d{5}(-\\d{4})?$"), "12345 or 12345-6789"),
          "CA", new Rule(Pattern.compile("^[A-Z]\\d[A-Z] ?\\d[A-Z]\\d$"), "K1A 0B1"),
          "GB", new Rule(Pattern.compile("^[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}$"), "SW1A 1AA"),
          "DE", new Rule(Pattern.compile("^\\d{5}$"), "10115"),
          "FR", new Rule(Pattern.compile("^\\d{5}$"), "75008"));
  private static final Pattern ANY = Pattern.compile("^[A-Z0-9][A-Z0-9 -]{0,18}[A-Z0-9]?$");

  private PostalCodes() {}

  /**
   * The code as stored (upper case, single spaces, CA and GB with their inner space), or empty when
   * malformed.
   */
  public static Optional<String> normalize(String country, String code) {
    String c = code.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    Rule rule = RULES.get(country);
    if (rule == null) {
      return ANY.matcher(c).matches() ? Optional.of(c) : Optional.empty();
    }
    if (!rule.pattern().matcher(c).matches()) {
      return Optional.empty();
    }
    if ("CA".equals(country) || "GB".equals(country)) {
      String compact = c.replace(" ", "");
      c =
          compact.substring(0, compact.length() - 3)
              + " "
              + compact.substring(compact.length() - 3);
    }
    return Optional.of(c);
  }

  /** What a valid code looks like in this country, for the problem's detail. */
  public static String example(String country) {
    Rule rule = RULES.get(country);
    return rule == null ? "letters, digits, spaces and hyphens" : rule.example();
  }
}
