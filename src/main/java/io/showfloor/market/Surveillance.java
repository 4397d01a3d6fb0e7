package io.showfloor.market;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wash-trade watch: a periodic scan of new trades, flagged into a review queue for moderators:
 * round trips (A sells to B and B sells back to A in the same instrument within {@code
 * market.surveillance.washWindowSeconds}), pairs trading back and forth repeatedly (both
 * directions, at least {@code market.surveillance.repeatedPairTrades} trades in a trading day), and
 * trades between accounts sharing an owner signal: a payment method (a card of the same
 * fingerprint), a shipping address or a device (the hashed {@code X-Device-Id}); the last four once
 * per pair and trading day. A trade against a registered liquidity provider's resting quote (the
 * {@code liquidity_provider} role) is no wash leg: market makers trade back and forth with everyone
 * by design. Each flag keeps the rule that fired and the trades behind it. Any node may run it: the
 * cursor row is locked while one scans and others skip that round, and a pair is flagged once
 * whoever finds it.
 */
final class Surveillance {
  private static final Logger LOG = LoggerFactory.getLogger(Surveillance.class);
  private static final int SCAN_LIMIT = 50_000;
  // liquidity providers, and whether a trade's leg was one of their resting quotes: the buyer
  // rested unless the buy side was the aggressor, the seller unless the sell side was (auctions:
  // both rested)
  private static final String LIQUIDITY_PROVIDERS =
      "lps AS (SELECT id FROM user_directory WHERE 'liquidity_provider' = ANY(roles))";

  private static String lpQuote(String t) {
    return "(("
        + t
        + ".aggressor <> 'buy' AND "
        + t
        + ".buyer_id IN (SELECT id FROM lps)) OR ("
        + t
        + ".aggressor <> 'sell' AND "
        + t
        + ".seller_id IN (SELECT id FROM lps)))";
  }

  private static final String FLAG_ROUND_TRIPS =
      "WITH "
          + LIQUIDITY_PROVIDERS
          + """

      INSERT INTO market_surveillance_flags (kind, symbol, trade_id, related_trade_id, user_a, user_b, detail, rule, trade_ids)
      SELECT 'wash_round_trip', later.symbol, later.id, earlier.id, earlier.seller_id, earlier.buyer_id,
        'user ' || earlier.seller_id || ' sold ' || earlier.quantity || ' to user ' || earlier.buyer_id || ' at '
          || earlier.price_cents || ' and bought ' || later.quantity || ' back at ' || later.price_cents || ' within '
          || round(extract(epoch FROM later.executed_at - earlier.executed_at)) || ' s',
        $4, ARRAY[earlier.id, later.id]
      FROM market_trades later
      JOIN market_trades earlier ON earlier.symbol = later.symbol AND earlier.seller_id = later.buyer_id
        AND earlier.buyer_id = later.seller_id AND earlier.id < later.id
        AND earlier.executed_at >= later.executed_at - make_interval(secs => $3::int)
      WHERE later.id > $1 AND later.id <= $2
        AND NOT """
          + lpQuote("earlier")
          + " AND NOT "
          + lpQuote("later")
          + """

      ON CONFLICT (kind, trade_id, related_trade_id) DO NOTHING""";

  // a pair's trades with each other on the trading days the scanned trades touch (LP quotes left
  // out): flagged once per pair and day when both directions occur and there are enough of them
  private static final String FLAG_REPEATED_PAIRS =
      "WITH "
          + LIQUIDITY_PROVIDERS
          + """
      ,
      counted AS (
        SELECT t.id, t.symbol, t.buyer_id, t.seller_id, (t.executed_at AT TIME ZONE $3)::date AS day
        FROM market_trades t
        WHERE t.buyer_id <> t.seller_id AND t.id <= $2
          AND t.executed_at >= (SELECT min(executed_at) FROM market_trades WHERE id > $1 AND id <= $2) - interval '1 day'
          AND NOT """
          + lpQuote("t")
          + """
      ),
      pairs AS (
        SELECT DISTINCT LEAST(buyer_id, seller_id) AS a, GREATEST(buyer_id, seller_id) AS b, day
        FROM counted WHERE id > $1),
      stats AS (
        SELECT p.a, p.b, p.day,
               count(*) FILTER (WHERE c.seller_id = p.a) AS a_sold,
               count(*) FILTER (WHERE c.seller_id = p.b) AS b_sold,
               array_agg(c.id ORDER BY c.id) AS ids,
               (array_agg(c.symbol ORDER BY c.id))[1] AS symbol
        FROM pairs p JOIN counted c ON LEAST(c.buyer_id, c.seller_id) = p.a
          AND GREATEST(c.buyer_id, c.seller_id) = p.b AND c.day = p.day
        GROUP BY p.a, p.b, p.day)
      INSERT INTO market_surveillance_flags (kind, symbol, trade_id, user_a, user_b, period, detail, rule, trade_ids)
      SELECT 'repeated_pair', symbol, ids[1], a, b, day,
        'users ' || a || ' and ' || b || ' traded ' || (a_sold + b_sold) || ' times with each other on ' || day
          || ' (' || a_sold || ' sold by user ' || a || ', ' || b_sold || ' by user ' || b || ')',
        $5, ids[1:20]
      FROM stats WHERE a_sold >= 1 AND b_sold >= 1 AND a_sold + b_sold >= $4
      ON CONFLICT (kind, user_a, user_b, period) WHERE kind IN ('shared_address', 'repeated_pair') DO NOTHING""";

  // like the shared payment method: the same street line, postal code and country in both
  // address books
  private static final String FLAG_SHARED_ADDRESS =
      sharedByPair(
          "shared_address",
          "'; both keep the same shipping address'",
          """
          SELECT 1 FROM user_addresses mine
                    JOIN user_addresses theirs ON theirs.user_id = t.seller_id
                      AND theirs.country = mine.country
                      AND upper(replace(theirs.postal_code, ' ', '')) = upper(replace(mine.postal_code, ' ', ''))
                      AND lower(btrim(theirs.line1)) = lower(btrim(mine.line1))
                    WHERE mine.user_id = t.buyer_id""",
          "kind IN ('shared_address', 'repeated_pair')");

  // like the shared address: both accounts called the platform from the same device (the hashed
  // X-Device-Id the platform's HTTP edge stores in device_sightings)
  private static final String FLAG_SHARED_DEVICE =
      sharedByPair(
          "shared_device",
          "'; both called from the same device'",
          """
          SELECT 1 FROM device_sightings mine
                    JOIN device_sightings theirs ON theirs.device_hash = mine.device_hash
                      AND theirs.user_id = t.seller_id
                    WHERE mine.user_id = t.buyer_id""",
          "kind = 'shared_device'");

  private static final String SAME_CARD =
      """
      SELECT 1 FROM payment_method_fingerprints mine
                    JOIN payment_method_fingerprints theirs ON theirs.provider = mine.provider
                      AND theirs.fingerprint = mine.fingerprint AND theirs.user_id = t.seller_id
                    WHERE mine.user_id = t.buyer_id""";

  private static final String FLAG_SHARED_PAYMENT_METHOD =
      sharedByPair(
          "shared_payment_method",
          """
          '; both have saved or paid with the same card ('
                    || (SELECT string_agg(DISTINCT mine.provider, ', ') FROM payment_method_fingerprints mine
                        JOIN payment_method_fingerprints theirs ON theirs.provider = mine.provider
                          AND theirs.fingerprint = mine.fingerprint AND theirs.user_id = t.seller_id
                        WHERE mine.user_id = t.buyer_id) || ' fingerprint)'""",
          SAME_CARD,
          "kind = 'shared_payment_method'");

  /**
   * A flag of {@code kind} on trades between two accounts that share something ({@code shared}, an
   * EXISTS subquery over {@code t}, the trade): the pair's first trade in the scanned range ($1,
   * $2] for each trading day (in zone $3), with the rule text $4; the unique index on (kind,
   * user_a, user_b, period), narrowed by {@code conflictKinds}, keeps it to one flag per pair and
   * day across scans and nodes. {@code why} is the SQL text that ends the flag's detail.
   */
  private static String sharedByPair(String kind, String why, String shared, String conflictKinds) {
    return """
        INSERT INTO market_surveillance_flags (kind, symbol, trade_id, user_a, user_b, period, detail, rule, trade_ids)
        SELECT DISTINCT ON (LEAST(t.buyer_id, t.seller_id), GREATEST(t.buyer_id, t.seller_id),
                            (t.executed_at AT TIME ZONE $3)::date)
          '%s', t.symbol, t.id, LEAST(t.buyer_id, t.seller_id), GREATEST(t.buyer_id, t.seller_id),
          (t.executed_at AT TIME ZONE $3)::date,
          'user ' || t.buyer_id || ' bought ' || t.quantity || ' ' || t.symbol || ' from user ' || t.seller_id || ' at '
            || t.price_cents || %s,
          $4, ARRAY[t.id]
        FROM market_trades t
        WHERE t.id > $1 AND t.id <= $2 AND t.buyer_id <> t.seller_id
          AND EXISTS (%s)
        ORDER BY LEAST(t.buyer_id, t.seller_id), GREATEST(t.buyer_id, t.seller_id),
                 (t.executed_at AT TIME ZONE $3)::date, t.id
        ON CONFLICT (kind, user_a, user_b, period) WHERE %s DO NOTHING"""
        .formatted(kind, why, shared, conflictKinds);
  }

  private final Database db;
  private final MarketSettings settings;
  private final int repeatedPairTrades;

  Surveillance(Database db, MarketSettings settings) {
    this.db = db;
    this.settings = settings;
    this.repeatedPairTrades = settings.repeatedPairTrades();
  }

  /** What each rule looks for, stored with the flags it raises. */
  String rule(String kind) {
    return switch (kind) {
      case "wash_round_trip" ->
          "wash_round_trip: two accounts traded an instrument one way and back within "
              + settings.washWindowSeconds()
              + " s; trades against a liquidity provider's resting quote are not counted";
      case "shared_payment_method" ->
          "shared_payment_method: two accounts that traded with each other have saved or paid"
              + " with a card of the same fingerprint (once per pair and trading day)";
      case "shared_address" ->
          "shared_address: two accounts that traded with each other keep the same shipping"
              + " address (street line, postal code and country; once per pair and trading day)";
      case "shared_device" ->
          "shared_device: two accounts that traded with each other called the platform from the"
              + " same device (the hashed X-Device-Id; once per pair and trading day)";
      case "repeated_pair" ->
          "repeated_pair: two accounts traded with each other in both directions at least "
              + repeatedPairTrades
              + " times in one trading day; trades against a liquidity provider's resting quote"
              + " are not counted";
      default -> kind;
    };
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
                                    return flagAll(conn, from, upto)
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

  /** Every rule over the trades after {@code from} up to {@code upto}; answers the new flags. */
  private Future<Integer> flagAll(SqlClient conn, long from, long upto) {
    String zone = settings.timeZone().getId();
    return conn.preparedQuery(FLAG_ROUND_TRIPS)
        .execute(Tuple.of(from, upto, settings.washWindowSeconds(), rule("wash_round_trip")))
        .map(rows -> rows.rowCount())
        .compose(
            n ->
                conn.preparedQuery(FLAG_SHARED_PAYMENT_METHOD)
                    .execute(Tuple.of(from, upto, zone, rule("shared_payment_method")))
                    .map(rows -> n + rows.rowCount()))
        .compose(
            n ->
                conn.preparedQuery(FLAG_SHARED_ADDRESS)
                    .execute(Tuple.of(from, upto, zone, rule("shared_address")))
                    .map(rows -> n + rows.rowCount()))
        .compose(
            n ->
                conn.preparedQuery(FLAG_SHARED_DEVICE)
                    .execute(Tuple.of(from, upto, zone, rule("shared_device")))
                    .map(rows -> n + rows.rowCount()))
        .compose(
            n ->
                conn.preparedQuery(FLAG_REPEATED_PAIRS)
                    .execute(Tuple.of(from, upto, zone, repeatedPairTrades, rule("repeated_pair")))
                    .map(rows -> n + rows.rowCount()));
  }

  /** A page of the queue; each flag with its rule and the trades behind it. */
  Future<JsonObject> queue(String status, int limit, long before) {
    return db.query(
            "SELECT id, kind, symbol, trade_id, related_trade_id, user_a, user_b, period, detail, status, reviewed_by, "
                + "review_note, reviewed_at, created_at, rule, "
                + "coalesce(trade_ids, array_remove(ARRAY[related_trade_id, trade_id], NULL)) AS trade_ids "
                + "FROM market_surveillance_flags WHERE status = $1 AND id < $2 "
                + "ORDER BY id DESC LIMIT $3",
            Tuple.of(status, before, limit + 1))
        .compose(
            rows -> {
              JsonObject page = KeysetPage.of(rows, limit, this::flag);
              List<Long> ids = new ArrayList<>();
              page.getJsonArray("items")
                  .forEach(
                      item ->
                          ((JsonObject) item)
                              .getJsonArray("tradeIds")
                              .forEach(id -> ids.add(((Number) id).longValue())));
              return trades(ids)
                  .map(
                      trades -> {
                        page.getJsonArray("items")
                            .forEach(
                                item -> {
                                  JsonObject flag = (JsonObject) item;
                                  JsonArray behind = new JsonArray();
                                  flag.getJsonArray("tradeIds")
                                      .forEach(
                                          id -> {
                                            JsonObject trade =
                                                trades.get(((Number) id).longValue());
                                            if (trade != null) {
                                              behind.add(trade);
                                            }
                                          });
                                  flag.put("trades", behind);
                                });
                        return page;
                      });
            });
  }

  private Future<Map<Long, JsonObject>> trades(List<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.query(
            "SELECT id, symbol, buyer_id, seller_id, price_cents, quantity, aggressor, executed_at "
                + "FROM market_trades WHERE id = ANY($1::bigint[])",
            Tuple.tuple().addArrayOfLong(ids.toArray(Long[]::new)))
        .map(
            rows -> {
              Map<Long, JsonObject> trades = new HashMap<>();
              for (Row row : rows) {
                trades.put(
                    row.getLong("id"),
                    new JsonObject()
                        .put("id", row.getLong("id"))
                        .put("symbol", row.getString("symbol"))
                        .put("buyerId", row.getLong("buyer_id"))
                        .put("sellerId", row.getLong("seller_id"))
                        .put("priceCents", row.getLong("price_cents"))
                        .put("quantity", row.getLong("quantity"))
                        .put("aggressor", row.getString("aggressor"))
                        .put(
                            "executedAt",
                            row.getOffsetDateTime("executed_at").toInstant().toString()));
              }
              return trades;
            });
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

  private JsonObject flag(Row row) {
    String rule = row.getString("rule");
    Long[] tradeIds = row.getArrayOfLongs("trade_ids");
    return new JsonObject()
        .put("rule", rule == null ? rule(row.getString("kind")) : rule)
        .put("tradeIds", new JsonArray(tradeIds == null ? List.of() : List.of(tradeIds)))
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
