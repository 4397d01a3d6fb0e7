package io.showfloor.platform.security;

import io.showfloor.platform.Refused;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who is making a request: a signed-in user (by access token or API key) or nobody. A key carries
 * the scopes it was created with ({@code read}, {@code trade}, {@code funds}); a session has them
 * all.
 */
public record Caller(
    long userId,
    @Nullable String displayName,
    Set<String> roles,
    boolean emailVerified,
    boolean viaApiKey,
    Set<String> keyScopes) {
  /** Every scope a key may be given; a session (and a key made before scopes) holds them all. */
  public static final Set<String> ALL_SCOPES = Set.of("read", "trade", "funds");

  public static final Caller ANONYMOUS = new Caller(0, null, Set.of(), false, false);

  public Caller(
      long userId,
      @Nullable String displayName,
      Set<String> roles,
      boolean emailVerified,
      boolean viaApiKey) {
    this(userId, displayName, roles, emailVerified, viaApiKey, ALL_SCOPES);
  }

  public boolean isAnonymous() {
    return userId == 0;
  }

  public boolean hasRole(String role) {
    return roles.contains(role) || roles.contains("admin");
  }

  public boolean isModerator() {
    return hasRole("moderator");
  }

  /** Whether the credential allows work of this scope: always for a session, per key otherwise. */
  public boolean mayUse(String scope) {
    return !viaApiKey || keyScopes.contains(scope);
  }

  /**
   * The refusal of a key that lacks {@code scope}: the same over HTTP, the WebSocket and SSE. Null
   * when the caller may do it.
   */
  public @Nullable Refused scopeRefusal(String scope) {
    return mayUse(scope)
        ? null
        : Refused.forbidden(
            "insufficient_scope",
            "This API key lacks the " + scope + " scope; create a key with it");
  }
}
