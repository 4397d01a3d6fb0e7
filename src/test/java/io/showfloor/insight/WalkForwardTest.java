package io.showfloor.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.insight.model.DirectionModel;
import io.showfloor.insight.model.FeatureRow;
import io.showfloor.insight.model.Features;
import io.showfloor.insight.model.SyntheticPrices;
import io.showfloor.insight.model.TrackRecord;
import io.showfloor.insight.model.WalkForward;
import io.showfloor.insight.model.Wilson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The direction model and its walk-forward record, on series whose signal is known")
class WalkForwardTest {
  static List<Candle> candles(long[] closes) {
    List<Candle> candles = new ArrayList<>();
    Instant start = Instant.parse("2026-01-05T14:30:00Z");
    for (int i = 0; i < closes.length; i++) {
      long open = i == 0 ? closes[0] : closes[i - 1];
      candles.add(
          new Candle(
              start.plusSeconds(60L * i),
              open,
              Math.max(open, closes[i]) + 5,
              Math.min(open, closes[i]) - 5,
              closes[i],
              1 + i % 7));
    }
    return candles;
  }

  static TrackRecord record(long[] closes) {
    return WalkForward.evaluate(Features.labelled(candles(closes), Duration.ofMinutes(1), 1));
  }

  @Test
  @DisplayName(
      "a planted pattern (moves reverse 80 % of the time) is learned and beats every baseline")
  void plantedPatternIsLearned() {
    TrackRecord r = record(SyntheticPrices.meanReverting(7, 1500, 10_000, 0.8));
    assertTrue(r.samples() > 600, "samples " + r.samples());
    assertTrue(r.model().accuracy() > 0.72, "accuracy " + r.model().accuracy());
    assertTrue(r.model().low() > r.bestBaselineAccuracy(), r.toString());
    assertTrue(r.logLoss() < r.baseRateLogLoss());
    assertTrue(r.edge());
    // repeating the last move is exactly wrong on this series
    assertTrue(r.baselines().get("lastMoveRepeated").accuracy() < 0.3);
  }

  @Test
  @DisplayName("a random walk shows no edge")
  void randomWalkHasNoEdge() {
    for (long seed = 1; seed <= 3; seed++) {
      TrackRecord r = record(SyntheticPrices.randomWalk(seed, 1500, 10_000));
      assertFalse(r.edge(), "seed " + seed + ": " + r);
      assertTrue(Math.abs(r.model().accuracy() - 0.5) < 0.06, "accuracy " + r.model().accuracy());
    }
  }

  @Test
  @DisplayName("a trained model survives its stored bytes and predicts the same")
  void bytesRoundTrip() {
    List<FeatureRow> rows =
        Features.labelled(
            candles(SyntheticPrices.meanReverting(3, 400, 10_000, 0.8)), Duration.ofMinutes(1), 1);
    DirectionModel model = DirectionModel.train(rows);
    DirectionModel back = DirectionModel.fromBytes(model.toBytes());
    double[] f = rows.get(rows.size() - 1).features();
    assertEquals(model.probabilityUp(f), back.probabilityUp(f), 1e-12);
  }

  @Test
  @DisplayName("Wilson's interval: 50 of 100 is 0.404..0.596")
  void wilson() {
    Wilson w = Wilson.of(50, 100);
    assertEquals(0.4038, w.low(), 1e-3);
    assertEquals(0.5962, w.high(), 1e-3);
  }
}
