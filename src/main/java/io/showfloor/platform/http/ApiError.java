package io.showfloor.platform.http;

import org.jspecify.annotations.Nullable;

/**
 * A failure the client caused or may act on. Rendered as application/problem+json with a stable
 * machine {@code code}; anything that is not an ApiError becomes a 500 and is logged.
 */
public class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final String title;
  private @Nullable Integer retryAfterSeconds;

  public ApiError(int status, String code, String title, @Nullable String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.title = title;
  }

  public static ApiError badRequest(String code, String detail) {
    return new ApiError(400, code, "Bad request", detail);
  }

  public static ApiError validation(@Nullable String detail) {
    return new ApiError(
        400, "validation_failed", "The request does not match the API contract", detail);
  }

  public static ApiError unauthorized(String detail) {
    return new ApiError(401, "unauthorized", "Authentication required", detail);
  }

  public static ApiError forbidden(String code, String detail) {
    return new ApiError(403, code, "Forbidden", detail);
  }

  public static ApiError notFound(String code, String detail) {
    return new ApiError(404, code, "Not found", detail);
  }

  public static ApiError conflict(String code, String detail) {
    return new ApiError(409, code, "Conflict", detail);
  }

  public static ApiError unprocessable(String code, String detail) {
    return new ApiError(422, code, "Unprocessable request", detail);
  }

  public static ApiError tooManyRequests(long retryAfterSeconds) {
    ApiError e =
        new ApiError(
            429,
            "rate_limited",
            "Too many requests",
            "Slow down: try again in " + retryAfterSeconds + " s");
    e.retryAfterSeconds = (int) Math.max(1, retryAfterSeconds);
    return e;
  }

  /** The same error telling the client when to come back (Retry-After), e.g. a locked account. */
  public ApiError withRetryAfter(long seconds) {
    this.retryAfterSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    return this;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public @Nullable String detail() {
    return getMessage();
  }

  public @Nullable Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
