package io.showfloor.account;

import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.security.Authenticator;
import io.showfloor.platform.security.CredentialsAuthenticator;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import io.vertx.sqlclient.Tuple;

/** Users, sessions and API keys. */
public final class Accounts implements Domain {
  private final Platform platform;
  private final Authenticator authenticator;

  public Accounts(Platform platform) {
    this.platform = platform;
    this.authenticator = new CredentialsAuthenticator(platform.accessTokens(),
        key -> Future.failedFuture(ApiError.unauthorized("Unknown API key")),
        this::isEmailVerified);
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(api -> api.on("getMe", this::me));
  }

  private Future<Reply> me(ApiRequest request) {
    return request.user().compose(caller -> platform.db().one(
            "SELECT id, email, display_name, roles, email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1",
            Tuple.of(caller.userId())))
        .map(row -> {
          if (row == null) {
            throw ApiError.unauthorized("This account no longer exists");
          }
          return Reply.ok(new JsonObject().put("id", row.getLong("id")).put("email", row.getString("email"))
              .put("displayName", row.getString("display_name"))
              .put("roles", new JsonArray(List.of(row.getArrayOfStrings("roles"))))
              .put("emailVerified", row.getBoolean("verified")));
        });
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  private Future<Boolean> isEmailVerified(long userId) {
    return platform.db().one("SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1", Tuple.of(userId))
        .map(row -> row != null && row.getBoolean("verified"));
  }
}
