package io.showfloor.account;

import io.showfloor.platform.Refused;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * HTTP for sign-up, sessions (with the refresh cookie), roles, API keys and the user list; one line
 * a route.
 */
final class AccountEndpoints implements ApiRoutes {
  private final AccountService service;
  private final Sessions sessions;
  private final ApiKeys apiKeys;
  private final RefreshCookie refreshCookie;

  AccountEndpoints(
      AccountService service, Sessions sessions, ApiKeys apiKeys, RefreshCookie refreshCookie) {
    this.service = service;
    this.sessions = sessions;
    this.apiKeys = apiKeys;
    this.refreshCookie = refreshCookie;
  }

  @Override
  public void mount(Api api) {
    api.on(
            "signup",
            r ->
                service
                    .signup(r.ip(), r.body())
                    .map(u -> Reply.created(new JsonObject().put("user", u.toJson()))))
        .on(
            "verifyEmail",
            r ->
                service
                    .verify(r.body().getString("token"))
                    .map(u -> Reply.ok(new JsonObject().put("user", u.toJson()))))
        .on(
            "resendVerification",
            r ->
                r.user()
                    .compose(c -> service.resendVerification(c.userId()))
                    .map(v -> Reply.accepted()))
        .on("login", this::login)
        .on("refreshSession", this::refresh)
        .on("logout", this::logout)
        .on(
            "forgotPassword",
            r ->
                service
                    .forgotPassword(r.ip(), r.body().getString("email"))
                    .map(v -> Reply.accepted()))
        .on(
            "resetPassword",
            r ->
                service
                    .resetPassword(
                        r.ip(), r.body().getString("token"), r.body().getString("newPassword"))
                    .map(
                        v ->
                            Reply.noContent()
                                .cookie(
                                    refreshCookie
                                        .cleared()))) // every session ended, this browser's too
        .on(
            "getMe",
            r -> r.user().compose(c -> service.user(c.userId())).map(u -> Reply.ok(u.toJson())))
        .on(
            "updateMe",
            r ->
                r.user()
                    .compose(c -> service.updateProfile(c.userId(), r.body()))
                    .map(u -> Reply.ok(u.toJson())))
        .on("takeRole", this::takeRole)
        .on(
            "createApiKey",
            r ->
                r.signedIn()
                    .compose(
                        c ->
                            apiKeys.create(
                                c.userId(),
                                r.body().getString("name"),
                                r.body().getJsonArray("scopes")))
                    .map(Reply::created))
        .on(
            "rotateApiKey",
            r ->
                r.signedIn()
                    .compose(c -> apiKeys.rotate(c.userId(), r.pathLong("id")))
                    .map(Reply::created))
        .on("listApiKeys", r -> r.user().compose(c -> apiKeys.list(c.userId())).map(Reply::ok))
        .on(
            "revokeApiKey",
            r ->
                r.signedIn()
                    .compose(c -> apiKeys.revoke(c.userId(), r.pathLong("id")))
                    .map(v -> Reply.noContent()))
        .on(
            "listUsers",
            r ->
                r.withRole("moderator")
                    .compose(
                        c ->
                            service.listUsers(
                                r.query("q"),
                                r.query("role"),
                                (int) r.queryLong("limit", 50),
                                r.query("before") == null ? null : r.queryLong("before", 0)))
                    .map(Reply::ok))
        .on(
            "grantRole",
            r ->
                r.withRole("admin")
                    .compose(c -> service.grantRole(r.pathLong("id"), r.body().getString("role")))
                    .map(u -> Reply.ok(u.toAdminJson())))
        .on(
            "revokeRole",
            r ->
                r.withRole("admin")
                    .compose(c -> service.revokeRole(r.pathLong("id"), r.path("role")))
                    .map(u -> Reply.ok(u.toAdminJson())));
  }

  /**
   * A new session: the refresh token goes into the HttpOnly cookie for browsers and stays in the
   * body for API clients (the SDK, bots), which keep no cookies. Showing it to the page here gives
   * nothing away: whoever can call login already has the password.
   */
  private Future<Reply> login(ApiRequest request) {
    return sessions
        .login(
            request.ip(), request.body().getString("email"), request.body().getString("password"))
        .map(
            session ->
                Reply.ok(session)
                    .cookie(refreshCookie.carrying(session.getString("refreshToken"))));
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
      return Future.failedFuture(
          Refused.unauthenticated(
              "invalid_refresh_token",
              "No refresh token: send it in the body, or log in so the browser keeps one"));
    }
    return sessions
        .refresh(fromCookie)
        .map(
            session -> {
              String next = (String) session.remove("refreshToken");
              return Reply.ok(session).cookie(refreshCookie.carrying(next));
            })
        .onFailure(
            failure -> {
              if (failure instanceof Refused refused
                  && (refused.kind() == Refused.Kind.UNAUTHENTICATED
                      || refused.kind() == Refused.Kind.FORBIDDEN)) {
                request
                    .context()
                    .response()
                    .addCookie(refreshCookie.cleared()); // not on a 5xx: the session may be fine
              }
            });
  }

  /**
   * Ends the session of the token in the body and of the browser's cookie, and forgets the cookie.
   */
  private Future<Reply> logout(ApiRequest request) {
    String fromBody = request.body().getString("refreshToken");
    String fromCookie = request.cookie(refreshCookie.name());
    Future<Void> body = fromBody == null ? Future.succeededFuture() : sessions.logout(fromBody);
    return body.compose(
            v ->
                fromCookie == null || fromCookie.isEmpty() || fromCookie.equals(fromBody)
                    ? Future.<Void>succeededFuture()
                    : sessions.logout(fromCookie))
        .map(v -> Reply.noContent().cookie(refreshCookie.cleared()));
  }

  /** Taking a role changes the claims, so the answer carries a fresh access token that has it. */
  private Future<Reply> takeRole(ApiRequest request) {
    return request
        .signedIn()
        .compose(c -> request.verifiedUser())
        .compose(c -> service.takeRole(c.userId(), request.body().getString("role")))
        .map(
            user ->
                Reply.ok(
                    new JsonObject()
                        .put("user", user.toJson())
                        .put("accessToken", sessions.accessToken(user))
                        .put("expiresIn", sessions.accessTtlSeconds())));
  }
}
