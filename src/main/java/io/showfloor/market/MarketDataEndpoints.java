package io.showfloor.market;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import java.time.Instant;

/** GET …/{symbol}/book, /trades, /candles and /ticker: public market data. */
final class MarketDataEndpoints implements ApiRoutes {
  private final MarketData data;

  MarketDataEndpoints(MarketData data) {
    this.data = data;
  }

  @Override
  public void mount(Api api) {
    api.on(
        "getBook",
        req -> data.book(req.path("symbol"), (int) req.queryLong("depth", 10)).map(Reply::ok));
    api.on("getTicker", req -> data.ticker(req.path("symbol")).map(Reply::ok));
    api.on(
        "listInstrumentTrades",
        req ->
            data.trades(
                    req.path("symbol"),
                    (int) req.queryLong("limit", 50),
                    req.queryLong("before", Long.MAX_VALUE))
                .map(Reply::ok));
    api.on(
        "getCandles",
        req -> {
          String until = req.query("until");
          String interval = req.query("interval");
          Instant end;
          try {
            end = until == null ? Instant.now() : java.time.OffsetDateTime.parse(until).toInstant();
          } catch (java.time.format.DateTimeParseException e) {
            throw ApiError.validation("until must be a date-time such as 2026-01-02T15:04:05Z");
          }
          return data.candles(
                  req.path("symbol"),
                  interval == null ? "1m" : interval,
                  (int) req.queryLong("limit", 100),
                  end)
              .map(Reply::ok);
        });
  }
}
