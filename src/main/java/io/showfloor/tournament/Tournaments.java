package io.showfloor.tournament;

import io.showfloor.ledger.Ledger;
import io.showfloor.notify.Notify;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.infra.NamedLease;
import io.showfloor.realtime.SocketApi;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Trading competitions: tournaments with their own play-money books on the market's machinery, free
 * or paid entry, a live board and exact payouts. See docs/TOURNAMENTS.md.
 */
public final class Tournaments implements Domain {
  private final Platform platform;
  private final TournamentSettings settings;
  private final TournamentBooks books;
  private final TournamentService tournaments;
  private final Entries entries;
  private final Standings standings;
  private final CardEntryWebhook cardWebhook;

  public Tournaments(
      Platform platform,
      Ledger ledger,
      TournamentBooks books,
      TournamentHosts hosts,
      EntryCards cards,
      Notify notify) {
    this.platform = platform;
    this.settings = TournamentSettings.from(platform.settings());
    this.books = books;
    this.tournaments =
        new TournamentService(
            platform.db(),
            ledger,
            books,
            hosts,
            notify.notifications(),
            platform.events(),
            settings,
            Clock.systemUTC(),
            cards);
    this.entries = new Entries(platform.db(), ledger, tournaments, platform.events(), cards, books);
    this.standings = new Standings(platform.db(), tournaments, books);
    this.cardWebhook = new CardEntryWebhook(entries);
  }

  /**
   * The provider's word that an entry's card payment the browser confirmed has succeeded; commerce
   * routes it here from its webhook ({@code Wiring}).
   */
  public io.showfloor.commerce.payment.WebhookRoute cardWebhook() {
    return cardWebhook;
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(new TournamentEndpoints(tournaments, entries, standings, books));
  }

  @Override
  public Future<Void> start() {
    var vertx = platform.vertx();
    var snapshots =
        SocketApi.onSnapshot(
            vertx,
            "tournament",
            request ->
                tournaments
                    .detail(io.showfloor.platform.security.Caller.ANONYMOUS, request.idAsLong())
                    .compose(
                        detail ->
                            standings
                                .board(request.idAsLong())
                                .map(
                                    board ->
                                        new JsonObject()
                                            .put("tournament", detail)
                                            .put("board", board))));
    NamedLease lease =
        new NamedLease(
            platform.db(),
            "tournament.sweep",
            UUID.randomUUID().toString(),
            Math.max(5, (int) (settings.sweepMillis() * 5 / 1000)),
            !platform.clustered());
    return tournaments
        .findHouse()
        .compose(v -> snapshots.completion())
        .compose(
            v ->
                vertx.deployVerticle(
                    new TournamentSweep(
                        platform.db(),
                        lease,
                        tournaments,
                        standings,
                        books,
                        platform.events(),
                        settings)))
        .mapEmpty();
  }
}
