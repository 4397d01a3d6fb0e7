package io.showfloor.show;

import io.vertx.core.json.JsonObject;

/**
 * The question a show's replay asks the auctions on the event bus (defined here because the show
 * domain asks it and auctions depend on shows, never the other way): the lots of show {@code
 * showId} with their results. Sent to {@link #ADDRESS} as {@link #toJson()}; the reply is a
 * JsonArray of lots (as {@code GET /api/shows/{id}/lots} lists them), or a failure when there is no
 * such show.
 */
public record ShowLotsQuery(long showId) {
  /** The one address of this question, answered on every node that runs the auctions. */
  public static final String ADDRESS = "show.lots";

  public JsonObject toJson() {
    return new JsonObject().put("showId", showId);
  }

  public static ShowLotsQuery fromJson(JsonObject json) {
    return new ShowLotsQuery(json.getLong("showId"));
  }
}
