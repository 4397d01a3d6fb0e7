package io.showfloor.show;

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
        settings.positive("shows.chat.maxLength", 500),
        settings.positive("shows.chat.messagesPerWindow", 5),
        settings.positive("shows.chat.windowSeconds", 10),
        settings.positive("shows.presence.windowSeconds", 30),
        settings.positive("shows.presence.sampleSeconds", 3),
        livekit,
        // recordings need a LiveKit that is really configured (egress runs there)
        livekit.configured() && settings.bool("livekit.egress.enabled", false));
  }
}
