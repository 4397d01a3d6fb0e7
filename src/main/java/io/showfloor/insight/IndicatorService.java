package io.showfloor.insight;

import io.showfloor.insight.indicators.IndicatorRequest;
import io.showfloor.insight.indicators.Indicators;
import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** GET …/indicators: ta4j indicators over the newest candles of an instrument. */
final class IndicatorService {
  static final int MAX_CANDLES = 1000;
  // read this many more candles than shown, so the first shown values are already stable
  private static final int WARM_UP = 200;
  private final CandleSql candles;

  IndicatorService(CandleSql candles) {
    this.candles = candles;
  }

  Future<JsonObject> indicators(String symbol, String intervalCode, String names, int limit) {
    Interval interval;
    IndicatorRequest request;
    try {
      interval = Interval.parse(intervalCode);
      request = IndicatorRequest.parse(names);
    } catch (Refused refused) {
      return Future.failedFuture(refused);
    }
    if (limit < 1 || limit > MAX_CANDLES) {
      return Future.failedFuture(Refused.invalid("bad_limit", "limit must be 1.." + MAX_CANDLES));
    }
    return candles
        .requireInstrument(symbol)
        .compose(v -> candles.candles(symbol, interval, limit + WARM_UP, Instant.now()))
        .map(list -> answer(symbol, interval, request, list, limit));
  }

  private static JsonObject answer(
      String symbol, Interval interval, IndicatorRequest request, List<Candle> all, int limit) {
    int from = Math.max(0, all.size() - limit);
    Indicators indicators = new Indicators(all, interval.width());
    JsonArray starts = new JsonArray();
    for (int i = from; i < all.size(); i++) {
      starts.add(all.get(i).start().toString());
    }
    JsonArray out = new JsonArray();
    for (var entry : indicators.computeAll(request)) {
      JsonObject lines = new JsonObject();
      for (Map.Entry<String, double[]> line : entry.getValue().entrySet()) {
        JsonArray values = new JsonArray();
        double[] v = line.getValue();
        for (int i = from; i < v.length; i++) {
          values.add(Double.isFinite(v[i]) ? round(v[i]) : null);
        }
        lines.put(line.getKey(), values);
      }
      var spec = entry.getKey();
      out.add(
          new JsonObject()
              .put("name", spec.label())
              .put("kind", spec.kind().code())
              .put("period", spec.kind().defaultPeriod() == 0 ? null : spec.period())
              .put("overlay", spec.kind().overlay())
              .put("lines", lines));
    }
    return new JsonObject()
        .put("symbol", symbol)
        .put("interval", interval.code())
        .put("starts", starts)
        .put("indicators", out);
  }

  // six significant decimals are plenty for cents and ratios, and keep the answer small
  private static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }
}
