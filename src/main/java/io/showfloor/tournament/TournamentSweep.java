package io.showfloor.tournament;

import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.NamedLease;
import io.showfloor.platform.infra.OnePass;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tournaments' clock, on one node of the cluster (the {@code tournament.sweep} lease): starts
 * open tournaments whose start has come, finishes active ones whose end has come, cancels drafts
 * never published, applies due news shocks, publishes each running board when it changed, and runs
 * the house's market-maker bot for every active tournament that asked for one.
 */
final class TournamentSweep extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TournamentSweep.class);

  private final Database db;
  private final NamedLease lease;
  private final TournamentService tournaments;
  private final Standings standings;
  private final TournamentBooks books;
  private final EventPublisher events;
  private final TournamentSettings settings;
  private final Map<Long, String> bots = new HashMap<>();
  private final Map<Long, JsonObject> lastBoards = new HashMap<>();
  private long timer = -1;
  private boolean held;

  TournamentSweep(
      Database db,
      NamedLease lease,
      TournamentService tournaments,
      Standings standings,
      TournamentBooks books,
      EventPublisher events,
      TournamentSettings settings) {
    this.db = db;
    this.lease = lease;
    this.tournaments = tournaments;
    this.standings = standings;
    this.books = books;
    this.events = events;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    OnePass pass = new OnePass("Tournament sweep", 60_000, () -> pass().map(false));
    timer = vertx.setPeriodic(settings.sweepMillis(), settings.sweepMillis(), id -> pass.run());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return held ? lease.release().otherwiseEmpty() : Future.succeededFuture();
  }

  private Future<Void> pass() {
    return lease
        .hold()
        .compose(
            mine -> {
              held = mine;
              if (!mine) {
                return stopBots(Set.of());
              }
              return moveDue()
                  .compose(v -> tournaments.applyDueEvents())
                  .compose(v -> active())
                  .compose(this::boardsAndBots);
            })
        .onFailure(e -> LOG.warn("Tournament sweep failed: {}", e.toString()))
        .otherwiseEmpty();
  }

  private Future<Void> moveDue() {
    return db.query(TournamentSql.DUE, Tuple.tuple())
        .compose(
            rows -> {
              Future<Void> all = Future.succeededFuture();
              for (Row row : rows) {
                long id = row.getLong("id");
                String status = row.getString("status");
                all =
                    all.compose(
                        v ->
                            (switch (status) {
                                  case "draft" -> tournaments.cancel(id);
                                  case "open" -> tournaments.start(id);
                                  default -> tournaments.finish(id);
                                })
                                .onFailure(
                                    e ->
                                        LOG.warn(
                                            "Tournament {} could not move on from {}: {}",
                                            id,
                                            status,
                                            e.toString()))
                                .<Void>mapEmpty()
                                .otherwiseEmpty());
              }
              return all;
            });
  }

  private Future<List<Tournament>> active() {
    return db.query(TournamentSql.ACTIVE, Tuple.tuple())
        .map(
            rows -> {
              List<Tournament> list = new ArrayList<>();
              rows.forEach(row -> list.add(Tournament.from(row)));
              return list;
            });
  }

  private Future<Void> boardsAndBots(List<Tournament> running) {
    Set<Long> ids = new HashSet<>();
    List<Future<?>> work = new ArrayList<>();
    for (Tournament t : running) {
      ids.add(t.id());
      work.add(publishBoard(t));
      if (t.marketMaker() && !bots.containsKey(t.id())) {
        work.add(startBot(t));
      }
    }
    lastBoards.keySet().retainAll(ids);
    return Future.join(work).compose(v -> stopBots(ids));
  }

  private Future<Void> publishBoard(Tournament t) {
    return standings
        .board(t)
        .compose(
            board -> {
              JsonObject items = new JsonObject().put("items", board.getJsonArray("items"));
              if (items.equals(lastBoards.get(t.id()))) {
                return Future.succeededFuture();
              }
              lastBoards.put(t.id(), items);
              return events.publish(t.topic(), "tournament.board", board).mapEmpty();
            });
  }

  private Future<Void> startBot(Tournament t) {
    bots.put(t.id(), "");
    return tournaments
        .symbols(t.id())
        .compose(
            symbols ->
                vertx.deployVerticle(
                    books.marketMaker(
                        t.id(),
                        t.houseId(),
                        symbols,
                        settings.botQuoteEveryMillis(),
                        settings.botSpreadTicks(),
                        settings.botSize(),
                        tournaments::anchor)))
        .onSuccess(deployment -> bots.put(t.id(), deployment))
        .onFailure(e -> bots.remove(t.id()))
        .mapEmpty();
  }

  /** Undeploys the bots of tournaments no longer running here. */
  private Future<Void> stopBots(Set<Long> keep) {
    List<Future<?>> stopped = new ArrayList<>();
    for (Long id : new ArrayList<>(bots.keySet())) {
      if (!keep.contains(id)) {
        String deployment = bots.remove(id);
        if (deployment != null && !deployment.isEmpty()) {
          stopped.add(vertx.undeploy(deployment));
        }
      }
    }
    return Future.join(stopped).mapEmpty();
  }
}
