package io.showfloor.platform;

/**
 * What a request carrying an idempotency key produced: either done now, or the answer committed the
 * first time it was done, read back. The edge marks replays (header {@code Idempotent-Replayed}) in
 * one place, {@code platform/http/IdempotentReplies}; domains only say which it was.
 */
public record IdempotentResult<T>(T value, boolean replayed) {
  public static <T> IdempotentResult<T> fresh(T value) {
    return new IdempotentResult<>(value, false);
  }

  public static <T> IdempotentResult<T> replayed(T value) {
    return new IdempotentResult<>(value, true);
  }
}
