package io.showfloor.market;

import io.showfloor.market.trading.FillNotices;
import io.showfloor.platform.Refused;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** The trader's own views (portfolio, watchlist), the leaderboards and public trader pages. */
final class TraderEndpoints implements ApiRoutes {
  private final MarketSettings settings;
  private final Portfolio portfolio;
  private final Watchlist watchlist;
  private final Leaderboard leaderboard;
  private final TraderStats stats;
  private final FillNotices fillNotices;
  private final Clock clock;
  private final PnlSnapshots pnl;
  private final TraderProfiles profiles;

  TraderEndpoints(
      MarketSettings settings,
      Portfolio portfolio,
      Watchlist watchlist,
      Leaderboard leaderboard,
      TraderStats stats,
      FillNotices fillNotices,
      Clock clock,
      PnlSnapshots pnl,
      TraderProfiles profiles) {
    this.fillNotices = fillNotices;
    this.pnl = pnl;
    this.profiles = profiles;
    this.settings = settings;
    this.portfolio = portfolio;
    this.watchlist = watchlist;
    this.leaderboard = leaderboard;
    this.stats = stats;
    this.clock = clock;
  }

  @Override
  public void mount(Api api) {
    api.on(
        "getPortfolio",
        req -> req.user().compose(caller -> portfolio.of(caller.userId())).map(Reply::ok));
    api.on(
        "getWatchlist",
        req -> req.user().compose(caller -> watchlist.of(caller.userId())).map(Reply::ok));
    api.on(
        "watchInstrument",
        req ->
            req.user()
                .compose(caller -> watchlist.watch(caller.userId(), req.path("symbol")))
                .map(v -> Reply.noContent()));
    api.on(
        "unwatchInstrument",
        req ->
            req.user()
                .compose(caller -> watchlist.unwatch(caller.userId(), req.path("symbol")))
                .map(v -> Reply.noContent()));
    api.on(
        "getLeaderboard",
        req -> {
          LocalDate today = settings.schedule().tradingDay(clock.instant());
          LocalDate day;
          try {
            day = req.query("day") == null ? today : LocalDate.parse(req.query("day"));
          } catch (DateTimeParseException e) {
            throw ApiError.validation("day must be a date such as 2026-01-02");
          }
          if (day.isAfter(today) || day.isBefore(today.minusDays(60))) {
            throw ApiError.unprocessable(
                "day_out_of_range", "The leaderboard covers the last 60 days");
          }
          String period = req.query("period") == null ? "day" : req.query("period");
          return req.caller()
              .compose(caller -> leaderboard.period(period, day, caller.userId()))
              .map(Reply::ok);
        });
    api.on(
        "getFillNoticePreferences",
        req ->
            req.user()
                .compose(caller -> fillNotices.preferences(caller.userId()))
                .map(p -> Reply.ok(p.toJson())));
    api.on(
        "setFillNoticePreferences",
        req ->
            req.user()
                .compose(
                    caller -> {
                      var body = req.body();
                      return fillNotices.save(
                          caller.userId(),
                          new FillNotices.Preferences(
                              body.getBoolean("inApp"), body.getBoolean("mail")));
                    })
                .map(p -> Reply.ok(p.toJson())));
    api.on("getTrader", req -> stats.of(req.pathLong("id")).map(Reply::ok));
    api.on(
        "getMyPnl",
        req -> req.user().compose(caller -> pnlPage(req, caller.userId(), true)).map(Reply::ok));
    api.on(
        "getTraderPnl",
        req -> {
          long id = req.pathLong("id");
          return profiles
              .publicProfile(id)
              .compose(
                  profile ->
                      profile == null
                          ? Future.failedFuture(
                              Refused.notFound("trader_not_found", "No such trader"))
                          : pnlPage(req, id, false))
              .map(Reply::ok);
        });
  }

  /** {@code from} and {@code to} (default: the 30 days up to today, in the market's zone). */
  private Future<JsonObject> pnlPage(ApiRequest req, long userId, boolean owner) {
    LocalDate today = settings.schedule().tradingDay(clock.instant());
    LocalDate to = date(req.query("to"), "to", today);
    LocalDate from = date(req.query("from"), "from", to.minusDays(29));
    return pnl.series(userId, from, to, today)
        .map(points -> PnlSnapshots.page(from, to, points, owner));
  }

  private static LocalDate date(@Nullable String raw, String name, LocalDate fallback) {
    if (raw == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiError.validation(name + " must be a date such as 2026-01-02");
    }
  }
}
