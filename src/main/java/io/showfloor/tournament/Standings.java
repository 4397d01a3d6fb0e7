package io.showfloor.tournament;

import io.showfloor.platform.infra.Database;
import io.showfloor.tournament.Tournament.Status;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The leaderboard: while a tournament runs, each entrant's equity (play cash + holdings at the last
 * price) ranked, ties to the earlier entry; once it has completed, the frozen results.
 */
final class Standings {
  private final Database db;
  private final TournamentService tournaments;
  private final TournamentBooks books;

  Standings(Database db, TournamentService tournaments, TournamentBooks books) {
    this.db = db;
    this.tournaments = tournaments;
    this.books = books;
  }

  Future<JsonObject> board(long id) {
    return tournaments.find(id).compose(this::board);
  }

  Future<JsonObject> board(Tournament t) {
    JsonObject results = t.results();
    if (t.status() == Status.COMPLETED && results != null) {
      return Future.succeededFuture(
          new JsonObject()
              .put("tournamentId", t.id())
              .put("status", t.status().apiName())
              .put("final", true)
              .put("items", results.getJsonArray("board")));
    }
    return db.query(TournamentSql.ENTRIES, Tuple.of(t.id()))
        .compose(
            rows -> {
              List<Row> entered = new ArrayList<>();
              rows.forEach(
                  row -> {
                    if ("entered".equals(row.getString("status"))) {
                      entered.add(row);
                    }
                  });
              List<Long> ids = entered.stream().map(r -> r.getLong("user_id")).toList();
              return books
                  .equities(db.pool(), t.id(), ids)
                  .map(equities -> ranked(t, entered, equities));
            });
  }

  private static JsonObject ranked(Tournament t, List<Row> entered, Map<Long, Long> equities) {
    List<Row> order = new ArrayList<>(entered);
    order.sort(
        Comparator.comparingLong((Row r) -> -equities.getOrDefault(r.getLong("user_id"), 0L))
            .thenComparingLong(r -> r.getLong("id")));
    JsonArray items = new JsonArray();
    for (int i = 0; i < order.size(); i++) {
      Row row = order.get(i);
      long equity = equities.getOrDefault(row.getLong("user_id"), 0L);
      items.add(
          new JsonObject()
              .put("rank", i + 1)
              .put("userId", row.getLong("user_id"))
              .put("displayName", row.getString("display_name"))
              .put("equityCents", equity)
              .put("returnBps", (equity - t.startingCashCents()) * 10_000 / t.startingCashCents())
              .put("enteredAt", row.getOffsetDateTime("entered_at").toInstant().toString()));
    }
    return new JsonObject()
        .put("tournamentId", t.id())
        .put("status", t.status().apiName())
        .put("final", false)
        .put("items", items);
  }
}
