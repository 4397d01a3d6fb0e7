package io.showfloor.moderation;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;

/**
 * Moderation's configuration ({@code moderation.*} in config/default.json), read and checked once.
 */
record ModerationSettings(int reportsPerHour) {
  static ModerationSettings from(Settings settings) {
    int reportsPerHour = settings.integer("moderation.reportsPerHour", 30);
    if (reportsPerHour < 1) {
      throw new ConfigException(
          "Setting moderation.reportsPerHour must be at least 1, got " + reportsPerHour);
    }
    return new ModerationSettings(reportsPerHour);
  }
}
