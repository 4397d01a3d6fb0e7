package io.showfloor.market.trading;

import io.showfloor.platform.Refused;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * What the owner of a book answered to a command, in the market's words: what the command did and
 * the resulting view. A refused command is not an answer: it travels as a {@link Refused} (kind,
 * code, detail) and fails the sender's future. This is also the event-bus form, so it crosses the
 * cluster.
 */
public record BookAnswer(Result result, JsonObject body) {
  /** What a command did. */
  public enum Result {
    /** A new order went onto the book (or traded at once). */
    PLACED,
    /** The clientOrderId names an order placed before: this is that order, nothing new happened. */
    ALREADY_PLACED,
    /** A cancel, reduce, phase change or rebuild was carried out (or had nothing to change). */
    DONE
  }

  private static final String RESULT = "result";
  private static final String BODY = "body";
  private static final String REFUSED = "refused";

  JsonObject toJson() {
    return new JsonObject().put(RESULT, result.name()).put(BODY, body);
  }

  static JsonObject refusedJson(Refused refused) {
    return new JsonObject()
        .put(
            REFUSED,
            new JsonObject()
                .put("kind", refused.kind().name())
                .put("code", refused.code())
                .put("detail", refused.detail())
                .put("retryAfterSeconds", refused.retryAfterSeconds()));
  }

  /**
   * Reads an owner's answer back: the answer, or the refusal thrown as it was raised at the owner.
   */
  public static BookAnswer fromJson(JsonObject json) {
    JsonObject refused = json.getJsonObject(REFUSED);
    if (refused != null) {
      throw refusal(refused);
    }
    return new BookAnswer(Result.valueOf(json.getString(RESULT)), json.getJsonObject(BODY));
  }

  /** The refusal carried by an answer (also by the owner's reads), or null when there is none. */
  public static @Nullable Refused refusalIn(JsonObject json) {
    JsonObject refused = json.getJsonObject(REFUSED);
    return refused == null ? null : refusal(refused);
  }

  private static Refused refusal(JsonObject json) {
    Refused refused =
        new Refused(
            Refused.Kind.valueOf(json.getString("kind")),
            json.getString("code"),
            json.getString("detail"));
    Integer retryAfter = json.getInteger("retryAfterSeconds");
    return retryAfter == null ? refused : refused.retryAfter(retryAfter);
  }
}
