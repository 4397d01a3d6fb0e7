package io.showfloor.account;

import io.showfloor.notify.Notifications;
import io.showfloor.notify.Notify;
import io.showfloor.platform.DemoSeed;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.config.Settings;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.Authenticator;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.CredentialsAuthenticator;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Users, sessions, roles and API keys (docs/API.md "Accounts"). Routes are one line each;
 * the rules live in {@link AccountService}, {@link Sessions} and {@link ApiKeys}.
 */
public final class Accounts implements Domain {
  private final Platform platform;
  private final Notifications notifications;
  private final PasswordHasher hasher;
  private final AccountService service;
  private final Sessions sessions;
  private final ApiKeys apiKeys;
  private final Authenticator authenticator;
  private final Suspensions suspensions;
  private final RefreshCookie refreshCookie;
  private final CredentialsVersions versions;

  public Accounts(Platform platform, Notify notify) {
    Settings settings = platform.settings();
    this.platform = platform;
    this.notifications = notify.notifications();
    this.hasher = new PasswordHasher(platform.vertx());
    RefreshTokens refreshTokens = new RefreshTokens(settings.integer("jwt.refreshTtlSeconds", 2_592_000));
    AccountMails mails = new AccountMails(notify.outbox(), settings.string("http.publicUrl", "http://localhost:8080"),
        settings.integer("accounts.verificationTokenHours", 48), settings.integer("accounts.resetTokenMinutes", 60));
    this.versions = new CredentialsVersions(platform.vertx(), platform.db());
    this.service = new AccountService(platform, hasher, refreshTokens, versions, mails);
    this.sessions = new Sessions(platform, hasher, refreshTokens, versions);
    this.apiKeys = new ApiKeys(platform.db(), settings.integer("accounts.apiKeysPerUser", 20));
    this.refreshCookie = new RefreshCookie(settings);
    this.suspensions = new Suspensions(platform.vertx(), platform.db(), refreshTokens, versions);
    this.authenticator = new CredentialsAuthenticator(platform.accessTokens(), apiKeys, this::isEmailVerified,
        suspensions::isSuspended, versions);
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  /** For moderation: timed suspensions that login, refresh, API keys and access tokens all honour. */
  public Suspensions suspensions() {
    return suspensions;
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(api -> api
        .on("signup", r -> service.signup(r.ip(), r.body()).map(u -> Reply.created(new JsonObject().put("user", u.toJson()))))
        .on("verifyEmail", r -> service.verify(r.body().getString("token")).map(u -> Reply.ok(new JsonObject().put("user", u.toJson()))))
        .on("resendVerification", r -> r.user().compose(c -> service.resendVerification(c.userId())).map(v -> Reply.accepted()))
        .on("login", this::login)
        .on("refreshSession", this::refresh)
        .on("logout", this::logout)
        .on("forgotPassword", r -> service.forgotPassword(r.ip(), r.body().getString("email")).map(v -> Reply.accepted()))
        .on("resetPassword", r -> service.resetPassword(r.ip(), r.body().getString("token"), r.body().getString("newPassword"))
            .map(v -> Reply.noContent().cookie(refreshCookie.cleared()))) // every session ended, this browser's too
        .on("getMe", r -> r.user().compose(c -> service.user(c.userId())).map(u -> Reply.ok(u.toJson())))
        .on("takeRole", this::takeRole)
        .on("createApiKey", r -> withSession(r).compose(c -> apiKeys.create(c.userId(), r.body().getString("name"))).map(Reply::created))
        .on("listApiKeys", r -> r.user().compose(c -> apiKeys.list(c.userId())).map(Reply::ok))
        .on("revokeApiKey", r -> withSession(r).compose(c -> apiKeys.revoke(c.userId(), r.pathLong("id"))).map(v -> Reply.noContent()))
        .on("listUsers", r -> r.withRole("moderator").compose(c -> service.listUsers(r.query("q"), r.query("role"),
            (int) r.queryLong("limit", 50), r.query("before") == null ? null : r.queryLong("before", 0))).map(Reply::ok))
        .on("grantRole", r -> r.withRole("admin").compose(c -> service.grantRole(r.pathLong("id"), r.body().getString("role")))
            .map(u -> Reply.ok(u.toAdminJson())))
        .on("revokeRole", r -> r.withRole("admin").compose(c -> service.revokeRole(r.pathLong("id"), r.path("role")))
            .map(u -> Reply.ok(u.toAdminJson()))));
  }

  /**
   * A new session: the refresh token goes into the HttpOnly cookie for browsers and stays in the
   * body for API clients (the SDK, bots), which keep no cookies. Showing it to the page here gives
   * nothing away: whoever can call login already has the password.
   */
  private Future<Reply> login(ApiRequest request) {
    return sessions.login(request.ip(), request.body().getString("email"), request.body().getString("password"))
        .map(session -> Reply.ok(session).cookie(refreshCookie.carrying(session.getString("refreshToken"))));
  }

  /**
   * Rotates the refresh token, which travels back the way it came. An API client sends it in the
   * body and gets the next one there. A browser sends the cookie and gets the next one only as a
   * cookie, never in the body: otherwise a script injected into the page could mint refresh tokens
   * and carry them off, and HttpOnly would protect nothing. A refused cookie (401, 403) is cleared.
   */
  private Future<Reply> refresh(ApiRequest request) {
    String fromBody = request.body().getString("refreshToken");
    if (fromBody != null) {
      return sessions.refresh(fromBody).map(Reply::ok);
    }
    String fromCookie = request.cookie(refreshCookie.name());
    if (fromCookie == null || fromCookie.isEmpty()) {
      return Future.failedFuture(new ApiError(401, "invalid_refresh_token", "Authentication required",
          "No refresh token: send it in the body, or log in so the browser keeps one"));
    }
    return sessions.refresh(fromCookie)
        .map(session -> {
          String next = (String) session.remove("refreshToken");
          return Reply.ok(session).cookie(refreshCookie.carrying(next));
        })
        .onFailure(failure -> {
          if (failure instanceof ApiError refused && (refused.status() == 401 || refused.status() == 403)) {
            request.context().response().addCookie(refreshCookie.cleared()); // not on a 5xx: the session may be fine
          }
        });
  }

  /** Ends the session of the token in the body and of the browser's cookie, and forgets the cookie. */
  private Future<Reply> logout(ApiRequest request) {
    String fromBody = request.body().getString("refreshToken");
    String fromCookie = request.cookie(refreshCookie.name());
    Future<Void> body = fromBody == null ? Future.succeededFuture() : sessions.logout(fromBody);
    return body.compose(v -> fromCookie == null || fromCookie.isEmpty() || fromCookie.equals(fromBody)
            ? Future.<Void>succeededFuture() : sessions.logout(fromCookie))
        .map(v -> Reply.noContent().cookie(refreshCookie.cleared()));
  }

  /** Taking a role changes the claims, so the answer carries a fresh access token that has it. */
  private Future<Reply> takeRole(ApiRequest request) {
    return withSession(request).compose(c -> request.verifiedUser())
        .compose(c -> service.takeRole(c.userId(), request.body().getString("role")))
        .map(user -> Reply.ok(new JsonObject()
            .put("user", user.toJson())
            .put("accessToken", sessions.accessToken(user))
            .put("expiresIn", sessions.accessTtlSeconds())));
  }

  /** Managing keys and roles needs a signed-in person: a leaked API key must not mint more keys. */
  private static Future<Caller> withSession(ApiRequest request) {
    return request.user().compose(c -> c.viaApiKey()
        ? Future.failedFuture(ApiError.forbidden("session_required", "Sign in with a password for this; API keys cannot do it"))
        : Future.succeededFuture(c));
  }

  @Override
  public Future<Void> start() {
    platform.vertx().eventBus().<JsonObject>consumer("snapshot.user", this::snapshot);
    versions.start();
    return suspensions.start().compose(v -> AdminBootstrap.run(platform.settings(), platform.db(), hasher));
  }

  @Override
  public List<DemoSeed> demoSeeds() {
    return List.of(DemoUsers.seed(hasher, notifications));
  }

  /** The {@code me} topic's first frame: who the socket belongs to and how many notifications wait. */
  private void snapshot(Message<JsonObject> message) {
    JsonObject body = message.body() == null ? new JsonObject() : message.body();
    long id = asLong(body.getValue("id"));
    long userId = asLong(body.getValue("userId"));
    if (id <= 0 || id != userId) {
      message.fail(403, "A user's topic is only for that user");
      return;
    }
    service.user(id)
        .compose(user -> notifications.unreadCount(id).map(unread -> new JsonObject()
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
    return platform.db().one("SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1", Tuple.of(userId))
        .map(row -> row != null && row.getBoolean("verified"));
  }
}
