package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The trust score is the weighted mean of the inputs that have data")
class TrustScoreTest {

  @Test
  @DisplayName("missing inputs are left out and the other weights rescaled")
  void rescaled() {
    TrustScore score =
        new TrustScore()
            .add(new TrustScore.Input("a", 1.0, 20, "", ""))
            .add(new TrustScore.Input("b", 0.5, 20, "", ""))
            .add(new TrustScore.Input("c", null, 60, "", ""));
    assertEquals(75, score.score());
    assertEquals(50.0, score.contribution(score.inputs().get(0)));
    assertEquals(25.0, score.contribution(score.inputs().get(1)));
    assertEquals(0.0, score.contribution(score.inputs().get(2)));
  }

  @Test
  @DisplayName("every input present: the plain weighted mean; none: no score")
  void edges() {
    TrustScore all =
        new TrustScore()
            .add(new TrustScore.Input("a", 0.0, 30, "", ""))
            .add(new TrustScore.Input("b", 1.0, 70, "", ""));
    assertEquals(70, all.score());
    assertNull(new TrustScore().add(new TrustScore.Input("a", null, 30, "", "")).score());
    assertThrows(
        IllegalArgumentException.class,
        () -> new TrustScore().add(new TrustScore.Input("x", 1.5, 1, "", "")));
    assertEquals(1.0, TrustScore.saturating(40, 20));
    assertEquals(0.25, TrustScore.saturating(5, 20));
  }
}
