package io.showfloor.notify;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.HttpSettings;
import io.showfloor.platform.config.Settings;
import org.jspecify.annotations.Nullable;

/**
 * Mail's configuration ({@code mail.*} in config/default.json, and the node's public address), read
 * and checked once.
 */
record NotifySettings(
    String from,
    @Nullable String resendApiKey,
    int maxAttempts,
    long retryBaseMillis,
    int claimSeconds,
    long pollMillis,
    long nudgeMillis,
    String publicUrl) {

  static NotifySettings from(Settings settings) {
    NotifySettings read =
        new NotifySettings(
            settings.string("mail.from", "Showfloor <no-reply@showfloor.local>"),
            settings.string("mail.resendApiKey", null),
            settings.integer("mail.maxAttempts", 8),
            settings.longValue("mail.retryBaseMillis", 5_000),
            settings.integer("mail.claimSeconds", 60),
            settings.longValue("mail.pollMillis", 500),
            settings.longValue("mail.nudgeMillis", 20),
            HttpSettings.from(settings).publicUrl());
    if (read.maxAttempts < 1
        || read.retryBaseMillis < 1
        || read.claimSeconds < 1
        || read.pollMillis < 1
        || read.nudgeMillis < 0) {
      throw new ConfigException(
          "Settings mail.maxAttempts, retryBaseMillis, claimSeconds and pollMillis must be "
              + "positive and mail.nudgeMillis not negative");
    }
    return read;
  }

  /** True when mail leaves this machine from a node published somewhere other than localhost. */
  boolean publishedBeyondLocalhost() {
    return !publicUrl.matches("https?://(localhost|127\\.0\\.0\\.1)([:/].*)?");
  }
}
