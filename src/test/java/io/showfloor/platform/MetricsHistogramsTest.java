package io.showfloor.platform;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.Sales;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * /metrics after real traffic: the latency timers carry fixed buckets (so Prometheus can compute
 * p95/p99 with histogram_quantile across nodes) and the gauges the dashboard draws are present with
 * values that make sense. Scraped from this machine (loopback, no token), as Prometheus on the node
 * would.
 */
@DisplayName("Metrics worth graphing: latency histograms and gauges in /metrics")
class MetricsHistogramsTest {
  private final Api api = TestNode.api();

  @Test
  @DisplayName(
      "HTTP by route, bids, checkouts, market batches and WebSocket delivery have bucketed histograms; gauges have sane values")
  void histogramsAndGauges() {
    Users.TestUser bidder = Users.create();
    // a bid on a lot that does not exist is refused; the acknowledgement is timed all the same
    bidder
        .api()
        .post("/api/lots/987654321/bids", new JsonObject().put("amountCents", 500))
        .expect(404);
    Sales.sold(Users.create("seller"), 1_500, 1, 0);
    MarketFixture.Listing listing = MarketFixture.listed("HIST");
    phase(listing.symbol(), "continuous");
    try (TestSocket ws = TestSocket.open(TestNode.get().port())) {
      ws.subscribe("market:" + listing.symbol());
      place(MarketFixture.trader(50_000), limit(listing.symbol(), "buy", 9_000, 2));
      ws.next("book.update");
      String body = scrape();

      for (String timer :
          List.of(
              "vertx_http_server_response_time_seconds",
              "showfloor_bid_ack_seconds",
              "showfloor_checkout_duration_seconds",
              "showfloor_market_batch_duration_seconds",
              "showfloor_ws_delivery_seconds")) {
        List<Double> buckets = new ArrayList<>();
        Matcher bucket =
            Pattern.compile("(?m)^" + timer + "_bucket\\{([^}]*)le=\"([^\"]+)\"[^}]*} (\\S+)")
                .matcher(body);
        double inf = -1;
        while (bucket.find()) {
          if (bucket.group(2).equals("+Inf")) {
            inf = Math.max(inf, Double.parseDouble(bucket.group(3)));
          } else {
            buckets.add(Double.parseDouble(bucket.group(2)));
          }
        }
        assertTrue(
            buckets.contains(0.005) && buckets.contains(0.1) && buckets.contains(1.0),
            timer + " buckets: " + buckets);
        assertTrue(inf >= 1, timer + " counted at least one observation in +Inf");
        assertTrue(body.contains(timer + "_count") && body.contains(timer + "_sum"), timer);
      }
      // by route, with the route's template rather than one series per id (a refusal that went
      // through the
      // failure handler reads "/api/lots/:id/bids>/api/lots/:id/bids": Vert.x Web appends the
      // re-routed path)
      assertTrue(
          Pattern.compile(
                  "vertx_http_server_response_time_seconds_bucket\\{[^}]*route=\"/api/lots/:id/bids")
              .matcher(body)
              .find(),
          "HTTP latency by route template");
      assertTrue(
          Pattern.compile(
                  "vertx_http_server_response_time_seconds_bucket\\{[^}]*route=\"/api/checkout\"")
              .matcher(body)
              .find(),
          "HTTP latency of checkouts by route");
      assertTrue(
          value(body, "showfloor_checkout_duration_seconds_sum", "") > 0,
          "checkouts took some time");
      assertTrue(value(body, "showfloor_ws_connections", "") >= 1, "this socket is counted");
      assertTrue(
          value(body, "showfloor_market_book_queue", "symbol=\"" + listing.symbol() + "\"") >= 0,
          "the book's queue depth on the node that owns it");
    }
    // the polled counts are read every metrics.countRefreshMillis (5 s)
    Eventually.until(
        () -> {
          String body = scrape();
          return body.contains("showfloor_lots_open ")
              && body.contains("showfloor_shows_live ")
              && body.contains("showfloor_mail_outbox_backlog ");
        },
        "polled gauges");
    String body = scrape();
    long openLots =
        TestNode.get()
            .platform()
            .db()
            .one(
                "SELECT count(*) AS n FROM lots WHERE status = 'open'",
                io.vertx.sqlclient.Tuple.tuple())
            .await()
            .getLong("n");
    assertTrue(
        Math.abs(value(body, "showfloor_lots_open", "") - openLots) < 50,
        "open lots near the database's count");
    assertTrue(value(body, "showfloor_shows_live", "") >= 0);
    assertTrue(value(body, "showfloor_mail_outbox_backlog", "") >= 0);
    dashboardDrawsWhatIsServed(body);
  }

  /**
   * docker/grafana/dashboards/showfloor.json asks only for series this node serves (a renamed
   * metric breaks it).
   */
  private static void dashboardDrawsWhatIsServed(String body) {
    JsonObject dashboard;
    try {
      dashboard =
          new JsonObject(
              Files.readString(Path.of("docker", "grafana", "dashboards", "showfloor.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> asked = new TreeSet<>();
    for (Object panel : dashboard.getJsonArray("panels")) {
      for (Object target : ((JsonObject) panel).getJsonArray("targets")) {
        Matcher name =
            Pattern.compile("\\b(?:showfloor|vertx|jvm|process)_[a-z_]+")
                .matcher(((JsonObject) target).getString("expr"));
        while (name.find()) {
          asked.add(name.group());
        }
      }
    }
    assertTrue(asked.size() >= 10, asked.toString());
    for (String series : asked) {
      assertTrue(
          body.contains("\n" + series + "{") || body.contains("\n" + series + " "),
          "the dashboard asks for " + series);
    }
  }

  private String scrape() {
    Api.Response answer = api.get("/metrics").expect(200);
    assertEquals("text/plain; version=0.0.4; charset=utf-8", answer.header("Content-Type"));
    return answer.body();
  }

  /** The value of the first sample of {@code name} whose labels contain {@code labels}. */
  private static double value(String body, String name, String labels) {
    Matcher sample =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(body);
    while (sample.find()) {
      if (sample.group(1) == null ? labels.isEmpty() : sample.group(1).contains(labels)) {
        return Double.parseDouble(sample.group(2));
      }
    }
    throw new AssertionError("no sample " + name + "{" + labels + "} in /metrics");
  }
}
