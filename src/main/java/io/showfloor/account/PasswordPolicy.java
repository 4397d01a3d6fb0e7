package io.showfloor.account;

import io.showfloor.platform.Refused;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a password must be (NIST 800-63B in spirit: length first, no silly composition rules beyond
 * two kinds of characters, and no password that is trivially guessed):
 * at least 10 and at most 128 characters; at least two of lower-case letters, upper-case letters,
 * digits and other characters; at least 5 different characters; not a well-known password (even
 * with digits or symbols added at the end); not the account's email address or display name.
 */
final class PasswordPolicy {
  static final int MIN_LENGTH = 10;
  static final int MAX_LENGTH = 128;
  private static final Set<String> COMMON = Set.of(
      "password", "passw0rd", "qwerty", "qwertyuiop", "asdfghjkl", "azerty", "letmein", "welcome",
      "iloveyou", "admin", "administrator", "showfloor", "abc", "abcdef", "abcdefgh", "abcdefghij",
      "monkey", "dragon", "football", "baseball", "sunshine", "princess", "trustno", "changeme",
      "secret", "master", "login", "starwars", "whatever", "qazwsx", "zaq", "hello", "freedom");

  private PasswordPolicy() {}

  /** Fails with 400 weak_password saying which rule the password breaks. */
  static void check(String password, @Nullable String email, @Nullable String displayName) {
    String reason = problem(password, email, displayName);
    if (reason != null) {
      throw Refused.invalid("weak_password", reason);
    }
  }

  static @Nullable String problem(String password, @Nullable String email, @Nullable String displayName) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
      return "The password must be at least " + MIN_LENGTH + " characters long";
    }
    if (password.length() > MAX_LENGTH) {
      return "The password must be at most " + MAX_LENGTH + " characters long";
    }
    boolean lower = password.chars().anyMatch(Character::isLowerCase);
    boolean upper = password.chars().anyMatch(Character::isUpperCase);
    boolean digit = password.chars().anyMatch(Character::isDigit);
    boolean other = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
    int kinds = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    if (kinds < 2) {
      return "The password must mix at least two kinds of characters: lower-case letters, upper-case letters, digits, symbols";
    }
    if (password.chars().distinct().count() < 5) {
      return "The password must use at least 5 different characters";
    }
    String folded = password.toLowerCase(Locale.ROOT);
    String stem = folded.replaceAll("[^a-z]+$", "").replaceAll("^[^a-z]+", "");
    if (COMMON.contains(stem) || folded.matches("[0-9]+") || isSequence(folded)) {
      return "This password is too common; choose one that is harder to guess";
    }
    if (email != null) {
      String address = email.toLowerCase(Locale.ROOT);
      String local = address.contains("@") ? address.substring(0, address.indexOf('@')) : address;
      if (folded.equals(address) || folded.equals(local) || (local.length() >= 4 && stem.equals(local))) {
        return "The password must not be your email address";
      }
    }
    if (displayName != null && !displayName.isBlank()) {
      String name = displayName.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
      if (folded.replaceAll("\\s+", "").equals(name) || (name.length() >= 4 && stem.equals(name))) {
        return "The password must not be your display name";
      }
    }
    return null;
  }

  /** "1234567890", "abcdefghij", "9876543210": each character one step from the last. */
  private static boolean isSequence(String s) {
    int step = s.charAt(1) - s.charAt(0);
    if (Math.abs(step) != 1) {
      return false;
    }
    for (int i = 2; i < s.length(); i++) {
      if (s.charAt(i) - s.charAt(i - 1) != step) {
        return false;
      }
    }
    return true;
  }
}
