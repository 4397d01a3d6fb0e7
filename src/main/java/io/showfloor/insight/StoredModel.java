package io.showfloor.insight;

import io.showfloor.insight.model.DirectionModel;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One trained version as stored: what it is, what it learnt from, its record, and the model. */
record StoredModel(
    long id,
    String scope,
    Interval interval,
    int horizon,
    int version,
    Instant trainedAt,
    Instant windowFrom,
    Instant windowTo,
    int samples,
    JsonObject metrics,
    boolean edge,
    DirectionModel model) {

  static final String POOLED = "*";

  boolean pooled() {
    return POOLED.equals(scope);
  }

  /** The public description (no bytes). */
  JsonObject toJson() {
    return new JsonObject()
        .put("scope", pooled() ? "pooled" : "instrument")
        .put("symbol", pooled() ? null : scope)
        .put("interval", interval.code())
        .put("horizon", horizon)
        .put("version", version)
        .put("trainedAt", trainedAt.toString())
        .put("windowFrom", windowFrom.toString())
        .put("windowTo", windowTo.toString())
        .put("samples", samples)
        .put(
            "features", new io.vertx.core.json.JsonArray(io.showfloor.insight.model.Features.NAMES))
        .put("edge", edge)
        .put("metrics", metrics);
  }
}
