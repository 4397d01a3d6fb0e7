package io.showfloor.market;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wash-trade watch: a periodic scan of new trades, flagged into a review queue for moderators:
 * round trips (A sells to B and B sells back to A in the same instrument within {@code
 * market.surveillance.washWindowSeconds}), and trades between accounts sharing a payment method
 * (both have saved or paid with a card of the same fingerprint; once per pair and trading day). Any
 * node may run it: the cursor row is locked while one scans and others skip that round, and a pair
 * is flagged once whoever finds it.
 */
final class Surveillance {
  private static final Logger LOG = LoggerFactory.getLogger(Surveillance.class);
  private static final int SCAN_LIMIT = 50_000;
  private static final String FLAG_ROUND_TRIPS =
      """
      INSERT INTO market_surveillance_flags (kind, symbol, trade_id, related_trade_id, user_a, user_b, detail)
      SELECT 'wash_round_trip', later.symbol, later.id, earlier.id, earlier.seller_id, earlier.buyer_id,
        'user ' || earlier.seller_id || ' sold ' || earlier.quantity || ' to user ' || earlier.buyer_id || ' at '
          || earlier.price_cents || ' and bought ' || later.quantity || ' back at ' || later.price_cents || ' within '
          || round(extract(epoch FROM later.executed_at - earlier.executed_at)) || ' s'
      FROM market_trades later
      JOIN market_trades earlier ON earlier.symbol = later.symbol AND earlier.seller_id = later.buyer_id
        AND earlier.buyer_id = later.seller_id AND earlier.id < later.id
        AND earlier.executed_at >= later.executed_at - make_interval(secs => $3::int)
      WHERE later.id > $1 AND later.id <= $2
      ON CONFLICT (kind, trade_id, related_trade_id) DO NOTHING""";

  // the pair's first trade in the scanned range for each trading day; the unique index on (kind,
  // user_a, user_b, period) keeps it to one flag per pair and day across scans and nodes
  private static final String FLAG_SHARED_PAYMENT_METHOD =
      """
      INSERT INTO market_surveillance_flags (kind, symbol, trade_id, user_a, user_b, period, detail)
      SELECT DISTINCT ON (LEAST(t.buyer_id, t.seller_id), GREATEST(t.buyer_id, t.seller_id),
                          (t.executed_at AT TIME ZONE $3)::date)
        'shared_payment_method', t.symbol, t.id, LEAST(t.buyer_id, t.seller_id), GREATEST(t.buyer_id, t.seller_id),
        (t.executed_at AT TIME ZONE $3)::date,
        'user ' || t.buyer_id || ' bought ' || t.quantity || ' ' || t.symbol || ' from user ' || t.seller_id || ' at '
          || t.price_cents || '; both have saved or paid with the same card ('
          || (SELECT string_agg(DISTINCT mine.provider, ', ') FROM payment_method_fingerprints mine
              JOIN payment_method_fingerprints theirs ON theirs.provider = mine.provider
                AND theirs.fingerprint = mine.fingerprint AND theirs.user_id = t.seller_id
              WHERE mine.user_id = t.buyer_id) || ' fingerprint)'
      FROM market_trades t
      WHERE t.id > $1 AND t.id <= $2 AND t.buyer_id <> t.seller_id
        AND EXISTS (SELECT 1 FROM payment_method_fingerprints mine
                    JOIN payment_method_fingerprints theirs ON theirs.provider = mine.provider
                      AND theirs.fingerprint = mine.fingerprint AND theirs.user_id = t.seller_id
                    WHERE mine.user_id = t.buyer_id)
      ORDER BY LEAST(t.buyer_id, t.seller_id), GREATEST(t.buyer_id, t.seller_id),
               (t.executed_at AT TIME ZONE $3)::date, t.id
      ON CONFLICT (kind, user_a, user_b, period) WHERE kind = 'shared_payment_method' DO NOTHING""";

  private final Database db;
  private final MarketSettings settings;

  Surveillance(Database db, MarketSettings settings) {
    this.db = db;
    this.settings = settings;
  }

  /**
   * One scan of the trades since the last; answers how many new flags it raised (0 when another
   * node is scanning).
   */
  Future<Integer> scan() {
    return db.tx(
            conn ->
                conn.preparedQuery(
                        "SELECT last_trade_id FROM market_surveillance_cursor WHERE id = 1 "
                            + "FOR UPDATE SKIP LOCKED")
                    .execute(Tuple.tuple())
                    .compose(
                        cursor -> {
                          if (cursor.size() == 0) {
                            return Future.succeededFuture(0);
                          }
                          long from = cursor.iterator().next().getLong("last_trade_id");
                          return conn.preparedQuery(
                                  "SELECT COALESCE(MAX(id), $1) AS upto FROM (SELECT id FROM market_trades "
                                      + "WHERE id > $1 ORDER BY id LIMIT $2) t")
                              .execute(Tuple.of(from, SCAN_LIMIT))
                              .compose(
                                  rows -> {
                                    long upto = rows.iterator().next().getLong("upto");
                                    if (upto == from) {
                                      return Future.succeededFuture(0);
                                    }
                                    return conn.preparedQuery(FLAG_ROUND_TRIPS)
                                        .execute(Tuple.of(from, upto, settings.washWindowSeconds()))
                                        .compose(
                                            washes ->
                                                conn.preparedQuery(FLAG_SHARED_PAYMENT_METHOD)
                                                    .execute(
                                                        Tuple.of(
                                                            from,
                                                            upto,
                                                            settings.timeZone().getId()))
                                                    .map(
                                                        shared ->
                                                            washes.rowCount() + shared.rowCount()))
                                        .compose(
                                            flagged ->
                                                conn.preparedQuery(
                                                        "UPDATE market_surveillance_cursor SET last_trade_id = $1 "
                                                            + "WHERE id = 1")
                                                    .execute(Tuple.of(upto))
                                                    .map(v -> flagged));
                                  });
                        }))
        .onSuccess(
            flagged -> {
              if (flagged > 0) {
                LOG.info("Surveillance flagged {} trades for review", flagged);
              }
            });
  }

  Future<JsonObject> queue(String status, int limit, long before) {
    return db.query(
            "SELECT id, kind, symbol, trade_id, related_trade_id, user_a, user_b, period, detail, status, reviewed_by, "
                + "review_note, reviewed_at, created_at FROM market_surveillance_flags WHERE status = $1 AND id < $2 "
                + "ORDER BY id DESC LIMIT $3",
            Tuple.of(status, before, limit + 1))
        .map(rows -> KeysetPage.of(rows, limit, Surveillance::flag));
  }

  Future<JsonObject> review(long moderatorId, long flagId, String outcome, String note) {
    return review(db.pool(), moderatorId, flagId, outcome, note);
  }

  /** Closes an open flag on {@code client} (the moderation queue passes its transaction). */
  Future<JsonObject> review(
      SqlClient client, long moderatorId, long flagId, String outcome, @Nullable String note) {
    return client
        .preparedQuery(
            "UPDATE market_surveillance_flags SET status = $2, reviewed_by = $3, review_note = $4, "
                + "reviewed_at = now() WHERE id = $1 AND status = 'open' RETURNING *")
        .execute(Tuple.of(flagId, outcome, moderatorId, note))
        .compose(
            rows ->
                rows.iterator().hasNext()
                    ? Future.succeededFuture(flag(rows.iterator().next()))
                    : client
                        .preparedQuery("SELECT status FROM market_surveillance_flags WHERE id = $1")
                        .execute(Tuple.of(flagId))
                        .compose(
                            existing ->
                                Future.failedFuture(
                                    !existing.iterator().hasNext()
                                        ? Refused.notFound("flag_not_found", "No such flag")
                                        : Refused.conflict(
                                            "flag_already_reviewed",
                                            "This flag is already "
                                                + existing
                                                    .iterator()
                                                    .next()
                                                    .getString("status")))));
  }

  private static JsonObject flag(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("kind", row.getString("kind"))
        .put("symbol", row.getString("symbol"))
        .put("tradeId", row.getLong("trade_id"))
        .put("relatedTradeId", row.getLong("related_trade_id"))
        .put("userA", row.getLong("user_a"))
        .put("userB", row.getLong("user_b"))
        .put(
            "period",
            row.getLocalDate("period") == null ? null : row.getLocalDate("period").toString())
        .put("detail", row.getString("detail"))
        .put("status", row.getString("status"))
        .put("reviewedBy", row.getLong("reviewed_by"))
        .put("reviewNote", row.getString("review_note"))
        .put(
            "reviewedAt",
            row.getOffsetDateTime("reviewed_at") == null
                ? null
                : row.getOffsetDateTime("reviewed_at").toInstant().toString())
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
  }
}
