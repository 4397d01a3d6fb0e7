package io.showfloor.platform.http;

import io.showfloor.platform.security.Authenticator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Binds endpoints to the operations of the contract; the contract validates every request first.
 */
public final class Api {
  private final RouterBuilder builder;
  private final Authenticator authenticator;
  private final CallerGate gate;

  public Api(RouterBuilder builder, Authenticator authenticator, CallerGate gate) {
    this.builder = builder;
    this.authenticator = authenticator;
    this.gate = gate;
  }

  public Api on(String operationId, Endpoint endpoint) {
    return bind(route(operationId), endpoint);
  }

  /**
   * For an operation whose body the contract cannot type: vertx-openapi 5.0 validates only JSON,
   * multipart, text/plain and octet-stream bodies, so a text/csv upload would be refused. The
   * contract still documents the operation; the endpoint checks the body (and its parameters)
   * itself.
   */
  public Api onUnvalidatedBody(String operationId, Endpoint endpoint) {
    OpenAPIRoute route = route(operationId);
    route.setDoValidation(false);
    route.addHandler(Api::screenUnvalidated);
    return bind(route, endpoint);
  }

  /**
   * What the contract's screen ({@link InputScreen}) refuses, for a request the contract does not
   * validate.
   */
  private static void screenUnvalidated(RoutingContext rc) {
    String problem =
        rc.body() == null || rc.body().buffer() == null
            ? null
            : textProblem(rc.body().buffer(), "The body");
    for (var param : rc.queryParams()) {
      problem =
          problem != null
              ? problem
              : textProblem(param.getKey() + param.getValue(), "The query " + param.getKey());
    }
    for (var param : rc.pathParams().entrySet()) {
      problem =
          problem != null
              ? problem
              : textProblem(param.getValue(), "The path parameter " + param.getKey());
    }
    if (problem != null) {
      rc.fail(ApiError.validation(problem));
    } else {
      rc.next();
    }
  }

  private static @Nullable String textProblem(Buffer bytes, String what) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.getBytes()))
              .toString();
      return textProblem(text, what);
    } catch (CharacterCodingException e) {
      return what + " is not valid UTF-8";
    }
  }

  private static @Nullable String textProblem(String text, String what) {
    String problem = InputScreen.textProblem(text);
    return problem == null ? null : what + " " + problem;
  }

  private OpenAPIRoute route(String operationId) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("The OpenAPI contract has no operation " + operationId);
    }
    return route;
  }

  private Api bind(OpenAPIRoute route, Endpoint endpoint) {
    // authentication is ours (ApiRequest.user()); the contract's security entries document it
    route.setDoSecurity(false);
    String scope = KeyScope.of(route.getOperation());
    route.addHandler(rc -> run(rc, scope, endpoint));
    route.addFailureHandler(Problems::handleFailure);
    return this;
  }

  private void run(RoutingContext rc, String scope, Endpoint endpoint) {
    ApiRequest request = new ApiRequest(rc, authenticator);
    Future<Reply> reply = gate.admit(request, scope).compose(v -> handle(endpoint, request));
    reply.onComplete(
        ar -> {
          if (ar.succeeded()) {
            write(rc.response(), ar.result());
          } else {
            rc.fail(ar.cause());
          }
        });
  }

  private static Future<Reply> handle(Endpoint endpoint, ApiRequest request) {
    try {
      return endpoint.handle(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  static void write(HttpServerResponse response, Reply reply) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(reply.status());
    reply.headers().forEach(response::putHeader);
    reply.cookies().forEach(response::addCookie);
    Object body = reply.body();
    if (body == null) {
      response.end();
      return;
    }
    Buffer buffer =
        body instanceof io.vertx.core.json.JsonObject o
            ? o.toBuffer()
            : ((io.vertx.core.json.JsonArray) body).toBuffer();
    response.putHeader("Content-Type", "application/json").end(buffer);
  }
}
