package io.showfloor.market.export;

import io.showfloor.platform.Refused;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * GET /api/market/instruments/{symbol}/export (trades, candles) and GET /api/me/market/export (the
 * caller's fills and orders): files streamed as they are read.
 */
public final class ExportEndpoints implements ApiRoutes {
  private final MarketExports exports;
  private final io.showfloor.market.TraderPlans plans;

  public ExportEndpoints(MarketExports exports, io.showfloor.market.TraderPlans plans) {
    this.exports = exports;
    this.plans = plans;
  }

  /** Export is a Pro feature: a Free caller gets 403 {@code pro_required}. */
  private Future<io.showfloor.platform.security.Caller> mayExport(ApiRequest req) {
    return req.user()
        .compose(
            caller ->
                plans
                    .of(caller.userId())
                    .compose(
                        plan ->
                            plan.mayExport()
                                ? Future.succeededFuture(caller)
                                : Future.failedFuture(
                                    Refused.forbidden(
                                        "pro_required",
                                        "Market data export is part of Pro: subscribe on the Pro page"))));
  }

  @Override
  public void mount(Api api) {
    api.on(
        "exportInstrumentData",
        req -> {
          String symbol = req.path("symbol");
          Instant from = instant(req, "from");
          Instant to = instant(req, "to");
          return mayExport(req)
              .compose(
                  caller ->
                      "candles".equals(req.query("kind"))
                          ? exports.candles(symbol, interval(req), from, to)
                          : exports.trades(symbol, from, to))
              .compose(rows -> send(req, rows));
        });
    api.on(
        "exportMyMarketData",
        req -> {
          @Nullable String symbol = req.query("symbol");
          Instant from = instant(req, "from");
          Instant to = instant(req, "to");
          return mayExport(req)
              .compose(
                  caller ->
                      send(
                          req,
                          "orders".equals(req.query("kind"))
                              ? exports.orders(caller.userId(), symbol, from, to)
                              : exports.fills(caller.userId(), symbol, from, to)));
        });
  }

  private static Future<Reply> send(ApiRequest req, ExportRows rows) {
    String format = req.query("format");
    return ExportDownload.send(
            req.context().response(),
            rows,
            ExportFormat.of(format == null ? "csv" : format),
            ExportDownload.fileName(rows.describe()))
        .map(v -> Reply.written());
  }

  private static CandleInterval interval(ApiRequest req) {
    String name = req.query("interval");
    return CandleInterval.of(name == null ? "1m" : name)
        .orElseThrow(() -> Refused.invalid("validation_failed", "interval is 1m, 5m, 1h or 1d"));
  }

  private static @Nullable Instant instant(ApiRequest req, String name) {
    String value = req.query(name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.validation(name + " must be a date-time such as 2026-01-02T15:04:05Z");
    }
  }
}
