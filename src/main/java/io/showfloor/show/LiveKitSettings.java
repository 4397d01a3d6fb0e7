package io.showfloor.show;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;

/**
 * Where LiveKit is and how we sign for it. With no {@code livekit.apiKey}/{@code apiSecret}
 * (LIVEKIT_API_KEY / LIVEKIT_API_SECRET) configured, tokens and webhooks use LiveKit's development pair
 * {@code devkey}/{@code secret} — the one {@code livekit-server --dev} accepts — so a developer's
 * local LiveKit works out of the box; the room service (remove, mute) is then not called at all.
 */
record LiveKitSettings(String url, String apiKey, String apiSecret, boolean configured, int tokenTtlSeconds) {
  static final String DEV_KEY = "devkey";
  static final String DEV_SECRET = "secret";

  static LiveKitSettings from(Settings settings) {
    String key = settings.string("livekit.apiKey", null);
    String secret = settings.string("livekit.apiSecret", null);
    String url = settings.string("livekit.url", "ws://localhost:7880");
    if (!url.matches("(wss?|https?)://\\S+")) {
      throw new ConfigException("Setting livekit.url must be a ws://, wss://, http:// or https:// URL, got '" + url + "'");
    }
    int ttl = settings.positive("livekit.tokenTtlSeconds", 300);
    if (key == null || secret == null) {
      return new LiveKitSettings(url, DEV_KEY, DEV_SECRET, false, ttl);
    }
    return new LiveKitSettings(url, key, secret, true, ttl);
  }

  /** The room service speaks HTTP(S) at the same host as the WebSocket URL clients use. */
  String httpUrl() {
    if (url.startsWith("wss://")) {
      return "https://" + url.substring(6);
    }
    if (url.startsWith("ws://")) {
      return "http://" + url.substring(5);
    }
    return url;
  }
}
