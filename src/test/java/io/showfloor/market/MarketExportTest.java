package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.Subscribers;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Market data export: trades, candles, own fills and orders as streamed CSV and JSON")
class MarketExportTest {
  private static final String DAY = "from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z";
  private static final CSVFormat WITH_HEADER =
      CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

  private final Api anonymous = TestNode.api();
  private String symbol;
  private TestUser buyer;

  /**
   * Three trades on a fresh instrument, moved to known instants: 10,000 × 2 at 15:00:10, 10,100 × 3
   * at 15:00:50 and 9,900 × 1 at 15:03:20 (UTC) on 5 January 2026.
   */
  @BeforeEach
  void threeTradesAtKnownTimes() {
    Listing listing = listed("EXP");
    symbol = listing.symbol();
    // export is a Pro feature
    buyer = Subscribers.pro(trader(200_000));
    phase(symbol, "continuous");
    place(listing.seller(), limit(symbol, "sell", 10_000, 2));
    place(buyer, limit(symbol, "buy", 10_000, 2));
    place(listing.seller(), limit(symbol, "sell", 10_100, 3));
    place(buyer, limit(symbol, "buy", 10_100, 3));
    place(buyer, limit(symbol, "buy", 9_900, 4));
    place(listing.seller(), limit(symbol, "sell", 9_900, 1));
    List<String> times =
        List.of("2026-01-05T15:00:10Z", "2026-01-05T15:00:50Z", "2026-01-05T15:03:20Z");
    var db = TestNode.get().platform().db();
    var ids =
        db.query("SELECT id FROM market_trades WHERE symbol = $1 ORDER BY id", Tuple.of(symbol))
            .await();
    List<Long> tradeIds = new ArrayList<>();
    ids.forEach(row -> tradeIds.add(row.getLong(0)));
    assertEquals(3, tradeIds.size());
    for (int i = 0; i < 3; i++) {
      db.query(
              "UPDATE market_trades SET executed_at = $1 WHERE id = $2",
              Tuple.of(OffsetDateTime.parse(times.get(i)), tradeIds.get(i)))
          .await();
    }
  }

  @AfterEach
  void removeClonedTrades() {
    TestNode.get()
        .platform()
        .db()
        .query(
            "DELETE FROM market_trades WHERE symbol = $1 AND executed_at >= '2026-02-01'",
            Tuple.of(symbol))
        .await();
  }

  @Test
  @DisplayName(
      "trades as CSV: a header of field names, then every trade of the range, oldest first")
  void tradesAsCsv() throws IOException {
    var answer = buyer.api().get(export("kind=trades&format=csv&" + DAY)).expect(200);
    assertTrue(answer.header("Content-Type").startsWith("text/csv"), answer.header("Content-Type"));
    assertTrue(answer.header("Content-Disposition").contains(symbol + "-trades-"));
    try (CSVParser csv = CSVParser.parse(answer.body(), WITH_HEADER)) {
      assertEquals(
          List.of("tradeId", "symbol", "priceCents", "quantity", "aggressor", "executedAt"),
          csv.getHeaderNames());
      List<CSVRecord> rows = csv.getRecords();
      assertEquals(3, rows.size(), answer.body());
      assertTrade(rows.get(0), "10000", "2", "buy", "2026-01-05T15:00:10Z");
      assertTrade(rows.get(1), "10100", "3", "buy", "2026-01-05T15:00:50Z");
      assertTrade(rows.get(2), "9900", "1", "sell", "2026-01-05T15:03:20Z");
    }
    // the range is half-open and narrows the rows
    var later =
        buyer
            .api()
            .get(export("from=2026-01-05T15:00:50Z&to=2026-01-05T15:03:20Z"))
            .expect(200)
            .body();
    try (CSVParser csv = CSVParser.parse(later, WITH_HEADER)) {
      List<CSVRecord> rows = csv.getRecords();
      assertEquals(1, rows.size(), later);
      assertEquals("10100", rows.get(0).get("priceCents"));
    }
  }

  @Test
  @DisplayName("trades as JSON: the range and the same trades in a rows array")
  void tradesAsJson() {
    JsonObject file = buyer.api().get(export("kind=trades&format=json&" + DAY)).expect(200).json();
    assertEquals("trades", file.getString("kind"));
    assertEquals(symbol, file.getString("symbol"));
    assertEquals("2026-01-05T00:00:00Z", file.getString("from"));
    assertEquals("2026-01-06T00:00:00Z", file.getString("to"));
    JsonArray rows = file.getJsonArray("rows");
    assertEquals(3, rows.size(), file.encode());
    assertEquals(10_000, rows.getJsonObject(0).getLong("priceCents"));
    assertEquals(3, rows.getJsonObject(1).getLong("quantity"));
    assertEquals("sell", rows.getJsonObject(2).getString("aggressor"));
    assertEquals("2026-01-05T15:03:20Z", rows.getJsonObject(2).getString("executedAt"));
  }

  @Test
  @DisplayName("candles aggregate the trades of each bucket: open, high, low, close, volume, count")
  void candles() throws IOException {
    JsonArray minutes = candles("1m");
    assertEquals(2, minutes.size(), minutes.encode());
    assertCandle(
        minutes.getJsonObject(0), "2026-01-05T15:00:00Z", 10_000, 10_100, 10_000, 10_100, 5, 2);
    assertCandle(
        minutes.getJsonObject(1), "2026-01-05T15:03:00Z", 9_900, 9_900, 9_900, 9_900, 1, 1);
    JsonArray fives = candles("5m");
    assertEquals(1, fives.size(), fives.encode());
    assertCandle(
        fives.getJsonObject(0), "2026-01-05T15:00:00Z", 10_000, 10_100, 9_900, 9_900, 6, 3);
    assertCandle(
        candles("1h").getJsonObject(0), "2026-01-05T15:00:00Z", 10_000, 10_100, 9_900, 9_900, 6, 3);
    // a day starts at midnight in the market's time zone, so the whole session is one candle
    JsonArray days =
        buyer
            .api()
            .get(
                export(
                    "kind=candles&interval=1d&format=json&from=2025-12-01T00:00:00Z&to=2026-02-01T00:00:00Z"))
            .expect(200)
            .json()
            .getJsonArray("rows");
    assertEquals(1, days.size(), days.encode());
    Instant dayStart = Instant.parse(days.getJsonObject(0).getString("start"));
    assertTrue(
        dayStart.isAfter(Instant.parse("2026-01-04T15:03:20Z"))
            && !dayStart.isAfter(Instant.parse("2026-01-05T15:00:10Z")),
        days.encode());
    assertEquals(6, days.getJsonObject(0).getLong("volume"));
    // the same 1m candles as CSV
    String csv = buyer.api().get(export("kind=candles&interval=1m&" + DAY)).expect(200).body();
    try (CSVParser parsed = CSVParser.parse(csv, WITH_HEADER)) {
      List<CSVRecord> rows = parsed.getRecords();
      assertEquals(
          List.of("start", "openCents", "highCents", "lowCents", "closeCents", "volume", "trades"),
          parsed.getHeaderNames());
      assertEquals(2, rows.size(), csv);
      assertEquals("10100", rows.get(0).get("closeCents"));
      assertEquals("5", rows.get(0).get("volume"));
    }
  }

  @Test
  @DisplayName("an export longer than one batch streams every row once, in order, across batches")
  void manyRowsAcrossBatches() throws IOException {
    // 1,234 copies of the first trade, two per minute from 1 February (pairs share an instant)
    TestNode.get()
        .platform()
        .db()
        .query(
            """
            INSERT INTO market_trades (id, symbol, buy_order_id, sell_order_id, buyer_id, seller_id, price_cents,
              quantity, value_cents, buyer_fee_cents, seller_fee_cents, seller_realized_pnl_cents, aggressor, executed_at)
            SELECT nextval('market_trades_id_seq'), symbol, buy_order_id, sell_order_id, buyer_id, seller_id,
              price_cents + g % 7, quantity, (price_cents + g % 7) * quantity, 0, 0, 0, aggressor,
              TIMESTAMPTZ '2026-02-01 00:00:00+00' + (g / 2) * INTERVAL '1 minute'
            FROM (SELECT * FROM market_trades WHERE symbol = $1 ORDER BY id LIMIT 1) t, generate_series(0, 1233) g""",
            Tuple.of(symbol))
        .await();
    String range = "from=2026-02-01T00:00:00Z&to=2026-02-02T00:00:00Z";
    String csv = buyer.api().get(export("kind=trades&" + range)).expect(200).body();
    try (CSVParser parsed = CSVParser.parse(csv, WITH_HEADER)) {
      List<CSVRecord> rows = parsed.getRecords();
      assertEquals(1_234, rows.size());
      long previous = 0;
      for (CSVRecord row : rows) {
        long id = Long.parseLong(row.get("tradeId"));
        assertTrue(id > previous, "trade ids in order, none twice: " + id + " after " + previous);
        previous = id;
      }
    }
    JsonArray candles =
        buyer
            .api()
            .get(export("kind=candles&interval=1m&format=json&" + range))
            .expect(200)
            .json()
            .getJsonArray("rows");
    assertEquals(617, candles.size());
    long trades = 0;
    for (Object candle : candles) {
      assertEquals(2, ((JsonObject) candle).getLong("trades"));
      trades += ((JsonObject) candle).getLong("trades");
    }
    assertEquals(1_234, trades);
    assertEquals("2026-02-01T10:16:00Z", candles.getJsonObject(616).getString("start"));
  }

  @Test
  @DisplayName("a trader exports their own fills and orders, and nobody else's")
  void ownFillsAndOrders() throws IOException {
    String csv =
        buyer
            .api()
            .get("/api/me/market/export?kind=fills&symbol=" + symbol + "&" + DAY)
            .expect(200)
            .body();
    try (CSVParser parsed = CSVParser.parse(csv, WITH_HEADER)) {
      List<CSVRecord> rows = parsed.getRecords();
      assertEquals(3, rows.size(), csv);
      assertEquals(List.of("2", "3", "1"), rows.stream().map(r -> r.get("quantity")).toList());
      assertTrue(rows.stream().allMatch(r -> "buy".equals(r.get("side"))), csv);
      assertEquals(
          List.of("10000", "10100", "9900"), rows.stream().map(r -> r.get("priceCents")).toList());
    }
    String lastHour =
        "from=" + Instant.now().minus(1, ChronoUnit.HOURS) + "&to=" + Instant.now().plusSeconds(60);
    JsonObject orders =
        buyer
            .api()
            .get("/api/me/market/export?kind=orders&format=json&" + lastHour)
            .expect(200)
            .json();
    JsonArray rows = orders.getJsonArray("rows");
    assertEquals(3, rows.size(), orders.encode());
    assertEquals(
        List.of(2L, 3L, 4L), rows.stream().map(r -> ((JsonObject) r).getLong("quantity")).toList());
    assertEquals("partial", rows.getJsonObject(2).getString("status"));
    TestUser stranger = Subscribers.pro(trader(0));
    JsonObject none =
        stranger
            .api()
            .get("/api/me/market/export?kind=fills&format=json&" + DAY)
            .expect(200)
            .json();
    assertEquals(0, none.getJsonArray("rows").size());
  }

  @Test
  @DisplayName("reversed, empty and too long ranges, strangers and unknown symbols are refused")
  void refusals() {
    buyer
        .api()
        .get(export("from=2026-01-06T00:00:00Z&to=2026-01-05T00:00:00Z"))
        .expectProblem(400, "export_range_reversed");
    buyer
        .api()
        .get(export("from=2026-01-05T00:00:00Z&to=2026-01-05T00:00:00Z"))
        .expectProblem(400, "export_range_reversed");
    buyer
        .api()
        .get(export("kind=trades&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"))
        .expectProblem(400, "export_range_too_long");
    buyer
        .api()
        .get(export("kind=candles&interval=1m&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"))
        .expectProblem(400, "export_range_too_long");
    buyer
        .api()
        .get("/api/me/market/export?kind=orders&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z")
        .expectProblem(400, "export_range_too_long");
    buyer.api().get(export("from=yesterday")).expectProblem(400, "validation_failed");
    buyer.api().get(export("kind=everything")).expectProblem(400, "validation_failed");
    anonymous.get(export(DAY)).expect(401);
    anonymous.get("/api/me/market/export?" + DAY).expect(401);
    buyer
        .api()
        .get("/api/market/instruments/NOSUCH1/export?" + DAY)
        .expectProblem(404, "instrument_not_found");
    // the same two months are fine as daily candles
    buyer
        .api()
        .get(export("kind=candles&interval=1d&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"))
        .expect(200);
  }

  private String export(String query) {
    return "/api/market/instruments/" + symbol + "/export?" + query;
  }

  private JsonArray candles(String interval) {
    return buyer
        .api()
        .get(export("kind=candles&format=json&interval=" + interval + "&" + DAY))
        .expect(200)
        .json()
        .getJsonArray("rows");
  }

  private static void assertTrade(
      CSVRecord row, String price, String quantity, String aggressor, String executedAt) {
    assertEquals(price, row.get("priceCents"), row.toString());
    assertEquals(quantity, row.get("quantity"), row.toString());
    assertEquals(aggressor, row.get("aggressor"), row.toString());
    assertEquals(executedAt, row.get("executedAt"), row.toString());
    assertTrue(Long.parseLong(row.get("tradeId")) > 0);
  }

  private static void assertCandle(
      JsonObject candle,
      String start,
      long open,
      long high,
      long low,
      long close,
      long volume,
      long trades) {
    assertEquals(start, candle.getString("start"), candle.encode());
    assertEquals(open, candle.getLong("openCents"), candle.encode());
    assertEquals(high, candle.getLong("highCents"), candle.encode());
    assertEquals(low, candle.getLong("lowCents"), candle.encode());
    assertEquals(close, candle.getLong("closeCents"), candle.encode());
    assertEquals(volume, candle.getLong("volume"), candle.encode());
    assertEquals(trades, candle.getLong("trades"), candle.encode());
  }
}
