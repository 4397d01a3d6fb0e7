package io.showfloor.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Indicators over an instrument's own candles")
class IndicatorsTest {
  private static final long[] CLOSES = {
    10_000, 10_100, 10_050, 10_200, 10_300, 10_250, 10_150, 10_400, 10_350, 10_500, 10_450, 10_600
  };
  private static String symbol;
  private final Api api = TestNode.api();

  @BeforeAll
  static void tape() {
    symbol = InsightFixture.instrumentWithCloses("IND", CLOSES);
  }

  private JsonObject indicators(String names) {
    return api.get(
            "/api/market/instruments/" + symbol + "/indicators?interval=1m&limit=12&names=" + names)
        .expect(200)
        .json();
  }

  private static JsonArray line(JsonObject answer, int index, String line) {
    return answer
        .getJsonArray("indicators")
        .getJsonObject(index)
        .getJsonObject("lines")
        .getJsonArray(line);
  }

  @Test
  @DisplayName("SMA, EMA and RSI match values worked out by hand for twelve known closes")
  void handComputed() {
    JsonObject answer = indicators("sma:3,ema:3,rsi:3");
    assertEquals(12, answer.getJsonArray("starts").size());
    JsonArray sma = line(answer, 0, "sma");
    assertNull(sma.getValue(1), "two candles are not enough for a 3-candle average");
    for (int i = 2; i < CLOSES.length; i++) {
      double expected = (CLOSES[i] + CLOSES[i - 1] + CLOSES[i - 2]) / 3.0;
      assertEquals(expected, sma.getDouble(i), 1e-4, "sma at " + i);
    }
    // EMA seeded with the first close, then prev + 2/(n+1) * (close - prev)
    JsonArray ema = line(answer, 1, "ema");
    double e = CLOSES[0];
    for (int i = 1; i < CLOSES.length; i++) {
      e += 0.5 * (CLOSES[i] - e);
      if (i >= 2) {
        assertEquals(e, ema.getDouble(i), 1e-4, "ema at " + i);
      }
    }
    // RSI with Wilder's smoothing (1/n), averages seeded at the first bar
    JsonArray rsi = line(answer, 2, "rsi");
    double gain = 0;
    double loss = 0;
    for (int i = 1; i < CLOSES.length; i++) {
      double change = CLOSES[i] - CLOSES[i - 1];
      gain += (Math.max(change, 0) - gain) / 3;
      loss += (Math.max(-change, 0) - loss) / 3;
      if (i >= 3) {
        double expected = loss == 0 ? 100 : 100 - 100 / (1 + gain / loss);
        assertEquals(expected, rsi.getDouble(i), 1e-3, "rsi at " + i);
      } else {
        assertNull(rsi.getValue(i));
      }
    }
  }

  @Test
  @DisplayName("every indicator answers, bands around their middle, oscillators within their range")
  void everyIndicator() {
    JsonObject answer =
        indicators("sma,ema,rsi,macd,bollinger:5,atr:5,obv,stochastic:5,roc:3,vwap:5,volatility:5");
    assertEquals(11, answer.getJsonArray("indicators").size());
    JsonArray upper = line(answer, 4, "upper");
    JsonArray middle = line(answer, 4, "middle");
    JsonArray lower = line(answer, 4, "lower");
    assertTrue(upper.getDouble(11) > middle.getDouble(11));
    assertTrue(lower.getDouble(11) < middle.getDouble(11));
    assertTrue(answer.getJsonArray("indicators").getJsonObject(4).getBoolean("overlay"));
    JsonArray k = line(answer, 7, "k");
    assertTrue(k.getDouble(11) >= 0 && k.getDouble(11) <= 100);
    // ROC over 3: percent change against three candles back
    assertEquals(
        (CLOSES[11] - CLOSES[8]) * 100.0 / CLOSES[8], line(answer, 8, "roc").getDouble(11), 1e-4);
    assertNotNull(line(answer, 6, "obv").getValue(11));
    assertTrue(line(answer, 10, "volatility").getDouble(11) > 0);
    // 20-candle SMA over twelve candles: nothing known yet
    assertNull(line(answer, 0, "sma").getValue(11));
  }

  @Test
  @DisplayName("unknown symbols, intervals, names and bad periods are refused with stable codes")
  void badInput() {
    String base = "/api/market/instruments/" + symbol + "/indicators";
    api.get(base + "?interval=2m").expectProblem(400, "unknown_interval");
    api.get(base + "?names=sma,magic").expectProblem(400, "unknown_indicator");
    api.get(base + "?names=sma:1").expectProblem(400, "bad_indicator_period");
    api.get(base + "?names=obv:5").expectProblem(400, "bad_indicator_period");
    api.get(
            base
                + "?names=sma:2,sma:3,sma:4,sma:5,sma:6,sma:7,sma:8,sma:9,sma:10,sma:11,sma:12,sma:13")
        .expectProblem(400, "too_many_indicators");
    api.get("/api/market/instruments/NOSUCH9/indicators")
        .expectProblem(404, "instrument_not_found");
  }
}
