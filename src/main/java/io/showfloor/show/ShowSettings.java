package io.showfloor.show;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;

/**
 * The shows' configuration ({@code shows.*} and {@code livekit.*} in config/default.json), read and
 * checked once when the domain is wired.
 */
record ShowSettings(
    int chatMaxLength,
    int chatMessagesPerWindow,
    int chatWindowSeconds,
    int presenceWindowSeconds,
    int presenceSampleSeconds,
    LiveKitSettings livekit,
    boolean recordingEnabled) {

  static ShowSettings from(Settings settings) {
    LiveKitSettings livekit = LiveKitSettings.from(settings);
    return new ShowSettings(
        positive(settings, "shows.chat.maxLength", 500),
        positive(settings, "shows.chat.messagesPerWindow", 5),
        positive(settings, "shows.chat.windowSeconds", 10),
        positive(settings, "shows.presence.windowSeconds", 30),
        positive(settings, "shows.presence.sampleSeconds", 3),
        livekit,
        // recordings need a LiveKit that is really configured (egress runs there)
        livekit.configured() && settings.bool("livekit.egress.enabled", false));
  }

  static int positive(Settings settings, String path, int fallback) {
    int value = settings.integer(path, fallback);
    if (value <= 0) {
      throw new ConfigException("Setting " + path + " must be positive, got " + value);
    }
    return value;
  }
}
