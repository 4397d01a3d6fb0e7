package io.showfloor.platform.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads an /api request body only up to its operation's limit: {@value #DEFAULT_BYTES} bytes, or
 * what the operation declares as {@code x-body-limit-bytes} in the contract (the CSV import, the
 * webhooks, forms with long texts), never more than {@code http.bodyLimitBytes}. A larger body
 * answers 413 payload_too_large before it is buffered, parsed or validated.
 */
final class BodyLimits {
  static final long DEFAULT_BYTES = 65_536;
  static final String EXTENSION = "x-body-limit-bytes";
  private final OpenAPIContract contract;
  private final long ceiling;
  private final Map<Long, BodyHandler> handlers = new ConcurrentHashMap<>();

  BodyLimits(OpenAPIContract contract, long ceiling) {
    this.contract = contract;
    this.ceiling = ceiling;
  }

  void handle(RoutingContext rc) {
    Operation operation = contract.findOperation(rc.request().path(), rc.request().method());
    long limit = Math.min(ceiling, limitOf(operation));
    handlers.computeIfAbsent(limit, l -> BodyHandler.create(false).setBodyLimit(l)).handle(rc);
  }

  private static long limitOf(Operation operation) {
    Object declared = operation == null ? null : operation.getExtensions().get(EXTENSION);
    return declared instanceof Number n ? n.longValue() : DEFAULT_BYTES;
  }
}
