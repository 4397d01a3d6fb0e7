package io.showfloor.account;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;
import org.jspecify.annotations.Nullable;

/**
 * The accounts' configuration ({@code accounts.*}, {@code jwt.refreshTtlSeconds} and the first admin
 * from {@code admin.*}), read and checked once when the domain is wired.
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
    @Nullable String adminEmail,
    @Nullable String adminPassword) {

  static AccountSettings from(Settings settings) {
    return new AccountSettings(
        positive(settings, "jwt.refreshTtlSeconds", 2_592_000),
        positive(settings, "accounts.lockoutAttempts", 5),
        positive(settings, "accounts.lockoutMinutes", 15),
        positive(settings, "accounts.signupPerMinutePerIp", 5),
        positive(settings, "accounts.loginPerMinutePerIp", 10),
        positive(settings, "accounts.forgotPerMinutePerIp", 5),
        positive(settings, "accounts.verificationTokenHours", 48),
        positive(settings, "accounts.resetTokenMinutes", 60),
        positive(settings, "accounts.apiKeysPerUser", 20),
        settings.string("admin.email", null),
        settings.string("admin.password", null));
  }

  /** Never prints the admin password (start-up failures and debuggers show records). */
  @Override
  public String toString() {
    return "AccountSettings[refreshTtlSeconds=" + refreshTtlSeconds + ", lockoutAttempts=" + lockoutAttempts
        + ", lockoutMinutes=" + lockoutMinutes + ", apiKeysPerUser=" + apiKeysPerUser + ", admin="
        + (adminEmail == null ? "none" : adminEmail) + "]";
  }

  private static int positive(Settings settings, String path, int fallback) {
    int value = settings.integer(path, fallback);
    if (value <= 0) {
      throw new ConfigException("Setting " + path + " must be positive, got " + value);
    }
    return value;
  }
}
