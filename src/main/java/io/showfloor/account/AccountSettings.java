package io.showfloor.account;

import io.showfloor.platform.config.Settings;
import org.jspecify.annotations.Nullable;

/**
 * The accounts' configuration ({@code accounts.*}, {@code jwt.refreshTtlSeconds} and the first
 * admin from {@code admin.*}), read and checked once when the domain is wired.
 */
record AccountSettings(
    int refreshTtlSeconds,
    int lockoutAttempts,
    int lockoutMinutes,
    int signupPerMinutePerIp,
    int loginPerMinutePerIp,
    int forgotPerMinutePerIp,
    int verificationTokenHours,
    int resetTokenMinutes,
    int apiKeysPerUser,
    int apiKeyRotationGraceSeconds,
    @Nullable String adminEmail,
    @Nullable String adminPassword) {

  static AccountSettings from(Settings settings) {
    return new AccountSettings(
        settings.positive("jwt.refreshTtlSeconds", 2_592_000),
        settings.positive("accounts.lockoutAttempts", 5),
        settings.positive("accounts.lockoutMinutes", 15),
        settings.positive("accounts.signupPerMinutePerIp", 5),
        settings.positive("accounts.loginPerMinutePerIp", 10),
        settings.positive("accounts.forgotPerMinutePerIp", 5),
        settings.positive("accounts.verificationTokenHours", 48),
        settings.positive("accounts.resetTokenMinutes", 60),
        settings.positive("accounts.apiKeysPerUser", 20),
        // how long a rotated key keeps working beside its successor (0: it stops at once)
        settings.within("accounts.apiKeyRotationGraceSeconds", 0, 0, 30 * 24 * 3600),
        settings.string("admin.email", null),
        settings.string("admin.password", null));
  }

  /** Never prints the admin password (start-up failures and debuggers show records). */
  @Override
  public String toString() {
    return "AccountSettings[refreshTtlSeconds="
        + refreshTtlSeconds
        + ", lockoutAttempts="
        + lockoutAttempts
        + ", lockoutMinutes="
        + lockoutMinutes
        + ", apiKeysPerUser="
        + apiKeysPerUser
        + ", admin="
        + (adminEmail == null ? "none" : adminEmail)
        + "]";
  }
}
