package io.showfloor.platform.config;

import java.net.URI;

/**
 * The web server's configuration ({@code http.*} in config/default.json), read and checked once at
 * start-up. {@code publicUrl} is where users reach this node: links in mails and notices, the
 * Secure refresh cookie and the Content-Security-Policy all follow it. {@code
 * callerRequestsPerMinute} bounds every signed-in caller's API calls (the RateLimit-* headers).
 */
public record HttpSettings(
    String host,
    int port,
    int instances,
    long bodyLimitBytes,
    int shutdownTimeoutSeconds,
    String publicUrl,
    boolean trustProxy,
    String mediaServerUrl,
    int callerRequestsPerMinute) {

  public static HttpSettings from(Settings settings) {
    return new HttpSettings(
        settings.string("http.host", "0.0.0.0"),
        settings.port("http.port", 8080),
        atLeast(settings, "http.instances", Runtime.getRuntime().availableProcessors(), 1),
        atLeast(settings, "http.bodyLimitBytes", 16_777_216L, 1024L),
        atLeast(settings, "http.shutdownTimeoutSeconds", 20, 0),
        publicUrl(settings.string("http.publicUrl", "http://localhost:8080")),
        settings.bool("http.trustProxy", false),
        // the video server the pages connect to, allowed by the Content-Security-Policy
        settings.string("livekit.url", "ws://localhost:7880"),
        // every API call of one signed-in user (sessions and keys together), per minute
        atLeast(settings, "http.callerRequestsPerMinute", 3000, 1));
  }

  /** True when the node is published on https (the refresh cookie is then Secure). */
  public boolean publishedOnHttps() {
    return publicUrl.startsWith("https://");
  }

  private static String publicUrl(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new ConfigException(
          "Setting http.publicUrl must be an http or https URL such as https://shop.example, got '"
              + value
              + "'");
    }
    return value;
  }

  private static int atLeast(Settings settings, String path, int fallback, int min) {
    int value = settings.integer(path, fallback);
    if (value < min) {
      throw new ConfigException("Setting " + path + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  private static long atLeast(Settings settings, String path, long fallback, long min) {
    long value = settings.longValue(path, fallback);
    if (value < min) {
      throw new ConfigException("Setting " + path + " must be at least " + min + ", got " + value);
    }
    return value;
  }
}
