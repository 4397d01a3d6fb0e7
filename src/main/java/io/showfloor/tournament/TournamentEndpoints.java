package io.showfloor.tournament;

import io.showfloor.platform.Refused;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.IdempotentReplies;
import io.showfloor.platform.http.Reply;
import io.showfloor.tournament.Tournament.Status;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Tournaments over HTTP: /api/tournaments and /api/admin/tournaments. */
final class TournamentEndpoints implements ApiRoutes {
  private final TournamentService tournaments;
  private final Entries entries;
  private final Standings standings;
  private final TournamentBooks books;

  TournamentEndpoints(
      TournamentService tournaments, Entries entries, Standings standings, TournamentBooks books) {
    this.tournaments = tournaments;
    this.entries = entries;
    this.standings = standings;
    this.books = books;
  }

  @Override
  public void mount(Api api) {
    api.on(
        "createTournament",
        req ->
            req.verifiedUser()
                .compose(caller -> tournaments.create(caller, req.body()))
                .map(Reply::created));
    api.on(
        "listTournaments",
        req ->
            req.caller()
                .compose(
                    caller ->
                        tournaments.page(
                            caller,
                            req.query("status"),
                            req.queryLong("before", Long.MAX_VALUE),
                            (int) req.queryLong("limit", 20)))
                .map(Reply::ok));
    api.on(
        "getTournament",
        req ->
            req.caller()
                .compose(caller -> tournaments.detail(caller, req.pathLong("id")))
                .map(Reply::ok));
    api.on(
        "openTournament",
        req ->
            req.user()
                .compose(caller -> tournaments.publish(caller, req.pathLong("id")))
                .map(t -> Reply.ok(t.toJson(true))));
    api.on(
        "cancelTournament",
        req ->
            req.user()
                .compose(caller -> tournaments.hostOrAdmin(caller, req.pathLong("id")))
                .compose(t -> tournaments.cancel(t.id()))
                .map(Reply::ok));
    api.on(
        "startTournament",
        req ->
            req.withRole("admin")
                .compose(caller -> tournaments.start(req.pathLong("id")))
                .map(t -> Reply.ok(t.toJson(true))));
    api.on(
        "finishTournament",
        req ->
            req.withRole("admin")
                .compose(caller -> tournaments.finish(req.pathLong("id")))
                .map(Reply::ok));
    api.on(
        "enterTournament",
        req ->
            req.verifiedUser()
                .compose(
                    caller ->
                        entries.enter(caller, req.pathLong("id"), req.body(), req.idempotencyKey()))
                .map(
                    entered ->
                        // a card the browser must confirm: the webhook makes the entry
                        Entries.REQUIRES_CONFIRMATION.equals(entered.value().getString("status"))
                            ? Reply.status(202, entered.value())
                            : IdempotentReplies.created(entered)));
    api.on("listTournamentEntries", req -> entries.list(req.pathLong("id")).map(Reply::ok));
    api.on("getTournamentBoard", req -> standings.board(req.pathLong("id")).map(Reply::ok));
    api.on(
        "getTournamentResults",
        req ->
            tournaments
                .find(req.pathLong("id"))
                .compose(
                    t -> {
                      JsonObject results = t.results();
                      if (t.status() != Status.COMPLETED || results == null) {
                        return Future.failedFuture(
                            Refused.conflict(
                                "results_not_final",
                                "Tournament " + t.id() + " is " + t.status().apiName()));
                      }
                      return Future.succeededFuture(Reply.ok(results));
                    }));
    api.on(
        "placeTournamentOrder",
        req ->
            req.verifiedUser()
                .compose(
                    caller ->
                        trading(req.pathLong("id"), caller.userId())
                            .compose(
                                v ->
                                    books.place(
                                        req.pathLong("id"),
                                        caller.userId(),
                                        req.body(),
                                        req.idempotencyKey())))
                .map(
                    placed ->
                        placed.created() ? Reply.created(placed.body()) : Reply.ok(placed.body())));
    api.on(
        "cancelTournamentOrder",
        req ->
            req.user()
                .compose(
                    caller ->
                        books.cancel(req.pathLong("id"), caller.userId(), req.pathLong("orderId")))
                .map(Reply::ok));
    api.on(
        "getMyTournamentAccount",
        req ->
            req.user()
                .compose(
                    caller ->
                        entries
                            .mine(req.pathLong("id"), caller.userId())
                            .compose(
                                entry ->
                                    books
                                        .account(req.pathLong("id"), caller.userId())
                                        .map(account -> account.put("entry", entry))))
                .map(Reply::ok));
    api.on(
        "addTournamentEvent",
        req ->
            req.user()
                .compose(caller -> tournaments.addEvent(caller, req.pathLong("id"), req.body()))
                .map(Reply::created));
    api.on(
        "disqualifyTournamentEntrant",
        req ->
            req.withRole("moderator")
                .compose(
                    caller ->
                        tournaments.disqualify(
                            caller,
                            req.pathLong("id"),
                            req.pathLong("userId"),
                            req.body().getString("reason")))
                .map(Reply::ok));
  }

  /** An order needs an active tournament and an entry still in the running. */
  private Future<Void> trading(long id, long userId) {
    return tournaments
        .find(id)
        .compose(
            t ->
                t.status() == Status.ACTIVE
                    ? entries.activeEntry(id, userId).mapEmpty()
                    : Future.failedFuture(
                        Refused.conflict(
                            "tournament_not_active",
                            "Tournament "
                                + id
                                + " is "
                                + t.status().apiName()
                                + "; trading is closed")));
  }
}
