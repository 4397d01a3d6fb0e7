package io.showfloor.market;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

/** The instruments a trader follows. */
final class Watchlist {
  static final int MAX_ITEMS = 100;
  private final Database db;
  private final TraderPlans plans;

  Watchlist(Database db, TraderPlans plans) {
    this.db = db;
    this.plans = plans;
  }

  Future<JsonObject> of(long userId) {
    return db.query(
            "SELECT "
                + prefixed()
                + " FROM market_watchlist w JOIN market_instruments i ON i.symbol = w.symbol "
                + "WHERE w.user_id = $1 ORDER BY w.symbol",
            Tuple.of(userId))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(row -> items.add(Instrument.from(row).toJson()));
              return new JsonObject().put("items", items);
            });
  }

  /** Adds an approved instrument; watching it again changes nothing. */
  Future<Void> watch(long userId, String symbol) {
    return plans.of(userId).compose(plan -> watch(userId, symbol, plan.watchlistMax()));
  }

  private Future<Void> watch(long userId, String symbol, int maxItems) {
    return db.tx(
        conn ->
            conn.preparedQuery("SELECT status FROM market_instruments WHERE symbol = $1")
                .execute(Tuple.of(symbol))
                .compose(
                    rows -> {
                      if (rows.size() == 0
                          || !"approved".equals(rows.iterator().next().getString("status"))) {
                        return Future.failedFuture(
                            Refused.notFound("instrument_not_found", "No instrument " + symbol));
                      }
                      // the per-user row lock (on users, through the view) serialises two
                      // concurrent adds, so the cap holds
                      return conn.preparedQuery(
                              "SELECT id FROM user_directory WHERE id = $1 FOR UPDATE")
                          .execute(Tuple.of(userId));
                    })
                .compose(
                    v ->
                        conn.preparedQuery(
                                "SELECT count(*) AS n, bool_or(symbol = $2) AS present FROM market_watchlist "
                                    + "WHERE user_id = $1")
                            .execute(Tuple.of(userId, symbol)))
                .compose(
                    rows -> {
                      var row = rows.iterator().next();
                      if (Boolean.TRUE.equals(row.getBoolean("present"))) {
                        return Future.succeededFuture();
                      }
                      if (row.getLong("n") >= maxItems) {
                        return Future.failedFuture(
                            Refused.conflict(
                                "watchlist_full",
                                "Your plan's watchlist holds at most "
                                    + maxItems
                                    + " instruments"));
                      }
                      return conn.preparedQuery(
                              "INSERT INTO market_watchlist (user_id, symbol) VALUES ($1, $2)")
                          .execute(Tuple.of(userId, symbol))
                          .mapEmpty();
                    }));
  }

  Future<Void> unwatch(long userId, String symbol) {
    return db.query(
            "DELETE FROM market_watchlist WHERE user_id = $1 AND symbol = $2",
            Tuple.of(userId, symbol))
        .mapEmpty();
  }

  private static String prefixed() {
    StringBuilder columns = new StringBuilder();
    for (String column : Instrument.COLUMNS.split(",\\s*")) {
      columns.append(columns.length() == 0 ? "" : ", ").append("i.").append(column);
    }
    return columns.toString();
  }
}
