package io.showfloor.market;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A market-maker bot that trades only through the public HTTP API, like any outside bot: every few
 * seconds it cancels its quotes on each instrument and quotes both sides again around the last
 * price (the reference before the first trade), which drifts a tick or two at random so the demo
 * market moves. Quotes stay on the tick grid and inside the price band; closed or halted
 * instruments are left alone.
 */
public final class MarketMaker extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MarketMaker.class);

  /**
   * How the bot authenticates: a header name and a value supplier (an API key, or a fresh bearer
   * token).
   */
  public record Credential(String header, Supplier<String> value) {}

  /**
   * @param spreadTicks ticks between the mid price and each quote
   * @param size shares per quote
   */
  public record Plan(
      List<String> symbols, long quoteEveryMillis, int spreadTicks, long size, int driftTicks) {
    /** Quotes that drift up to two ticks either way each round (the demo market). */
    public Plan(List<String> symbols, long quoteEveryMillis, int spreadTicks, long size) {
      this(symbols, quoteEveryMillis, spreadTicks, size, 2);
    }
  }

  /**
   * Where the bot trades: the public HTTP API (the demo), or a tournament's play-money books. The
   * instrument is the market's JSON ({@code tickSizeCents}, band, {@code lastPriceCents} …).
   */
  public interface Venue {
    Future<JsonObject> instrument(String symbol);

    /** Cancels the bot's open orders in the instrument. */
    Future<Void> cancelOpen(String symbol);

    /** Places one order (the market's order body). */
    Future<Void> place(JsonObject order);

    default void start(io.vertx.core.Vertx vertx) {}

    default void close() {}
  }

  private final Venue venue;
  private final Plan plan;
  private final Random random;
  private long timer = -1;
  private boolean quoting;
  private long rounds;

  public MarketMaker(String host, int port, Credential credential, Plan plan, long seed) {
    this(new HttpVenue(host, port, credential), plan, seed);
  }

  public MarketMaker(Venue venue, Plan plan, long seed) {
    this.venue = venue;
    this.plan = plan;
    this.random = new Random(seed);
  }

  @Override
  public Future<?> start() {
    venue.start(vertx);
    timer = vertx.setPeriodic(plan.quoteEveryMillis(), id -> quoteAll());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    venue.close();
    return Future.succeededFuture();
  }

  /** Completed quoting rounds (for tests and logs). */
  public long rounds() {
    return rounds;
  }

  private void quoteAll() {
    if (quoting) {
      return;
    }
    quoting = true;
    Future<Void> all = Future.succeededFuture();
    for (String symbol : plan.symbols()) {
      all =
          all.compose(
              v ->
                  requote(symbol)
                      .otherwise(
                          e -> {
                            LOG.debug("Market maker could not quote {}: {}", symbol, e.toString());
                            return null;
                          }));
    }
    all.onComplete(
        done -> {
          quoting = false;
          rounds++;
        });
  }

  private Future<Void> requote(String symbol) {
    return venue
        .instrument(symbol)
        .compose(
            instrument -> {
              String phase = instrument.getString("phase");
              if ("closed".equals(phase)
                  || "halted".equals(phase)
                  || !"approved".equals(instrument.getString("status"))) {
                return Future.succeededFuture();
              }
              return venue
                  .cancelOpen(symbol)
                  .compose(
                      v -> {
                        Quote quote = quote(instrument);
                        return Future.all(
                                venue.place(order(symbol, "buy", quote.bidCents())),
                                venue.place(order(symbol, "sell", quote.askCents())))
                            .<Void>mapEmpty();
                      });
            });
  }

  /**
   * The bid and ask for one round: around the last price, drifting a little, on the tick grid,
   * inside the band.
   */
  record Quote(long bidCents, long askCents) {}

  Quote quote(JsonObject instrument) {
    long tick = instrument.getLong("tickSizeCents");
    long low = instrument.getLong("bandLowCents");
    long high = instrument.getLong("bandHighCents");
    Long last = instrument.getLong("lastPriceCents");
    long mid = last != null ? last : instrument.getLong("referencePriceCents");
    if (plan.driftTicks() > 0) {
      mid += tick * (random.nextInt(2 * plan.driftTicks() + 1) - plan.driftTicks());
    }
    long spread = tick * plan.spreadTicks();
    long bid = Math.max(low, Math.floorDiv(mid - spread, tick) * tick);
    long ask = Math.min(high, -Math.floorDiv(-(mid + spread), tick) * tick);
    if (bid >= ask) {
      bid = Math.max(low, ask - tick);
    }
    return new Quote(bid, ask);
  }

  private JsonObject order(String symbol, String side, long priceCents) {
    return new JsonObject()
        .put("symbol", symbol)
        .put("side", side)
        .put("type", "limit")
        .put("priceCents", priceCents)
        .put("quantity", plan.size())
        .put("timeInForce", "GTC");
  }

  /** The public HTTP API, authenticated as the bot's owner (an API key or a bearer token). */
  private static final class HttpVenue implements Venue {
    private final String host;
    private final int port;
    private final Credential credential;
    private @Nullable WebClient client;

    HttpVenue(String host, int port, Credential credential) {
      this.host = host;
      this.port = port;
      this.credential = credential;
    }

    @Override
    public void start(io.vertx.core.Vertx vertx) {
      client =
          WebClient.create(
              vertx,
              new WebClientOptions().setDefaultHost(host).setDefaultPort(port).setKeepAlive(true));
    }

    @Override
    public void close() {
      if (client != null) {
        client.close();
      }
    }

    private WebClient client() {
      return java.util.Objects.requireNonNull(client, "started");
    }

    @Override
    public Future<JsonObject> instrument(String symbol) {
      return get("/api/market/instruments/" + symbol);
    }

    @Override
    public Future<Void> place(JsonObject order) {
      return send(client().post("/api/market/orders"), order).mapEmpty();
    }

    @Override
    public Future<Void> cancelOpen(String symbol) {
      return get("/api/market/orders?status=open&limit=200&symbol=" + symbol)
          .compose(
              page -> {
                List<Future<?>> cancels = new ArrayList<>();
                page.getJsonArray("items")
                    .forEach(
                        order ->
                            cancels.add(
                                send(
                                    client()
                                        .delete(
                                            "/api/market/orders/"
                                                + ((JsonObject) order).getLong("id")),
                                    null)));
                return Future.join(cancels).mapEmpty();
              });
    }

    private Future<JsonObject> get(String path) {
      return send(client().get(path), null);
    }

    private Future<JsonObject> post(JsonObject order) {
      return send(client().post("/api/market/orders"), order);
    }

    private Future<JsonObject> send(HttpRequest<Buffer> request, @Nullable JsonObject body) {
      request.putHeader(credential.header(), credential.value().get());
      Future<HttpResponse<Buffer>> sent =
          body == null ? request.send() : request.sendJsonObject(body);
      return sent.compose(
          response ->
              response.statusCode() / 100 == 2
                  ? Future.succeededFuture(
                      response.body() == null || response.body().length() == 0
                          ? new JsonObject()
                          : response.bodyAsJsonObject())
                  : Future.failedFuture(
                      request.method()
                          + " "
                          + request.uri()
                          + " answered "
                          + response.statusCode()));
    }
  }
}
