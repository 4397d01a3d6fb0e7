package io.showfloor.market;

import io.showfloor.market.cash.LedgerMarketCash;
import io.showfloor.market.cash.MarketCash;
import io.showfloor.market.export.ExportEndpoints;
import io.showfloor.market.export.MarketExports;
import io.showfloor.market.trading.BookOwnership;
import io.showfloor.market.trading.FillNotices;
import io.showfloor.market.trading.OwnerServices;
import io.showfloor.moderation.ListingActions;
import io.showfloor.platform.DemoSeed;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.infra.NamedLease;
import io.showfloor.platform.infra.OnePass;
import io.showfloor.realtime.SocketApi;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The fractional-share market: instruments, order books with their single writers, market data,
 * portfolios and the leaderboard. See docs/MARKET.md.
 */
public final class Markets implements Domain {
  private final Platform platform;
  private final MarketSettings settings;
  private final MarketCash cash;
  private final io.showfloor.market.cash.MarketHolds walletHolds =
      new LedgerMarketCash.WalletHolds();
  private final Clock clock;
  private final BookClient books;
  private final MarketData data;
  private final Leaderboard leaderboard;
  private final Surveillance surveillance;
  private final Instruments instruments;
  private final DemoMarket demo;

  /**
   * This node's name in the book leases: its cluster member id, so survivors know whose leases a
   * departed member held.
   */
  private final String nodeId;

  private final List<ApiRoutes> routes;
  private final FillNotices fillNotices;
  private final PnlSnapshots pnlSnapshots;

  public Markets(
      Platform platform,
      MarketCash cash,
      PhysicalItems items,
      TraderProfiles profiles,
      io.showfloor.notify.Notify notify,
      TraderPlans plans) {
    this(platform, cash, items, profiles, notify, plans, Clock.systemUTC());
  }

  public Markets(
      Platform platform,
      MarketCash cash,
      PhysicalItems items,
      TraderProfiles profiles,
      io.showfloor.notify.Notify notify,
      TraderPlans plans,
      Clock clock) {
    this.platform = platform;
    this.fillNotices =
        new FillNotices(
            platform.db(), notify.notifications(), notify.outbox(), notify.preferences());
    this.settings = MarketSettings.from(platform.settings());
    this.cash = cash;
    this.clock = clock;
    this.nodeId =
        platform.clustered()
            ? ((io.vertx.core.internal.VertxInternal) platform.vertx()).clusterManager().getNodeId()
            : java.util.UUID.randomUUID().toString();
    this.books = new BookClient(platform.vertx(), platform.db(), settings);
    this.data = new MarketData(platform.db(), books, settings);
    this.leaderboard = new Leaderboard(platform.db(), platform.redis(), settings);
    this.surveillance = new Surveillance(platform.db(), settings);
    this.instruments =
        new Instruments(platform.db(), platform.vertx().eventBus(), settings, clock, nodeId, items);
    this.demo = new DemoMarket();
    Portfolio portfolio = new Portfolio(platform.db(), cash);
    this.pnlSnapshots =
        new PnlSnapshots(
            platform.db(),
            settings.schedule(),
            portfolio,
            new NamedLease(
                platform.db(),
                PnlSnapshots.LEASE,
                nodeId,
                settings.pnlSnapshotCheckSeconds() * 3,
                !platform.clustered()),
            java.time.Duration.ofHours(settings.pnlSnapshotLateHours()));
    this.routes =
        List.of(
            new InstrumentEndpoints(
                platform.rateLimiter(),
                settings,
                instruments,
                books,
                new Redemptions(platform.db(), books, items)),
            new MarketOrderEndpoints(
                platform.rateLimiter(), settings, books, new MarketOrders(platform.db()), plans),
            new MarketDataEndpoints(data),
            new TraderEndpoints(
                settings,
                portfolio,
                new Watchlist(platform.db(), plans),
                leaderboard,
                new TraderStats(platform.db(), profiles),
                fillNotices,
                clock,
                pnlSnapshots,
                profiles),
            new SurveillanceEndpoints(surveillance, new HoldsReconciliation(platform.db(), books)),
            new ExportEndpoints(
                new MarketExports(platform.db(), settings.timeZone(), clock), plans));
  }

  @Override
  public List<ApiRoutes> routes() {
    return routes;
  }

  @Override
  public List<DemoSeed> demoSeeds() {
    return List.of(demo.seed());
  }

  /**
   * Local request: run one surveillance scan now; answers the number of new flags (tests,
   * operators).
   */
  public static final String SURVEILLANCE_SCAN_ADDRESS = "market.surveillance.scan";

  /**
   * Local request: one pass of the daily P&L snapshot job as if the time were the body (an ISO
   * instant); answers the day recorded, or "" (tests, operators).
   */
  public static final String PNL_SNAPSHOT_ADDRESS = "market.pnl.snapshot";

  @Override
  public Future<Void> start() {
    var vertx = platform.vertx();
    var snapshots =
        SocketApi.onSnapshot(vertx, "market", request -> snapshot(request.idAsString()));
    vertx
        .eventBus()
        .localConsumer(
            SURVEILLANCE_SCAN_ADDRESS,
            message ->
                surveillance
                    .scan()
                    .onComplete(done -> message.reply(done.succeeded() ? done.result() : 0)));
    vertx.setPeriodic(settings.surveillanceEverySeconds() * 1000L, id -> surveillance.scan());
    OnePass pnlPass =
        new OnePass(
            "P&L snapshots", 600_000, () -> pnlSnapshots.pass(clock.instant()).map(day -> false));
    vertx.setPeriodic(settings.pnlSnapshotCheckSeconds() * 1000L, id -> pnlPass.run());
    vertx
        .eventBus()
        .<String>localConsumer(
            PNL_SNAPSHOT_ADDRESS,
            message ->
                pnlSnapshots
                    .pass(Instant.parse(message.body()))
                    .onComplete(
                        done ->
                            message.reply(
                                done.succeeded() && done.result() != null
                                    ? done.result().toString()
                                    : "")));
    return snapshots
        .completion()
        .compose(
            v ->
                platform
                    .vertx()
                    .deployVerticle(
                        new BookOwnership(
                            new OwnerServices(
                                platform.db(),
                                platform.events(),
                                platform.metrics(),
                                settings,
                                cash,
                                leaderboard,
                                fillNotices,
                                clock),
                            platform.clustered(),
                            nodeId)))
        .mapEmpty();
  }

  /**
   * What moderation may do to listings and surveillance flags (its {@code ListingActions} port).
   */
  public ListingActions listingActions() {
    return new MarketListingActions(instruments, books, surveillance);
  }

  /** The tournaments' port to the market: play-money books on the same machinery. */
  public io.showfloor.tournament.TournamentBooks tournamentBooks() {
    return new MarketTournamentBooks(platform.db(), books, cash, walletHolds);
  }

  public MarketSettings settings() {
    return settings;
  }

  /**
   * The first frame of a {@code market:<symbol>} subscription: the instrument, book, ticker and
   * latest trades.
   */
  private Future<JsonObject> snapshot(String symbol) {
    return books
        .read(symbol)
        .compose(
            view ->
                data.trades(symbol, 20, Long.MAX_VALUE)
                    .map(
                        trades ->
                            new JsonObject()
                                .put("instrument", view.getJsonObject("instrument"))
                                .put("book", view.getJsonObject("book"))
                                .put("ticker", view.getJsonObject("ticker"))
                                .put("trades", trades.getJsonArray("items"))));
  }
}
