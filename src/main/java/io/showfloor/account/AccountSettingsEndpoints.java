package io.showfloor.account;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * HTTP for the account settings page: change password, change email (and confirm it), export my
 * data, delete my account. Each needs a signed-in person, never an API key.
 */
final class AccountSettingsEndpoints implements ApiRoutes {
  private final PasswordChange passwordChange;
  private final EmailChange emailChange;
  private final AccountClosure closure;
  private final AccountExport export;
  private final RefreshCookie refreshCookie;

  AccountSettingsEndpoints(
      PasswordChange passwordChange,
      EmailChange emailChange,
      AccountClosure closure,
      AccountExport export,
      RefreshCookie refreshCookie) {
    this.passwordChange = passwordChange;
    this.emailChange = emailChange;
    this.closure = closure;
    this.export = export;
    this.refreshCookie = refreshCookie;
  }

  @Override
  public void mount(Api api) {
    api.on("changePassword", this::changePassword)
        .on(
            "requestEmailChange",
            r ->
                r.signedIn()
                    .compose(
                        c ->
                            emailChange.request(
                                c.userId(),
                                r.body().getString("newEmail"),
                                r.body().getString("currentPassword")))
                    .map(pending -> Reply.status(202, pending)))
        .on(
            "getEmailChange",
            r -> r.user().compose(c -> emailChange.pending(c.userId())).map(Reply::ok))
        .on(
            "cancelEmailChange",
            r ->
                r.signedIn()
                    .compose(c -> emailChange.cancel(c.userId()))
                    .map(v -> Reply.noContent()))
        .on(
            "confirmEmailChange",
            r ->
                emailChange
                    .confirm(r.body().getString("token"))
                    .map(u -> Reply.ok(new JsonObject().put("user", u.toJson()))))
        .on(
            "exportMyData",
            r ->
                r.signedIn()
                    .compose(c -> export.write(c.userId(), r.context().response()))
                    .map(v -> Reply.noContent())) // already written and ended
        .on(
            "deleteMyAccount",
            r ->
                r.signedIn()
                    .compose(c -> closure.delete(c.userId(), r.body().getString("currentPassword")))
                    .map(v -> Reply.noContent().cookie(refreshCookie.cleared())));
  }

  /** Every other session ends; this browser gets a fresh one (cookie, and body for API clients). */
  private Future<Reply> changePassword(ApiRequest r) {
    return r.signedIn()
        .compose(
            c ->
                passwordChange.change(
                    c.userId(),
                    r.body().getString("currentPassword"),
                    r.body().getString("newPassword")))
        .map(
            session ->
                Reply.ok(session)
                    .cookie(refreshCookie.carrying(session.getString("refreshToken"))));
  }
}
