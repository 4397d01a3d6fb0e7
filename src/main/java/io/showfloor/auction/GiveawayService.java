package io.showfloor.auction;

import io.showfloor.platform.Refused;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Giveaways: free lots with entries during a countdown and a verifiable draw at its end. */
final class GiveawayService {
  private static final Logger LOG = LoggerFactory.getLogger(GiveawayService.class);
  private static final String COLUMNS =
      "*, clock_timestamp() AS now, EXISTS (SELECT 1 FROM giveaway_winner_pays_shipping w"
          + " WHERE w.giveaway_id = giveaways.id) AS winner_pays_shipping";
  private final Database db;
  private final ShowGate shows;
  private final SaleOrders orders;
  private final EventPublisher events;

  GiveawayService(Database db, ShowGate shows, SaleOrders orders, EventPublisher events) {
    this.db = db;
    this.shows = shows;
    this.orders = orders;
    this.events = events;
  }

  Future<JsonObject> create(Caller caller, long showId, JsonObject body) {
    Long productId = body.getLong("productId");
    String seed = GiveawayDraw.newSeed();
    return shows
        .requireHost(showId, caller.userId(), caller.roles().contains("admin"))
        .compose(
            show -> {
              if (!show.isLive()) {
                return Future.failedFuture(
                    Refused.conflict("show_not_live", "Start the show before running a giveaway"));
              }
              return db.tx(
                  conn ->
                      prize(conn, productId, show.hostId())
                          .compose(
                              v ->
                                  conn.preparedQuery(
                                          """
              WITH g AS (
                INSERT INTO giveaways (show_id, host_id, product_id, title, ends_at, seed, seed_hash)
                VALUES ($1, $2, $3, $4, clock_timestamp() + make_interval(secs => $5::int), $6, $7)
                RETURNING *),
              w AS (
                INSERT INTO giveaway_winner_pays_shipping (giveaway_id) SELECT id FROM g WHERE $8
                RETURNING giveaway_id)
              SELECT g.*, clock_timestamp() AS now, $8::boolean AS winner_pays_shipping FROM g""")
                                      .execute(
                                          Tuple.from(
                                              new Object[] {
                                                showId,
                                                show.hostId(),
                                                productId,
                                                body.getString("title"),
                                                body.getInteger("durationSeconds"),
                                                seed,
                                                GiveawayDraw.hash(seed),
                                                "winner_pays".equals(body.getString("shipping"))
                                              }))));
            })
        .map(
            rows -> {
              JsonObject giveaway = toJson(rows.iterator().next());
              events.publish(LotEvents.showTopic(showId), "giveaway.opened", giveaway);
              return giveaway;
            });
  }

  /** A prize product must be the host's; one unit of its stock is held for the winner. */
  private Future<Void> prize(SqlConnection conn, Long productId, long hostId) {
    if (productId == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(LotSql.PRODUCT)
        .execute(Tuple.of(productId))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(
                    Refused.notFound("product_not_found", "No product " + productId));
              }
              if (rows.iterator().next().getLong("seller_id") != hostId) {
                return Future.failedFuture(
                    Refused.forbidden(
                        "product_not_yours", "You can only give away your own products"));
              }
              return orders.reserveStock(conn, productId, 1);
            });
  }

  Future<JsonObject> get(long id) {
    return db.one("SELECT " + COLUMNS + " FROM giveaways WHERE id = $1", Tuple.of(id))
        .map(
            row -> {
              if (row == null) {
                throw Refused.notFound("giveaway_not_found", "No giveaway " + id);
              }
              return toJson(row);
            });
  }

  Future<JsonObject> enter(Caller caller, long id) {
    return db.one("SELECT show_id, host_id FROM giveaways WHERE id = $1", Tuple.of(id))
        .compose(
            row -> {
              if (row == null) {
                return Future.failedFuture(
                    Refused.notFound("giveaway_not_found", "No giveaway " + id));
              }
              if (row.getLong("host_id") == caller.userId()) {
                return Future.failedFuture(
                    Refused.forbidden("own_lot", "You cannot enter your own giveaway"));
              }
              return shows
                  .requireCanBidInShow(row.getLong("show_id"), caller.userId())
                  // a prize ships: the winner's default address goes on its order
                  .compose(
                      allowed -> orders.requireAddress(caller.userId(), "entering a giveaway"));
            })
        .compose(
            v ->
                db.tx(
                    conn ->
                        conn.preparedQuery(
                                """
            UPDATE giveaways SET entrant_count = entrant_count + 1
            WHERE id = $1 AND status = 'open' AND ends_at > clock_timestamp() RETURNING entrant_count""")
                            .execute(Tuple.of(id))
                            .compose(
                                rows -> {
                                  if (rows.size() == 0) {
                                    return Future.failedFuture(
                                        Refused.conflict(
                                            "giveaway_closed", "This giveaway is closed"));
                                  }
                                  int entryNo = rows.iterator().next().getInteger("entrant_count");
                                  return conn.preparedQuery(
                                          "INSERT INTO giveaway_entries (giveaway_id, user_id, entry_no) VALUES ($1, $2, $3)")
                                      .execute(Tuple.of(id, caller.userId(), entryNo))
                                      .map(
                                          done ->
                                              new JsonObject()
                                                  .put("giveawayId", id)
                                                  .put("entryNo", entryNo));
                                })))
        .recover(
            failure ->
                Database.isUniqueViolation(failure, "giveaway_entries_pkey")
                    ? Future.failedFuture(
                        Refused.conflict("already_entered", "You are already in this giveaway"))
                    : Future.failedFuture(failure));
  }

  /** The entries in entry order, a page at a time after entry {@code afterEntry}. */
  Future<JsonObject> entries(long id, long afterEntry, int limit) {
    // KeysetPage pages by the column "id": here the entry number, ascending, so its nextBefore is
    // our nextAfter
    return get(id)
        .compose(
            giveaway ->
                db.query(
                    """
            SELECT e.entry_no AS id, e.entry_no, e.user_id, u.display_name
            FROM giveaway_entries e JOIN user_directory u ON u.id = e.user_id
            WHERE e.giveaway_id = $1 AND e.entry_no > $2 ORDER BY e.entry_no LIMIT $3""",
                    Tuple.of(id, afterEntry, limit + 1)))
        .map(
            rows -> {
              JsonObject page =
                  KeysetPage.of(
                      rows,
                      limit,
                      row ->
                          new JsonObject()
                              .put("entryNo", row.getInteger("entry_no"))
                              .put("userId", row.getLong("user_id"))
                              .put("displayName", row.getString("display_name")));
              return new JsonObject()
                  .put("entries", page.getJsonArray("items"))
                  .put("nextAfter", page.getValue("nextBefore"));
            });
  }

  /**
   * Draws every giveaway past its deadline; safe on every node at once (SKIP LOCKED + status
   * check).
   */
  Future<Void> drawDue() {
    return db.query(
            "SELECT id FROM giveaways WHERE status = 'open' AND ends_at <= statement_timestamp() LIMIT 50",
            Tuple.tuple())
        .compose(
            rows -> {
              Future<Void> all = Future.succeededFuture();
              for (Row row : rows) {
                long id = row.getLong("id");
                all =
                    all.compose(
                        v ->
                            draw(id)
                                .recover(
                                    e -> {
                                      LOG.error(
                                          "Drawing giveaway {} failed; the next sweep retries",
                                          id,
                                          e);
                                      return Future.succeededFuture();
                                    }));
              }
              return all;
            });
  }

  private Future<Void> draw(long id) {
    java.util.List<Runnable> afterCommit = new java.util.ArrayList<>();
    return db.tx(
            conn ->
                conn.preparedQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM giveaways WHERE id = $1 AND status = 'open' "
                            + "AND ends_at <= clock_timestamp() FOR UPDATE SKIP LOCKED")
                    .execute(Tuple.of(id))
                    .compose(
                        rows -> {
                          if (rows.size() == 0) {
                            return Future.<Row>succeededFuture();
                          }
                          Row giveaway = rows.iterator().next();
                          int entrants = giveaway.getInteger("entrant_count");
                          Long productId = giveaway.getLong("product_id");
                          if (entrants == 0) {
                            Future<Void> released =
                                productId == null
                                    ? Future.succeededFuture()
                                    : orders.releaseStock(conn, productId, 1);
                            return released.compose(v -> finish(conn, id, null, null));
                          }
                          int winningEntry =
                              GiveawayDraw.winningEntry(giveaway.getString("seed"), entrants);
                          return conn.preparedQuery(
                                  "SELECT user_id FROM giveaway_entries WHERE giveaway_id = $1 AND entry_no = $2")
                              .execute(Tuple.of(id, winningEntry))
                              .compose(
                                  winnerRows -> {
                                    long winner = winnerRows.iterator().next().getLong("user_id");
                                    if (productId == null) {
                                      return finish(conn, id, winner, null);
                                    }
                                    SaleOrders.Sale prize =
                                        new SaleOrders.Sale(
                                            "giveaway",
                                            id,
                                            giveaway.getLong("show_id"),
                                            productId,
                                            giveaway.getLong("host_id"),
                                            giveaway.getLong("host_id"),
                                            winner,
                                            0,
                                            1);
                                    return orders
                                        .createPrizeOrder(
                                            conn,
                                            prize,
                                            giveaway.getString("title"),
                                            giveaway.getBoolean("winner_pays_shipping"))
                                        .compose(
                                            order -> {
                                              afterCommit.add(order.afterCommit());
                                              return finish(conn, id, winner, order.orderId());
                                            });
                                  });
                        }))
        .map(
            row -> {
              afterCommit.forEach(Runnable::run);
              if (row != null) {
                JsonObject drawn = toJson(row);
                events.publish(
                    LotEvents.showTopic(drawn.getLong("showId")), "giveaway.drawn", drawn);
                if (drawn.getLong("winnerId") != null) {
                  events.toUser(drawn.getLong("winnerId"), "giveaway.won", drawn);
                }
              }
              return null;
            });
  }

  private Future<Row> finish(
      SqlConnection conn, long id, @Nullable Long winner, @Nullable Long orderId) {
    return conn.preparedQuery(
            "UPDATE giveaways SET status = 'drawn', drawn_at = clock_timestamp(), winner_id = $2, "
                + "order_id = $3 WHERE id = $1 RETURNING "
                + COLUMNS)
        .execute(Tuple.of(id, winner, orderId))
        .map(rows -> rows.iterator().next());
  }

  /** The seed stays secret until the draw; its hash is public from the start. */
  private static JsonObject toJson(Row row) {
    boolean drawn = "drawn".equals(row.getString("status"));
    int entrants = row.getInteger("entrant_count");
    Long winner = row.getLong("winner_id");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("showId", row.getLong("show_id"))
        .put("productId", row.getLong("product_id"))
        .put("title", row.getString("title"))
        .put("status", row.getString("status"))
        .put("endsAt", row.getOffsetDateTime("ends_at").toInstant().toString())
        .put("serverTime", row.getOffsetDateTime("now").toInstant().toString())
        .put("entrantCount", entrants)
        .put("seedHash", row.getString("seed_hash"))
        .put("seed", drawn ? row.getString("seed") : null)
        .put(
            "winningEntryNo",
            drawn && winner != null
                ? GiveawayDraw.winningEntry(row.getString("seed"), entrants)
                : null)
        .put("winnerId", winner)
        .put("orderId", row.getLong("order_id"))
        .put("shipping", row.getBoolean("winner_pays_shipping") ? "winner_pays" : "free")
        .put(
            "drawRule",
            "winner = entry 1 + (first 8 bytes of SHA-256(seed + \":\" + entrantCount) as unsigned) mod entrantCount");
  }
}
