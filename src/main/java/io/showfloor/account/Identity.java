package io.showfloor.account;

import io.showfloor.platform.Refused;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The checks on what a person types about themselves: their email address and display name. */
final class Identity {
  // deliberately simple: one @, no spaces, a dot in the domain; the verification mail proves the
  // rest
  private static final Pattern EMAIL = Pattern.compile("^[^\\s@]{1,64}@[^\\s@.]+(\\.[^\\s@.]+)+$");
  static final int MAX_EMAIL = 254;
  static final int MAX_NAME = 60;

  private Identity() {}

  /** The address as stored: trimmed and lower-case. Fails with 400 invalid_email. */
  static String email(String raw) {
    String email = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
      throw Refused.invalid("invalid_email", "That is not an email address");
    }
    return email;
  }

  /** The address if it is one, else null (login and forgot-password must not tell which). */
  static @Nullable String emailOrNull(String raw) {
    try {
      return email(raw);
    } catch (Refused e) {
      return null;
    }
  }

  /** Trimmed, 1 to 60 characters, no control characters. Fails with 400 invalid_display_name. */
  static String displayName(String raw) {
    String name = raw == null ? "" : raw.strip();
    int length = name.codePointCount(0, name.length());
    if (length < 1 || length > MAX_NAME) {
      throw Refused.invalid(
          "invalid_display_name", "The display name must be 1 to " + MAX_NAME + " characters");
    }
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw Refused.invalid(
          "invalid_display_name", "The display name must not contain control characters");
    }
    return name;
  }
}
