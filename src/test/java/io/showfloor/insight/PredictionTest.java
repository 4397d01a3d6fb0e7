package io.showfloor.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.insight.model.SyntheticPrices;
import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Direction predictions with an honest record")
class PredictionTest {
  private static final int CANDLES = 700;
  private static String planted;
  private static String random;
  private static String young;
  private final Api api = TestNode.api();

  @BeforeAll
  static void tapes() {
    planted =
        InsightFixture.instrumentWithCloses(
            "PAT", SyntheticPrices.meanReverting(11, CANDLES, 10_000, 0.8));
    random =
        InsightFixture.instrumentWithCloses("RND", SyntheticPrices.randomWalk(12, CANDLES, 10_000));
    young = InsightFixture.instrumentWithCloses("YNG", SyntheticPrices.randomWalk(13, 60, 5_000));
  }

  private static JsonObject train(JsonObject body) {
    return LedgerCheck.admin().api().post("/api/admin/insight/models", body).expect(201).json();
  }

  private static void refused(JsonObject body, int status, String code) {
    LedgerCheck.admin().api().post("/api/admin/insight/models", body).expectProblem(status, code);
  }

  private JsonObject predict(String symbol) {
    return api.get("/api/market/instruments/" + symbol + "/prediction?interval=1m")
        .expect(200)
        .json();
  }

  @Test
  @DisplayName(
      "a planted pattern is learned: the model beats every baseline and the answer says edge")
  void plantedPattern() {
    JsonObject model = train(new JsonObject().put("symbol", planted).put("interval", "1m"));
    assertEquals("instrument", model.getString("scope"));
    assertTrue(model.getBoolean("edge"), model.encodePrettily());
    JsonObject metrics = model.getJsonObject("metrics");
    assertEquals(3, metrics.getJsonObject("baselines").size());
    assertTrue(metrics.getJsonArray("calibration").size() > 0);

    JsonObject p = predict(planted);
    assertTrue(p.getBoolean("edge"));
    assertEquals(model.getInteger("version"), p.getInteger("modelVersion"));
    assertEquals("instrument", p.getString("modelScope"));
    JsonObject record = p.getJsonObject("record");
    assertTrue(record.getDouble("accuracy") > record.getDouble("baselineAccuracy") + 0.1);
    assertTrue(record.getInteger("samples") > 200);
    // the pattern: a move is usually undone, so the model expects the opposite of the last move
    long[] closes = SyntheticPrices.meanReverting(11, CANDLES, 10_000, 0.8);
    boolean lastUp = closes[CANDLES - 1] > closes[CANDLES - 2];
    assertEquals(lastUp ? "down" : "up", p.getString("direction"));
    assertTrue(p.getDouble("probability") > 0.6);
    assertEquals(closes[CANDLES - 1], p.getLong("lastCloseCents"));
  }

  @Test
  @DisplayName("a random walk shows no edge, and the answer says so")
  void randomWalk() {
    JsonObject model = train(new JsonObject().put("symbol", random).put("interval", "1m"));
    assertFalse(model.getBoolean("edge"));
    JsonObject p = predict(random);
    assertFalse(p.getBoolean("edge"));
    assertTrue(p.getString("statement").startsWith("No edge"));
  }

  @Test
  @DisplayName("an instrument with little history is answered by the pooled model")
  void pooled() {
    refused(new JsonObject().put("symbol", young).put("interval", "1m"), 422, "not_enough_history");
    api.get("/api/market/instruments/" + young + "/prediction?interval=5m")
        .expectProblem(404, "model_not_trained");
    JsonObject pooled = train(new JsonObject().put("interval", "1m"));
    assertEquals("pooled", pooled.getString("scope"));
    JsonObject p = predict(young);
    assertEquals("pooled", p.getString("modelScope"));
    assertEquals(pooled.getInteger("version"), p.getInteger("modelVersion"));
  }

  @Test
  @DisplayName("answers are cached per symbol and interval, and each caller gets 30 a minute")
  void cachedAndLimited() {
    train(new JsonObject().put("symbol", planted).put("interval", "1m"));
    TestUser user = Users.create();
    String path = "/api/market/instruments/" + planted + "/prediction";
    JsonObject first = user.api().get(path).expect(200).json();
    JsonObject second = user.api().get(path).expect(200).json();
    assertTrue(second.getBoolean("cached"));
    assertEquals(first.getString("direction"), second.getString("direction"));
    for (int i = 2; i < 30; i++) {
      user.api().get(path).expect(200);
    }
    user.api().get(path).expectProblem(429, "rate_limited");
    // another caller still gets answers
    Users.create().api().get(path).expect(200);
  }

  @Test
  @DisplayName("bad input gets 4xx problems with stable codes; training is for admins")
  void badInput() {
    String base = "/api/market/instruments/" + planted + "/prediction";
    api.get(base + "?interval=3m").expectProblem(400, "unknown_interval");
    api.get(base + "?horizon=2").expectProblem(400, "horizon_out_of_range");
    api.get(base + "?horizon=0").expectProblem(400, "horizon_out_of_range");
    api.get("/api/market/instruments/NOSUCH8/prediction")
        .expectProblem(404, "instrument_not_found");
    Users.create()
        .api()
        .post("/api/admin/insight/models", new JsonObject().put("symbol", planted))
        .expectProblem(403, "role_required");
    refused(new JsonObject().put("symbol", planted).put("interval", "2h"), 400, "unknown_interval");
    refused(new JsonObject().put("symbol", "NOSUCH7"), 404, "instrument_not_found");
    refused(new JsonObject().put("symbol", planted).put("horizon", 2), 400, "horizon_out_of_range");
    api.get(base + "?horizon=soon").expectProblem(400, "validation_failed");
  }
}
