package io.showfloor.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a request against its operation in the contract, on the event loop when its body is small.
 *
 * <p>vertx-openapi 5.0's router validates every request on a worker thread ({@code executeBlocking}):
 * two thread hand-offs per request, which cost more than checking a body of a few hundred bytes
 * (seen as a large share of the order path's CPU on two cores). This does the same checks, with the
 * same library and the same outcome (the {@link ValidatedRequest} under
 * {@link RouterBuilder#KEY_META_DATA_VALIDATED_REQUEST}, a 400 {@link HttpException} wrapping the
 * {@link ValidatorException}), and keeps the worker for bodies above {@link #INLINE_BODY_BYTES} so a
 * large body cannot hold up the event loop.
 */
final class RequestValidation {
  static final int INLINE_BODY_BYTES = 16 * 1024;

  private final Vertx vertx;
  // its per-parameter and body checks are public (and synchronous); only its validate() goes to a worker
  private final RequestValidatorImpl validator;
  private final RequestExtractor extractor = RequestExtractor.withBodyHandler();

  RequestValidation(Vertx vertx, OpenAPIContract contract) {
    this.vertx = vertx;
    this.validator = new RequestValidatorImpl(vertx, contract);
  }

  Handler<RoutingContext> handlerFor(Operation operation) {
    return rc -> extractor.extractValidatableRequest(rc, operation)
        .compose(request -> isSmall(request)
            ? validateNow(request, operation)
            : vertx.executeBlocking(() -> validate(request, operation)))
        .onSuccess(validated -> {
          rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
          rc.next();
        })
        .onFailure(e -> rc.fail(e instanceof ValidatorException ? new HttpException(400, e.getMessage(), e) : e));
  }

  private static boolean isSmall(ValidatableRequest request) {
    return request.getBody() == null || request.getBody().isEmpty()
        || request.getBody().getBuffer(io.vertx.core.buffer.Buffer.buffer()).length() <= INLINE_BODY_BYTES;
  }

  private Future<ValidatedRequest> validateNow(ValidatableRequest request, Operation operation) {
    try {
      return Future.succeededFuture(validate(request, operation));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** What RequestValidatorImpl.validate(request, operationId) does inside its executeBlocking. */
  private ValidatedRequest validate(ValidatableRequest request, Operation operation) {
    Map<String, RequestParameter> cookies = new HashMap<>();
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter param : operation.getParameters()) {
      switch (param.getIn()) {
        case COOKIE -> cookies.put(param.getName(), validator.validateParameter(param, request.getCookies().get(param.getName())));
        case HEADER -> headers.put(param.getName(), validator.validateParameter(param, request.getHeaders().get(param.getName())));
        case PATH -> path.put(param.getName(), validator.validateParameter(param, request.getPathParameters().get(param.getName())));
        case QUERY -> query.put(param.getName(), validator.validateParameter(param, request.getQuery().get(param.getName())));
        default -> { }
      }
    }
    RequestParameter body = validator.validateBody(operation.getRequestBody(), request);
    return new ValidatedRequestImpl(cookies, headers, path, query, body);
  }
}
