package io.showfloor.platform.http;

import io.showfloor.platform.security.Authenticator;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import org.jspecify.annotations.Nullable;

/** A validated request as an endpoint sees it: typed parameters, the JSON body and the caller. */
public final class ApiRequest {
  private static final String CALLER_KEY = "caller";
  private final RoutingContext rc;
  private final Authenticator authenticator;
  private final ValidatedRequest validated;

  ApiRequest(RoutingContext rc, Authenticator authenticator) {
    this.rc = rc;
    this.authenticator = authenticator;
    this.validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  public RoutingContext context() {
    return rc;
  }

  /**
   * The JSON body; the contract has already checked its shape. Never null for operations with a
   * body.
   */
  public JsonObject body() {
    if (validated != null && validated.getBody() != null && !validated.getBody().isEmpty()) {
      Object value = validated.getBody().get();
      if (value instanceof JsonObject json) {
        return json;
      }
    }
    return new JsonObject();
  }

  public String bodyText() {
    String text = rc.body() == null ? null : rc.body().asString();
    return text == null ? "" : text;
  }

  public long pathLong(String name) {
    RequestParameter p = validated == null ? null : validated.getPathParameters().get(name);
    if (p != null && !p.isEmpty() && p.get() instanceof Number n) {
      return n.longValue();
    }
    String raw = rc.pathParam(name);
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiError.validation("Path parameter " + name + " must be an integer");
    }
  }

  public String path(String name) {
    return rc.pathParam(name);
  }

  public String query(String name) {
    RequestParameter p = validated == null ? null : validated.getQuery().get(name);
    if (p != null && !p.isEmpty()) {
      return String.valueOf(p.get());
    }
    return rc.queryParams().get(name);
  }

  public long queryLong(String name, long fallback) {
    String value = query(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiError.validation("Query parameter " + name + " must be an integer");
    }
  }

  public String header(String name) {
    return rc.request().getHeader(name);
  }

  public String idempotencyKey() {
    String key = header("Idempotency-Key");
    if (key != null && (key.isBlank() || key.length() > 200)) {
      throw ApiError.validation("Idempotency-Key must be 1 to 200 characters");
    }
    if (key != null && InputScreen.textProblem(key) != null) {
      throw ApiError.validation("Idempotency-Key " + InputScreen.textProblem(key));
    }
    return key;
  }

  public String ip() {
    return rc.request().remoteAddress() == null
        ? "unknown"
        : rc.request().remoteAddress().hostAddress();
  }

  /**
   * True when the caller is this machine: a loopback TCP peer, not relayed by a proxy (see {@link
   * TcpPeer}).
   */
  public boolean fromThisMachine() {
    return TcpPeer.isThisMachine(rc.request());
  }

  /** A cookie's value, or null. */
  public @Nullable String cookie(String name) {
    var cookie = rc.request().getCookie(name);
    return cookie == null ? null : cookie.getValue();
  }

  /** The caller, or {@link Caller#ANONYMOUS}; fails with 401 only for bad credentials. */
  public Future<Caller> caller() {
    Caller cached = rc.get(CALLER_KEY);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return authenticator
        .authenticate(header("Authorization"), header("X-API-Key"))
        .onSuccess(c -> rc.put(CALLER_KEY, c));
  }

  /** The signed-in caller; fails with 401 when there is none. */
  public Future<Caller> user() {
    return caller()
        .compose(
            c ->
                c.isAnonymous()
                    ? Future.failedFuture(ApiError.unauthorized("Log in first"))
                    : Future.succeededFuture(c));
  }

  /** A signed-in caller whose email is verified (bidding, buying and trading need one). */
  public Future<Caller> verifiedUser() {
    return user()
        .compose(
            c ->
                c.emailVerified()
                    ? Future.succeededFuture(c)
                    : authenticator
                        .isEmailVerified(c.userId())
                        .compose(
                            verified ->
                                verified
                                    ? Future.succeededFuture(c)
                                    : Future.failedFuture(
                                        ApiError.forbidden(
                                            "email_not_verified",
                                            "Verify your email address first"))));
  }

  /** A caller with the role; admin work needs a signed-in person, never an API key. */
  public Future<Caller> withRole(String role) {
    return user()
        .compose(
            c -> {
              if (!c.hasRole(role)) {
                return Future.failedFuture(
                    ApiError.forbidden("role_required", "This needs the " + role + " role"));
              }
              if (c.viaApiKey() && "admin".equals(role)) {
                return Future.failedFuture(CallerGate.sessionRequired());
              }
              return Future.succeededFuture(c);
            });
  }

  /**
   * A signed-in person (a session), never an API key: for managing keys, roles and the account
   * itself, so a leaked key cannot mint more keys or take the account over.
   */
  public Future<Caller> signedIn() {
    return user()
        .compose(
            c ->
                c.viaApiKey()
                    ? Future.failedFuture(CallerGate.sessionRequired())
                    : Future.succeededFuture(c));
  }
}
