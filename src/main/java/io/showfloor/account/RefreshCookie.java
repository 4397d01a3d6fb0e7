package io.showfloor.account;

import io.showfloor.platform.config.HttpSettings;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/**
 * The browser's refresh token: an HttpOnly cookie, so no script on the page (nor an injected one)
 * can read it, sent only to /api/auth (where refresh and logout live), only from our own pages
 * (SameSite=Strict, which also keeps other sites from forging a refresh or logout), and only over
 * https when the node is published on https (Secure, with the {@code __Secure-} name prefix that a
 * plain-http page cannot overwrite). It lives as long as the token it carries.
 */
final class RefreshCookie {
  static final String PATH = "/api/auth";
  private final String name;
  private final boolean secure;
  private final long maxAgeSeconds;

  RefreshCookie(HttpSettings http, AccountSettings settings) {
    this.secure = http.publishedOnHttps();
    this.name = secure ? "__Secure-sf_refresh" : "sf_refresh";
    this.maxAgeSeconds = settings.refreshTtlSeconds();
  }

  String name() {
    return name;
  }

  Cookie carrying(String refreshToken) {
    return base(refreshToken).setMaxAge(maxAgeSeconds);
  }

  /**
   * Tells the browser to forget the cookie (logout, a reset that ended every session, a refused
   * token).
   */
  Cookie cleared() {
    return base("").setMaxAge(0);
  }

  private Cookie base(String value) {
    return Cookie.cookie(name, value)
        .setPath(PATH)
        .setHttpOnly(true)
        .setSecure(secure)
        .setSameSite(CookieSameSite.STRICT);
  }
}
