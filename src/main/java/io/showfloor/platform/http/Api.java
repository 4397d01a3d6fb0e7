package io.showfloor.platform.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.showfloor.platform.security.Authenticator;

/** Binds endpoints to the operations of the contract; the contract validates every request first. */
public final class Api {
  private final RouterBuilder builder;
  private final Authenticator authenticator;

  public Api(RouterBuilder builder, Authenticator authenticator) {
    this.builder = builder;
    this.authenticator = authenticator;
  }

  public Api on(String operationId, Endpoint endpoint) {
    return bind(route(operationId), endpoint);
  }

  /**
   * For an operation whose body the contract cannot type: vertx-openapi 5.0 validates only JSON,
   * multipart, text/plain and octet-stream bodies, so a text/csv upload would be refused. The
   * contract still documents the operation; the endpoint checks the body (and its parameters) itself.
   */
  public Api onUnvalidatedBody(String operationId, Endpoint endpoint) {
    OpenAPIRoute route = route(operationId);
    route.setDoValidation(false);
    return bind(route, endpoint);
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
    route.addHandler(rc -> run(rc, endpoint));
    route.addFailureHandler(Problems::handleFailure);
    return this;
  }

  private void run(RoutingContext rc, Endpoint endpoint) {
    Future<Reply> reply;
    try {
      reply = endpoint.handle(new ApiRequest(rc, authenticator));
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(ar -> {
      if (ar.succeeded()) {
        write(rc.response(), ar.result());
      } else {
        rc.fail(ar.cause());
      }
    });
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
    Buffer buffer = body instanceof io.vertx.core.json.JsonObject o ? o.toBuffer()
        : ((io.vertx.core.json.JsonArray) body).toBuffer();
    response.putHeader("Content-Type", "application/json").end(buffer);
  }
}
