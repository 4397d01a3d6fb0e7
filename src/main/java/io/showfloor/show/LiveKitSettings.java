package io.showfloor.show;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where LiveKit is and how we sign for it. With no {@code livekit.apiKey}/{@code apiSecret}
 * (LIVEKIT_API_KEY / LIVEKIT_API_SECRET) configured, tokens and webhooks use LiveKit's development
 * pair {@code devkey}/{@code secret} — the one {@code livekit-server --dev} accepts — so a
 * developer's local LiveKit works out of the box; the room service (remove, mute) is then not
 * called at all.
 *
 * <p>{@code livekit.url} is handed to browsers; {@code livekit.apiUrl} (LIVEKIT_API_URL) is where
 * this node calls the room and egress services, which differs when LiveKit sits in the same private
 * network as the nodes (in Docker, {@code http://livekit:7880} while browsers use {@code
 * ws://localhost:7880}). Unset, the node calls LiveKit where browsers do.
 */
record LiveKitSettings(
    String url,
    String apiUrl,
    String apiKey,
    String apiSecret,
    boolean configured,
    int tokenTtlSeconds) {
  static final String DEV_KEY = "devkey";
  static final String DEV_SECRET = "secret";

  static LiveKitSettings from(Settings settings) {
    String url =
        checked(settings.string("livekit.url", "ws://localhost:7880"), "livekit.url (LIVEKIT_URL)");
    String apiUrl =
        settings.has("livekit.apiUrl")
            ? checked(settings.string("livekit.apiUrl", url), "livekit.apiUrl (LIVEKIT_API_URL)")
            : url;
    String key = settings.string("livekit.apiKey", null);
    String secret = settings.string("livekit.apiSecret", null);
    int ttl = settings.positive("livekit.tokenTtlSeconds", 300);
    if (key == null || secret == null) {
      return new LiveKitSettings(url, apiUrl, DEV_KEY, DEV_SECRET, false, ttl);
    }
    return new LiveKitSettings(url, apiUrl, key, secret, true, ttl);
  }

  private static String checked(String value, String setting) {
    try {
      URI uri = new URI(value.trim());
      if (uri.getScheme() == null
          || !uri.getScheme().matches("wss?|https?")
          || uri.getHost() == null) {
        throw new ConfigException(
            setting
                + " must be a ws://, wss://, http:// or https:// URL with a host, got "
                + value);
      }
      return value.trim();
    } catch (URISyntaxException e) {
      throw new ConfigException(setting + " is not a valid URL: " + value);
    }
  }

  /** The room service speaks HTTP(S) at {@code livekit.apiUrl}, written either way. */
  String httpUrl() {
    if (apiUrl.startsWith("wss://")) {
      return "https://" + apiUrl.substring(6);
    }
    if (apiUrl.startsWith("ws://")) {
      return "http://" + apiUrl.substring(5);
    }
    return apiUrl;
  }
}
