package io.showfloor.platform.http;

import io.showfloor.platform.IdempotentResult;
import io.vertx.core.json.JsonObject;

/** The one place that tells a client its idempotency key was seen before. */
public final class IdempotentReplies {
  public static final String HEADER = "Idempotent-Replayed";

  private IdempotentReplies() {}

  /**
   * Marks the reply as a replay when it is one; the status and body stay as the first answer had
   * them.
   */
  public static Reply mark(Reply reply, boolean replayed) {
    return replayed ? reply.header(HEADER, "true") : reply;
  }

  public static Reply created(IdempotentResult<JsonObject> result) {
    return mark(Reply.created(result.value()), result.replayed());
  }

  public static Reply ok(IdempotentResult<JsonObject> result) {
    return mark(Reply.ok(result.value()), result.replayed());
  }
}
