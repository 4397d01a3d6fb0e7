package io.showfloor.platform.http;

import io.showfloor.platform.Refused;

/** The one place that decides which HTTP status and title a domain refusal is shown with. */
public final class RefusalStatus {
  private RefusalStatus() {}

  public static ApiError toApiError(Refused refused) {
    ApiError error =
        new ApiError(
            status(refused.kind()), refused.code(), title(refused.kind()), refused.detail());
    Integer retryAfter = refused.retryAfterSeconds();
    return retryAfter == null ? error : error.withRetryAfter(retryAfter);
  }

  public static int status(Refused.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case PAYMENT_DECLINED -> 402;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNPROCESSABLE -> 422;
      case LOCKED -> 423;
      case TOO_LARGE -> 413;
      case RATE_LIMITED -> 429;
      case UPSTREAM_FAILED -> 502;
      case UNAVAILABLE -> 503;
      case UPSTREAM_TIMEOUT -> 504;
    };
  }

  private static String title(Refused.Kind kind) {
    return switch (kind) {
      case INVALID -> "Bad request";
      case UNAUTHENTICATED -> "Authentication required";
      case PAYMENT_DECLINED -> "Payment declined";
      case FORBIDDEN -> "Forbidden";
      case NOT_FOUND -> "Not found";
      case CONFLICT -> "Conflict";
      case UNPROCESSABLE -> "Unprocessable request";
      case LOCKED -> "Locked";
      case TOO_LARGE -> "Payload too large";
      case RATE_LIMITED -> "Too many requests";
      case UPSTREAM_FAILED -> "Bad gateway";
      case UNAVAILABLE -> "Service unavailable";
      case UPSTREAM_TIMEOUT -> "Gateway timeout";
    };
  }
}
