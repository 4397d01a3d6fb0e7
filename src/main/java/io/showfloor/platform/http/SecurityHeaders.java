package io.showfloor.platform.http;

import io.showfloor.platform.config.HttpSettings;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The browser protections every answer carries — pages, assets, API answers, problems, /health: a
 * Content-Security-Policy with no inline script, no framing by other sites, no MIME sniffing, a
 * referrer that stops at our origin, and HSTS when the node is published over https. Added when the
 * headers are written, so no handler (nor an error page) can answer without them.
 *
 * <p>The policy allows what the web app really loads: its own files; Stripe.js with its frames and
 * API (card entry, 3-D Secure); LiveKit at {@code livekit.url} (video, over ws(s) and its http(s)
 * twin, which livekit-client asks when a connection fails); images and recordings from any https
 * host (sellers give image URLs, recordings live in object storage); and our own WebSocket, named
 * explicitly because older browsers do not count ws(s) of our host as 'self'.
 */
public final class SecurityHeaders {
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:\\d{1,5})?");
  private static final String STRIPE_SCRIPTS = "https://js.stripe.com https://*.js.stripe.com";

  private final String policyBeforeConnect;
  private final String policyAfterConnect;
  private final String webSocketScheme;
  private final boolean https;

  public SecurityHeaders(HttpSettings http) {
    this.https = http.publishedOnHttps();
    this.webSocketScheme = https ? "wss://" : "ws://";
    Set<String> connect = new LinkedHashSet<>();
    connect.add("https://api.stripe.com");
    connect.addAll(liveKitOrigins(http.mediaServerUrl()));
    this.policyBeforeConnect =
        String.join(
                "; ",
                "default-src 'self'",
                "script-src 'self' " + STRIPE_SCRIPTS,
                "style-src 'self'",
                "img-src 'self' data: blob: https:",
                "media-src 'self' blob: https:",
                "font-src 'self'",
                "frame-src " + STRIPE_SCRIPTS + " https://hooks.stripe.com",
                "worker-src 'self'",
                "manifest-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'")
            + "; connect-src 'self'";
    this.policyAfterConnect = " " + String.join(" ", connect);
  }

  /** A root handler: the headers are put on whatever answer this request ends with. */
  public void handle(RoutingContext rc) {
    String policy = policy(rc.request().getHeader("Host"));
    rc.addHeadersEndHandler(v -> apply(rc.response().headers(), policy));
    rc.next();
  }

  /**
   * The policy for a page served under {@code host} (the Host header; ignored unless it is a plain
   * host[:port]).
   */
  String policy(String host) {
    String ownSocket =
        host != null && HOST.matcher(host).matches() ? " " + webSocketScheme + host : "";
    return policyBeforeConnect + ownSocket + policyAfterConnect;
  }

  private void apply(MultiMap headers, String policy) {
    headers.set("Content-Security-Policy", policy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
    if (https) {
      // only when published over https: a browser that saw it would refuse plain http for a year
      headers.set("Strict-Transport-Security", "max-age=31536000");
    }
  }

  /**
   * LiveKit's WebSocket origin and its http(s) twin; nothing when the setting is not a ws(s) URL.
   */
  static Set<String> liveKitOrigins(String url) {
    Set<String> origins = new LinkedHashSet<>();
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      return origins;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (uri.getHost() == null || !(scheme.equals("ws") || scheme.equals("wss"))) {
      return origins;
    }
    String authority = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    origins.add(scheme + "://" + authority);
    origins.add((scheme.equals("wss") ? "https://" : "http://") + authority);
    return origins;
  }
}
