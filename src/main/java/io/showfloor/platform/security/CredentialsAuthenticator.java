package io.showfloor.platform.security;

import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import org.jspecify.annotations.Nullable;

/** Bearer access tokens are checked here; API keys are looked up by the accounts domain. */
public final class CredentialsAuthenticator implements Authenticator {
  /** Finds the caller behind an API key, failing with 401 when it is unknown or revoked. */
  public interface ApiKeys {
    Future<Caller> callerFor(String apiKey);
  }

  /** Reads whether a user's email is verified now. */
  public interface Verification {
    Future<Boolean> isEmailVerified(long userId);
  }

  /** Whether a user is suspended right now; answered from memory, as it runs on every request. */
  public interface Suspension {
    boolean isSuspended(long userId);
  }

  /**
   * The user's credentials version now (from a per-node cache the accounts domain keeps current
   * over the event bus), or null when the user no longer exists.
   */
  public interface CredentialsVersions {
    Future<Long> current(long userId);

    /** Whether this node learned of a newer version for the user after {@code sinceMillis}. */
    boolean endedSince(long userId, long sinceMillis);
  }

  private final AccessTokens tokens;
  private final ApiKeys apiKeys;
  private final Verification verification;
  private final Suspension suspension;
  private final CredentialsVersions versions;

  public CredentialsAuthenticator(
      AccessTokens tokens,
      ApiKeys apiKeys,
      Verification verification,
      Suspension suspension,
      CredentialsVersions versions) {
    this.tokens = tokens;
    this.apiKeys = apiKeys;
    this.verification = verification;
    this.suspension = suspension;
    this.versions = versions;
  }

  @Override
  public Future<Caller> authenticate(@Nullable String authorization, @Nullable String apiKey) {
    if (authorization != null && !authorization.isBlank()) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Future.failedFuture(
            Refused.unauthenticated("unauthorized", "Use Authorization: Bearer <access token>"));
      }
      return tokens
          .verify(authorization.substring(7).trim())
          .recover(e -> Future.failedFuture(invalidToken("The access token is invalid or expired")))
          // a suspension outlives the access tokens already issued: refuse them until it ends
          .compose(
              token ->
                  isSuspended(token.caller().userId())
                      ? Future.failedFuture(
                          Refused.forbidden("account_suspended", "This account is suspended"))
                      : current(token));
    }
    if (apiKey != null && !apiKey.isBlank()) {
      return apiKeys.callerFor(apiKey.trim());
    }
    return Future.succeededFuture(Caller.ANONYMOUS);
  }

  /**
   * The token counts only while it carries the user's current credentials version, and the user
   * exists.
   */
  private Future<Caller> current(AccessTokens.Verified token) {
    return versions
        .current(token.caller().userId())
        .compose(
            version -> {
              if (version == null) {
                return Future.failedFuture(invalidToken("This account no longer exists"));
              }
              if (version != token.credentialsVersion()) {
                return Future.failedFuture(
                    Refused.unauthenticated(
                        "token_revoked",
                        "This access token was ended (password reset, logout or a change to the account); refresh the session or log in again"));
              }
              return Future.succeededFuture(token.caller());
            });
  }

  private static Refused invalidToken(String detail) {
    return Refused.unauthenticated("invalid_token", detail);
  }

  @Override
  public Future<Boolean> isEmailVerified(long userId) {
    return verification.isEmailVerified(userId);
  }

  @Override
  public boolean isSuspended(long userId) {
    return suspension.isSuspended(userId);
  }

  @Override
  public boolean credentialsEndedSince(long userId, long sinceMillis) {
    return versions.endedSince(userId, sinceMillis);
  }
}
