package io.showfloor.account;

import io.showfloor.platform.Refused;
import java.math.BigDecimal;
import java.util.Locale;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import org.jspecify.annotations.Nullable;

/**
 * What a password must be (NIST 800-63B in spirit: length first, no silly composition rules beyond
 * two kinds of characters, and no password that is easily guessed): at least 10 and at most 128
 * characters; at least two of lower-case letters, upper-case letters, digits and other characters;
 * at least 5 different characters; not easily guessed, as the nbvcxz estimator judges it
 * (dictionaries of leaked passwords, words, names, keyboard walks, sequences, repeats and dates:
 * fewer than a million guesses, zxcvbn's "too guessable", is refused); not the account's email
 * address or display name. The estimate takes milliseconds to tens of them, so {@link
 * PasswordHasher#screen} runs it on a worker.
 */
final class PasswordPolicy {
  static final int MIN_LENGTH = 10;
  static final int MAX_LENGTH = 128;

  /**
   * 10^6 guesses: below it a throttled online attack finds the password (zxcvbn's score 2 starts
   * here).
   */
  private static final BigDecimal MIN_GUESSES = BigDecimal.valueOf(1_000_000);

  private static final Configuration ESTIMATOR = new ConfigurationBuilder().createConfiguration();

  private PasswordPolicy() {}

  /** Fails with 400 weak_password saying which rule the password breaks. */
  static void check(String password, @Nullable String email, @Nullable String displayName) {
    String reason = problem(password, email, displayName);
    if (reason != null) {
      throw Refused.invalid("weak_password", reason);
    }
  }

  static @Nullable String problem(
      String password, @Nullable String email, @Nullable String displayName) {
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
    String personal = personalProblem(password, email, displayName);
    if (personal != null) {
      return personal;
    }
    // a new estimator each time: the configuration (dictionaries) is shared, the matcher state is
    // not
    if (new Nbvcxz(ESTIMATOR).estimate(password).getGuesses().compareTo(MIN_GUESSES) < 0) {
      return "This password is too common; choose one that is harder to guess";
    }
    return null;
  }

  /**
   * The rules that need the account (email, display name): cheap, so also checked inside
   * transactions.
   */
  static void checkPersonal(String password, @Nullable String email, @Nullable String displayName) {
    String reason = personalProblem(password, email, displayName);
    if (reason != null) {
      throw Refused.invalid("weak_password", reason);
    }
  }

  private static @Nullable String personalProblem(
      String password, @Nullable String email, @Nullable String displayName) {
    String folded = password.toLowerCase(Locale.ROOT);
    String stem = folded.replaceAll("[^a-z]+$", "").replaceAll("^[^a-z]+", "");
    if (email != null) {
      String address = email.toLowerCase(Locale.ROOT);
      String local = address.contains("@") ? address.substring(0, address.indexOf('@')) : address;
      if (folded.equals(address)
          || folded.equals(local)
          || (local.length() >= 4 && stem.equals(local))) {
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
}
