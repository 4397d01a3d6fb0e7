package io.showfloor.platform.security;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Who is making a request: a signed-in user (by access token or API key) or nobody. */
public record Caller(
    long userId,
    @Nullable String displayName,
    Set<String> roles,
    boolean emailVerified,
    boolean viaApiKey) {
  public static final Caller ANONYMOUS = new Caller(0, null, Set.of(), false, false);

  public boolean isAnonymous() {
    return userId == 0;
  }

  public boolean hasRole(String role) {
    return roles.contains(role) || roles.contains("admin");
  }

  public boolean isModerator() {
    return hasRole("moderator");
  }
}
