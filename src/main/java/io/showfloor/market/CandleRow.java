package io.showfloor.market;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;

/**
 * One OHLCV bucket of an instrument's trades as the candle queries answer it (columns {@code
 * bucket, open, high, low, close, volume, trades}), and as the chart and the export show it.
 */
public record CandleRow(
    Instant start,
    long openCents,
    long highCents,
    long lowCents,
    long closeCents,
    long volume,
    long trades) {

  public static CandleRow from(Row row) {
    return new CandleRow(
        row.getOffsetDateTime("bucket").toInstant(),
        row.getLong("open"),
        row.getLong("high"),
        row.getLong("low"),
        row.getLong("close"),
        row.getLong("volume"),
        row.getLong("trades"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("start", start.toString())
        .put("openCents", openCents)
        .put("highCents", highCents)
        .put("lowCents", lowCents)
        .put("closeCents", closeCents)
        .put("volume", volume)
        .put("trades", trades);
  }
}
