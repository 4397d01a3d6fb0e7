package io.showfloor.account;

import io.showfloor.notify.Notifications;
import io.showfloor.notify.Notify;
import io.showfloor.platform.DemoSeed;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.security.Authenticator;
import io.showfloor.platform.security.CredentialsAuthenticator;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Users, sessions, roles and API keys (docs/API.md "Accounts"). The routes are in {@link
 * AccountEndpoints}; the rules live in {@link AccountService}, {@link Sessions} and {@link
 * ApiKeys}.
 */
public final class Accounts implements Domain {
  private final Platform platform;
  private final AccountSettings settings;
  private final Notifications notifications;
  private final PasswordHasher hasher;
  private final AccountService service;
  private final Sessions sessions;
  private final ApiKeys apiKeys;
  private final Authenticator authenticator;
  private final Suspensions suspensions;
  private final RefreshCookie refreshCookie;
  private final CredentialsVersions versions;
  private final PasswordChange passwordChange;
  private final EmailChange emailChange;
  private final AccountClosure closure;
  private final AccountExport export;

  public Accounts(Platform platform, Notify notify) {
    AccountSettings settings = AccountSettings.from(platform.settings());
    this.platform = platform;
    this.settings = settings;
    this.notifications = notify.notifications();
    this.hasher = new PasswordHasher(platform.vertx());
    RefreshTokens refreshTokens = new RefreshTokens(settings.refreshTtlSeconds());
    AccountMails mails =
        new AccountMails(
            notify.outbox(),
            platform.http().publicUrl(),
            settings.verificationTokenHours(),
            settings.resetTokenMinutes());
    this.versions = new CredentialsVersions(platform.vertx(), platform.db());
    this.service =
        new AccountService(
            platform.db(),
            platform.rateLimiter(),
            settings,
            hasher,
            refreshTokens,
            versions,
            mails);
    this.sessions =
        new Sessions(
            platform.db(),
            platform.rateLimiter(),
            platform.accessTokens(),
            settings,
            hasher,
            refreshTokens,
            versions);
    this.apiKeys =
        new ApiKeys(
            platform.db(), settings.apiKeysPerUser(), settings.apiKeyRotationGraceSeconds());
    this.passwordChange =
        new PasswordChange(
            platform.db(),
            platform.rateLimiter(),
            hasher,
            refreshTokens,
            versions,
            sessions,
            mails);
    this.emailChange =
        new EmailChange(
            platform.db(),
            platform.rateLimiter(),
            hasher,
            mails,
            settings.verificationTokenHours() * 60);
    this.closure =
        new AccountClosure(
            platform.db(), hasher, refreshTokens, versions, mails, notify.personalRecords());
    this.export = new AccountExport(platform.db(), notify.personalRecords());
    this.refreshCookie = new RefreshCookie(platform.http(), settings);
    this.suspensions = new Suspensions(platform.vertx(), platform.db(), refreshTokens, versions);
    this.authenticator =
        new CredentialsAuthenticator(
            platform.accessTokens(),
            apiKeys,
            this::isEmailVerified,
            suspensions::isSuspended,
            versions);
  }

  /** For media: the avatar an upload sets. */
  public AccountProfilePictures profilePictures() {
    return new AccountProfilePictures(platform.db());
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  /**
   * A user's public face for their trader page ({@code displayName, bio, avatarUrl, memberSince}),
   * or null when there is no such active user.
   */
  public Future<@Nullable JsonObject> publicProfile(long userId) {
    return platform
        .db()
        .one(
            "SELECT display_name, bio, avatar_url, created_at FROM users WHERE id = $1 AND status = 'active'",
            Tuple.of(userId))
        .map(
            row ->
                row == null
                    ? null
                    : new JsonObject()
                        .put("displayName", row.getString("display_name"))
                        .put("bio", row.getString("bio"))
                        .put("avatarUrl", row.getString("avatar_url"))
                        .put(
                            "memberSince",
                            row.getOffsetDateTime("created_at").toInstant().toString()));
  }

  /**
   * For moderation: timed suspensions that login, refresh, API keys and access tokens all honour.
   */
  public Suspensions suspensions() {
    return suspensions;
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(
        new AccountEndpoints(service, sessions, apiKeys, refreshCookie),
        new AccountSettingsEndpoints(passwordChange, emailChange, closure, export, refreshCookie));
  }

  @Override
  public Future<Void> start() {
    platform.vertx().eventBus().<JsonObject>consumer("snapshot.user", this::snapshot);
    versions.start();
    return suspensions.start().compose(v -> AdminBootstrap.run(settings, platform.db(), hasher));
  }

  @Override
  public List<DemoSeed> demoSeeds() {
    return List.of(
        DemoUsers.seed(hasher, notifications), DemoUsers.simulatedSeed(hasher, notifications));
  }

  /**
   * A bearer token for a person of the demo world, for the living demo's scripted hosts and bots
   * (they act through the public API, so every bid takes the real path).
   */
  public Future<String> demoBearer(String email) {
    return DemoUsers.bearer(platform.db(), platform.accessTokens(), email);
  }

  /**
   * The {@code me} topic's first frame: who the socket belongs to and how many notifications wait.
   */
  private void snapshot(Message<JsonObject> message) {
    JsonObject body = message.body() == null ? new JsonObject() : message.body();
    long id = asLong(body.getValue("id"));
    long userId = asLong(body.getValue("userId"));
    if (id <= 0 || id != userId) {
      message.fail(403, "A user's topic is only for that user");
      return;
    }
    service
        .user(id)
        .compose(
            user ->
                notifications
                    .unreadCount(id)
                    .map(
                        unread ->
                            new JsonObject()
                                .put("id", user.id())
                                .put("displayName", user.displayName())
                                .put("roles", user.orderedRoles())
                                .put("unreadNotifications", unread)))
        .onSuccess(message::reply)
        .onFailure(e -> message.fail(404, "No such user"));
  }

  private static long asLong(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return value == null ? 0 : Long.parseLong(value.toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private Future<Boolean> isEmailVerified(long userId) {
    return platform
        .db()
        .one(
            "SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1",
            Tuple.of(userId))
        .map(row -> row != null && row.getBoolean("verified"));
  }
}
