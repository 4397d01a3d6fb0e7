package io.showfloor.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The simulated people's HTTP client: every step of the living demo is a call to this node's public
 * API as one of them, so bids, orders and chat take exactly the path a real user's do. Tokens are
 * cached for ten minutes (access tokens live fifteen).
 */
final class DemoClient {
  private static final long TOKEN_MILLIS = 10 * 60_000;

  /** A refusal or failure answered by the API (the simulation logs it and carries on). */
  static final class Answered extends RuntimeException {
    final int status;

    Answered(String what, int status, String body) {
      super(what + " answered " + status + ": " + body, null, false, false);
      this.status = status;
    }
  }

  private record Token(String bearer, long issuedAt) {}

  private final WebClient client;
  private final DemoSessions sessions;
  private final Map<String, Token> tokens = new HashMap<>();

  DemoClient(Vertx vertx, int port, DemoSessions sessions) {
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setKeepAlive(true)
                .setUserAgent("showfloor-demo-simulation"));
    this.sessions = sessions;
  }

  void close() {
    client.close();
  }

  /** The cached bearer of a person, or null before the first call as them. */
  @Nullable String cachedBearer(String email) {
    Token token = tokens.get(email);
    return token == null ? null : token.bearer();
  }

  Future<String> bearer(String email) {
    Token token = tokens.get(email);
    if (token != null && System.currentTimeMillis() - token.issuedAt() < TOKEN_MILLIS) {
      return Future.succeededFuture(token.bearer());
    }
    return sessions
        .bearer(email)
        .onSuccess(bearer -> tokens.put(email, new Token(bearer, System.currentTimeMillis())));
  }

  Future<JsonObject> get(String as, String path) {
    return call(as, HttpMethod.GET, path, null, null);
  }

  Future<JsonObject> delete(String as, String path) {
    return call(as, HttpMethod.DELETE, path, null, null);
  }

  Future<JsonObject> post(String as, String path, @Nullable JsonObject body) {
    return call(as, HttpMethod.POST, path, body, null);
  }

  Future<JsonObject> post(String as, String path, JsonObject body, String idempotencyKey) {
    return call(as, HttpMethod.POST, path, body, idempotencyKey);
  }

  /** Answers the JSON body (an array comes back as {@code {items: [...]}}), fails on non-2xx. */
  private Future<JsonObject> call(
      String as,
      HttpMethod method,
      String path,
      @Nullable JsonObject body,
      @Nullable String idempotencyKey) {
    return bearer(as)
        .compose(
            bearer -> {
              HttpRequest<Buffer> request =
                  client.request(method, path).putHeader("Authorization", bearer);
              if (idempotencyKey != null) {
                request.putHeader("Idempotency-Key", idempotencyKey);
              }
              return body == null ? request.send() : request.sendJsonObject(body);
            })
        .compose(
            response -> {
              Buffer answer = response.body();
              String text = answer == null ? "" : answer.toString();
              if (response.statusCode() / 100 != 2) {
                return Future.failedFuture(
                    new Answered(method + " " + path, response.statusCode(), text));
              }
              if (text.isBlank()) {
                return Future.succeededFuture(new JsonObject());
              }
              Object json = Json.decodeValue(text);
              return Future.succeededFuture(
                  json instanceof JsonArray array
                      ? new JsonObject().put("items", array)
                      : (JsonObject) json);
            });
  }
}
