package io.showfloor.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules alone, without a node: the strength estimator refuses what is guessed in under a
 * million tries.
 */
@DisplayName("PasswordPolicy")
class PasswordPolicyTest {
  private static final String COMMON =
      "This password is too common; choose one that is harder to guess";

  @Test
  @DisplayName(
      "well-known passwords dressed up with digits, symbols or capitals are refused as too common")
  void common() {
    for (String password :
        new String[] {
          "Password123!",
          "Qwerty-1234",
          "Letmein-2020",
          "Sunshine99!",
          "Monkey12345",
          "passw0rd12",
          "Abcdef12345",
          "Dragon-dragon"
        }) {
      assertEquals(COMMON, PasswordPolicy.problem(password, null, null), password);
    }
  }

  @Test
  @DisplayName("passwords of several uncommon parts pass")
  void fine() {
    for (String password :
        new String[] {
          "Correct-horse-9",
          "Admin-password-1",
          "Bidding-season-2026",
          "New-secret-42",
          "Policy-abiding-2026",
          "tangerine Otter 58"
        }) {
      assertNull(PasswordPolicy.problem(password, null, null), password);
    }
  }

  @Test
  @DisplayName("the email address is named as the reason, before the estimate")
  void personal() {
    assertEquals(
        "The password must not be your email address",
        PasswordPolicy.problem("fay.lindqvist@example.test", "fay.lindqvist@example.test", "Fay"));
    assertEquals(
        "The password must not be your display name",
        PasswordPolicy.problem("Fay Lindqvist", "f@example.test", "Fay Lindqvist"));
  }
}
