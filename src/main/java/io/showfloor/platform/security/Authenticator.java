package io.showfloor.platform.security;

import io.vertx.core.Future;
import org.jspecify.annotations.Nullable;

/** Resolves credentials (a bearer access token or an API key) to a {@link Caller}. */
public interface Authenticator {
  /**
   * Succeeds with the caller, {@link Caller#ANONYMOUS} when no credentials were given, or fails
   * with 401.
   */
  Future<Caller> authenticate(@Nullable String authorizationHeader, @Nullable String apiKeyHeader);

  /**
   * Reads the user's current verification state, for callers whose token predates their
   * verification.
   */
  Future<Boolean> isEmailVerified(long userId);

  /**
   * Whether the user is suspended right now (from memory: long-lived sockets ask on every frame).
   */
  boolean isSuspended(long userId);

  /**
   * Whether this node has learned, since {@code sinceMillis}, that the user's credentials were
   * ended (password reset, logout, replayed refresh token, role removal, suspension): a socket that
   * signed in before must stop. From memory, like {@link #isSuspended}.
   */
  boolean credentialsEndedSince(long userId, long sinceMillis);
}
