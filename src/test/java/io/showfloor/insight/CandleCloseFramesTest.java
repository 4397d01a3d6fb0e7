package io.showfloor.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.insight.model.SyntheticPrices;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prediction frames on market:<symbol> when a candle closes")
class CandleCloseFramesTest {
  @Test
  @DisplayName("a candle that just closed brings a prediction frame to the instrument's topic")
  void frameOnClose() throws InterruptedException {
    String symbol =
        InsightFixture.instrumentWithCloses(
            "ANN", SyntheticPrices.meanReverting(21, 420, 10_000, 0.8));
    LedgerCheck.admin()
        .api()
        .post(
            "/api/admin/insight/models",
            new JsonObject().put("symbol", symbol).put("interval", "1m"))
        .expect(201);
    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer =
        TestNode.get()
            .vertx()
            .eventBus()
            .consumer("topic.market." + symbol, m -> frames.add(m.body()));
    consumer.completion().await();
    long buyer = Users.create().id();
    long seller = Users.create().id();
    try {
      // a trade in the minute that just ended; tried again if the minute turns before the watch
      for (int attempt = 0; attempt < 3 && frames.isEmpty(); attempt++) {
        Instant previousMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(30);
        TestNode.get()
            .platform()
            .db()
            .tx(
                conn ->
                    GeneratedTrades.write(
                        conn,
                        symbol,
                        buyer,
                        seller,
                        List.of(new GeneratedTrades.Trade(previousMinute, 10_000, 1))))
            .await();
        long deadline = System.currentTimeMillis() + 15_000;
        while (frames.isEmpty() && System.currentTimeMillis() < deadline) {
          Thread.sleep(100);
        }
      }
    } finally {
      consumer.unregister().await();
    }
    assertTrue(!frames.isEmpty(), "no prediction frame arrived");
    JsonObject frame = frames.get(0);
    assertEquals("prediction", frame.getString("type"));
    JsonObject data = frame.getJsonObject("data");
    assertEquals(symbol, data.getString("symbol"));
    assertEquals("1m", data.getString("interval"));
    assertEquals(10_000L, data.getLong("lastCloseCents"));
    assertTrue(List.of("up", "down").contains(data.getString("direction")));
    // the frame's answer is what REST now serves from the cache
    JsonObject rest =
        TestNode.api()
            .get("/api/market/instruments/" + symbol + "/prediction?interval=1m")
            .expect(200)
            .json();
    assertEquals(data.getString("basedOnCandle"), rest.getString("basedOnCandle"));
  }
}
