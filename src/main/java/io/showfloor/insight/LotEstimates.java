package io.showfloor.insight;

import io.showfloor.insight.lots.HammerEstimate;
import io.showfloor.insight.lots.HammerEstimator;
import io.showfloor.insight.lots.SoldLot;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** GET /api/lots/{id}/estimate: a hammer-price range from similar lots' history. */
final class LotEstimates {
  private static final String LOT =
      """
      SELECT l.id, l.status, l.seller_id, l.starting_price_cents, l.current_price_cents, l.bid_count,
        l.hammer_price_cents, p.category
      FROM lots l JOIN product_directory p ON p.id = l.product_id WHERE l.id = $1""";
  // the newest sold lots; the estimator picks the most similar among them
  private static final String SOLD =
      """
      SELECT l.starting_price_cents, l.hammer_price_cents, l.closed_at,
        l.seller_id = $2 AS same_seller, p.category = $3 AS same_category
      FROM lots l JOIN product_directory p ON p.id = l.product_id
      WHERE l.status = 'sold' AND l.hammer_price_cents IS NOT NULL AND l.closed_at IS NOT NULL AND l.id <> $1
      ORDER BY l.closed_at DESC LIMIT 5000""";

  private final Database db;

  LotEstimates(Database db) {
    this.db = db;
  }

  Future<JsonObject> estimate(long lotId) {
    return db.one(LOT, Tuple.of(lotId))
        .compose(
            lot -> {
              if (lot == null) {
                return Future.failedFuture(Refused.notFound("lot_not_found", "No lot " + lotId));
              }
              return db.query(
                      SOLD, Tuple.of(lotId, lot.getLong("seller_id"), lot.getString("category")))
                  .map(rows -> answer(lot, rows));
            });
  }

  private static JsonObject answer(Row lot, Iterable<Row> rows) {
    List<SoldLot> sold = new ArrayList<>();
    for (Row row : rows) {
      sold.add(
          new SoldLot(
              row.getLong("starting_price_cents"),
              row.getLong("hammer_price_cents"),
              row.getOffsetDateTime("closed_at").toInstant(),
              Boolean.TRUE.equals(row.getBoolean("same_seller")),
              Boolean.TRUE.equals(row.getBoolean("same_category"))));
    }
    String status = lot.getString("status");
    boolean bidding = "open".equals(status) && lot.getInteger("bid_count") > 0;
    HammerEstimate e =
        HammerEstimator.estimate(
            lot.getLong("starting_price_cents"), lot.getLong("current_price_cents"), bidding, sold);
    if (e == null) {
      throw Refused.unprocessable(
          "not_enough_history",
          "Fewer than "
              + HammerEstimator.MIN_SIMILAR
              + " sold lots to learn from yet; no estimate is better than a guess");
    }
    return new JsonObject()
        .put("lotId", lot.getLong("id"))
        .put("status", status)
        .put("lowCents", e.lowCents())
        .put("medianCents", e.medianCents())
        .put("highCents", e.highCents())
        .put("percentiles", new io.vertx.core.json.JsonArray(List.of(10, 50, 90)))
        .put("basis", e.basis())
        .put("similarLots", e.similarLots())
        .put(
            "coverage",
            new JsonObject()
                .put("heldOutLots", e.heldOut())
                .put("inside", e.heldOutInside())
                .put("rate", Math.round(e.coverage() * 1000) / 1000.0)
                .put("target", 0.8))
        .put("method", "empirical quantiles of hammer/start ratios of similar sold lots")
        .put("hammerPriceCents", lot.getLong("hammer_price_cents"));
  }
}
