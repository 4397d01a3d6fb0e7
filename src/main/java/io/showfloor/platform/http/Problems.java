package io.showfloor.platform.http;

import io.showfloor.platform.Refused;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns a failure into application/problem+json. */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  public static void send(RoutingContext rc, @Nullable ApiError error) {
    if (error == null) {
      error =
          new ApiError(500, "internal_error", "Internal error", "Something went wrong on our side");
    }
    HttpServerResponse response = rc.response();
    if (response.ended() || response.headWritten()) {
      return;
    }
    JsonObject body =
        new JsonObject()
            .put("type", "https://showfloor.io/problems/" + error.code().replace('_', '-'))
            .put("title", error.title())
            .put("status", error.status())
            .put("detail", error.detail())
            .put("code", error.code());
    String requestId = rc.get(RequestIds.KEY);
    if (requestId != null) {
      body.put("requestId", requestId);
    }
    response.setStatusCode(error.status()).putHeader("Content-Type", CONTENT_TYPE);
    Integer retryAfter = error.retryAfterSeconds();
    if (retryAfter != null) {
      response.putHeader("Retry-After", String.valueOf(retryAfter));
      if (error.status() == 429) {
        CallerGate.exhausted(response, retryAfter);
      }
    }
    response.end(body.toBuffer());
  }

  /** Maps anything a handler or the router failed with to the problem a client should see. */
  public static @Nullable ApiError from(Throwable failure, int statusCode) {
    if (failure instanceof ApiError apiError) {
      return apiError;
    }
    if (failure instanceof Refused refused) {
      return RefusalStatus.toApiError(refused);
    }
    if (failure instanceof ValidatorException v) {
      return ApiError.validation(v.getMessage());
    }
    if (failure instanceof HttpException http) {
      if (http.getCause() instanceof ValidatorException v) {
        return ApiError.validation(v.getMessage());
      }
      return forStatus(http.getStatusCode(), http.getPayload());
    }
    if (failure instanceof io.vertx.core.json.DecodeException) {
      return ApiError.badRequest("malformed_json", "The body is not valid JSON");
    }
    if (failure == null && statusCode > 0) {
      return forStatus(statusCode, null);
    }
    return null;
  }

  public static @Nullable ApiError forStatus(int status, @Nullable String detail) {
    return switch (status) {
      case 400 ->
          ApiError.badRequest("bad_request", detail != null ? detail : "The request is malformed");
      case 401 -> ApiError.unauthorized(detail != null ? detail : "Log in first");
      case 403 -> ApiError.forbidden("forbidden", detail != null ? detail : "Not allowed");
      case 404 -> ApiError.notFound("not_found", "No such resource");
      case 405 ->
          new ApiError(
              405,
              "method_not_allowed",
              "Method not allowed",
              "This resource does not support that method");
      case 413 ->
          new ApiError(
              413,
              "payload_too_large",
              "Payload too large",
              "The request body is larger than allowed");
      case 415 ->
          new ApiError(
              415, "unsupported_media_type", "Unsupported media type", "Send application/json");
      default ->
          status >= 400 && status < 500
              ? new ApiError(
                  status, "bad_request", "Bad request", detail != null ? detail : "Bad request")
              : null;
    };
  }

  /** Failure handler for every route: 4xx as problems, anything unexpected as a logged 500. */
  public static void handleFailure(RoutingContext rc) {
    ApiError error = from(rc.failure(), rc.statusCode());
    if (error == null) {
      LOG.error(
          "Unhandled failure on {} {}", rc.request().method(), rc.request().path(), rc.failure());
      error =
          new ApiError(500, "internal_error", "Internal error", "Something went wrong on our side");
    }
    send(rc, error);
  }
}
