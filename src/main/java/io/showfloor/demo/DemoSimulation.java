package io.showfloor.demo;

import io.showfloor.account.DemoUsers;
import io.showfloor.market.DemoMarket;
import io.showfloor.market.MarketMaker;
import io.showfloor.platform.infra.NamedLease;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The living demo (--demo only): on the one node holding the {@code demo.simulation} lease, a
 * scripted host runs a live show (chat, polls, lots opening and closing, a flash sale now and
 * then), bot bidders bid through the public API, bot traders trade the demo instruments against the
 * demo seller's {@link MarketMaker}, and every simulated host has a show coming up. Everything it
 * makes is labelled simulated. One tick at a time; a node losing the lease stops its bots.
 */
final class DemoSimulation extends VerticleBase {
  private static final String MAKER_KEY_NAME = "demo market maker";

  private static final Logger LOG = LoggerFactory.getLogger(DemoSimulation.class);
  static final String LEASE = "demo.simulation";

  private final SimulationSettings settings;
  private final NamedLease lease;
  private final DemoSessions sessions;
  private final int port;
  private final String publicUrl;
  private final Random random = new Random();
  private DemoClient api;
  private long timer = -1;
  private boolean busy;
  private boolean stopped;
  private long tick;

  // what the running script knows; forgotten when the lease is lost, found again when it comes back
  private boolean prepared;
  private final List<Long> hostIds = new ArrayList<>();
  private final List<Long> liveProducts = new ArrayList<>();
  private long liveShowId;
  private @Nullable Long openPoll;
  private @Nullable String makerDeployment;

  DemoSimulation(
      SimulationSettings settings,
      NamedLease lease,
      DemoSessions sessions,
      int port,
      String publicUrl) {
    this.settings = settings;
    this.lease = lease;
    this.sessions = sessions;
    this.port = port;
    this.publicUrl = publicUrl;
  }

  @Override
  public Future<?> start() {
    api = new DemoClient(vertx, port, sessions);
    timer = vertx.setPeriodic(settings.tickMillis(), id -> tick());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    api.close();
    // the market maker is this verticle's child deployment: Vert.x undeploys it with us
    return lease.release().otherwiseEmpty();
  }

  private void tick() {
    if (busy || stopped) {
      return;
    }
    busy = true;
    lease
        .hold()
        .compose(held -> held && !stopped ? step() : drop())
        .onComplete(
            done -> {
              busy = false;
              if (done.failed()) {
                LOG.debug("Demo simulation step failed: {}", done.cause().toString());
              }
            });
  }

  /** Another node runs the simulation (or this one is stopping): this one's bots stand down. */
  private Future<Void> drop() {
    if (!prepared) {
      return Future.succeededFuture();
    }
    prepared = false;
    LOG.info("Demo simulation: handed to another node");
    String maker = makerDeployment;
    makerDeployment = null;
    return maker == null ? Future.succeededFuture() : vertx.undeploy(maker);
  }

  private Future<Void> step() {
    if (!prepared) {
      return prepare()
          .onSuccess(
              v -> {
                prepared = true;
                LOG.info(
                    "Demo simulation running on this node: live show {}, every {} ms",
                    liveShowId,
                    settings.tickMillis());
              });
    }
    tick++;
    return Future.join(ignoring("show", this::showStep), ignoring("market", this::tradeStep))
        .mapEmpty();
  }

  private Future<Void> ignoring(String what, java.util.function.Supplier<Future<Void>> step) {
    return step.get()
        .recover(
            e -> {
              LOG.debug("Demo simulation {} step: {}", what, e.toString());
              return Future.succeededFuture();
            });
  }

  // --- setting the stage -----------------------------------------------------------------------

  private Future<Void> prepare() {
    hostIds.clear();
    Future<Void> chain = Future.succeededFuture();
    for (String host : DemoUsers.SIMULATED_HOSTS) {
      chain =
          chain
              .compose(v -> api.get(host, "/api/me").map(me -> hostIds.add(me.getLong("id"))))
              .mapEmpty();
    }
    for (int i = 0; i < DemoUsers.SIMULATED_HOSTS.size(); i++) {
      int host = i;
      chain = chain.compose(v -> catalogue(host)).compose(v -> upcomingShow(host));
    }
    return chain
        .compose(v -> liveShow())
        .compose(v -> fund(DemoUsers.SELLER))
        .compose(
            v -> {
              Future<Void> funded = Future.succeededFuture();
              for (String trader : DemoUsers.SIMULATED_TRADERS) {
                funded = funded.compose(w -> fund(trader));
              }
              return funded;
            })
        .compose(v -> startMarketMaker());
  }

  /** The host's catalogue through the public API; a SKU that exists already is left as it is. */
  private Future<Void> catalogue(int host) {
    String email = DemoUsers.SIMULATED_HOSTS.get(host);
    Future<Void> chain = Future.succeededFuture();
    for (DemoScript.Item item : DemoScript.CATALOGUES.get(host)) {
      JsonObject product =
          new JsonObject()
              .put("sku", "SIM-" + item.slug())
              .put("title", item.title() + " (simulated listing)")
              .put(
                  "description",
                  "A listing of the simulated --demo world; its picture is generated. "
                      + DemoScript.LABEL)
              .put("category", item.category())
              .put("condition", "like_new")
              .put("priceCents", item.priceCents())
              .put("quantity", 100_000)
              .put("shippingCents", 900)
              .put("imageUrls", new JsonArray().add(picture(item.slug())));
      chain =
          chain.compose(
              v ->
                  api.post(email, "/api/products", product)
                      .<Void>mapEmpty()
                      .recover(
                          e -> conflict(e) ? Future.succeededFuture() : Future.failedFuture(e)));
    }
    if (host != 0) {
      return chain;
    }
    return chain.compose(
        v ->
            api.get(email, "/api/products?limit=50&sellerId=" + hostIds.get(0))
                .map(
                    page -> {
                      liveProducts.clear();
                      page.getJsonArray("items")
                          .forEach(p -> liveProducts.add(((JsonObject) p).getLong("id")));
                      return null;
                    }));
  }

  /** Each simulated host has a show scheduled a few hours ahead. */
  private Future<Void> upcomingShow(int host) {
    String email = DemoUsers.SIMULATED_HOSTS.get(host);
    return api.get(email, "/api/shows?status=scheduled&limit=1&hostId=" + hostIds.get(host))
        .compose(
            page -> {
              if (!page.getJsonArray("items").isEmpty()) {
                return Future.succeededFuture();
              }
              String category = DemoScript.CATEGORIES.get(host);
              return api.post(
                      email,
                      "/api/shows",
                      new JsonObject()
                          .put("title", DemoScript.UPCOMING.get(host) + " (simulated)")
                          .put("description", DemoScript.LABEL)
                          .put("category", category)
                          .put("coverImageUrl", picture("cover-" + category))
                          .put(
                              "scheduledAt",
                              Instant.now()
                                  .plus(2L * (host + 1), ChronoUnit.HOURS)
                                  .truncatedTo(ChronoUnit.MINUTES)
                                  .toString()))
                  .mapEmpty();
            });
  }

  /** The first simulated host's show is live; started now if it is not. */
  private Future<Void> liveShow() {
    String host = DemoUsers.SIMULATED_HOSTS.get(0);
    return api.get(host, "/api/shows?status=live&limit=1&hostId=" + hostIds.get(0))
        .compose(
            page -> {
              JsonArray live = page.getJsonArray("items");
              if (!live.isEmpty()) {
                liveShowId = live.getJsonObject(0).getLong("id");
                return Future.succeededFuture();
              }
              return api.post(
                      host,
                      "/api/shows",
                      new JsonObject()
                          .put("title", DemoScript.LIVE_TITLE)
                          .put("description", DemoScript.LABEL)
                          .put("category", "sneakers")
                          .put("coverImageUrl", picture("camera-placeholder"))
                          .put("scheduledAt", Instant.now().plus(1, ChronoUnit.MINUTES).toString()))
                  .compose(
                      show -> {
                        liveShowId = show.getLong("id");
                        return api.post(host, "/api/shows/" + liveShowId + "/start", null);
                      })
                  .mapEmpty();
            });
  }

  /** Sandbox cash for a bot, once per person (the idempotency key makes a restart a replay). */
  private Future<Void> fund(String email) {
    return api.post(
            email,
            "/api/wallet/deposits",
            new JsonObject().put("amountCents", 10_000_000),
            "demo-simulation-funding-" + email.replace('@', '.'))
        .mapEmpty();
  }

  private Future<Void> startMarketMaker() {
    if (makerDeployment != null) {
      return Future.succeededFuture();
    }
    String seller = DemoUsers.SELLER;
    // the bot quotes with an API key that reads and trades and never moves money, as a trader's
    // own bot would; earlier runs' keys are revoked so restarts do not pile them up
    return api.get(seller, "/api/me/api-keys")
        .compose(listed -> revokeOldMakerKeys(seller, listed.getJsonArray("items")))
        .compose(
            v ->
                api.post(
                    seller,
                    "/api/me/api-keys",
                    new JsonObject()
                        .put("name", MAKER_KEY_NAME)
                        .put("scopes", new JsonArray().add("read").add("trade"))))
        .compose(
            created ->
                vertx.deployVerticle(
                    new MarketMaker(
                        "127.0.0.1",
                        port,
                        new MarketMaker.Credential("X-API-Key", () -> created.getString("key")),
                        new MarketMaker.Plan(
                            DemoMarket.SYMBOLS, Math.max(500, settings.tickMillis()), 3, 10),
                        random.nextLong())))
        .onSuccess(id -> makerDeployment = id)
        .mapEmpty();
  }

  private Future<Void> revokeOldMakerKeys(String seller, @Nullable JsonArray keys) {
    Future<Void> chain = Future.succeededFuture();
    if (keys == null) {
      return chain;
    }
    for (Object item : keys) {
      JsonObject key = (JsonObject) item;
      if (MAKER_KEY_NAME.equals(key.getString("name"))) {
        chain =
            chain.compose(
                v -> api.delete(seller, "/api/me/api-keys/" + key.getLong("id")).mapEmpty());
      }
    }
    return chain;
  }

  // --- the show ----------------------------------------------------------------------------------

  /**
   * The lots, the chat, the polls and the flash sales, each on its own (one failing skips only it).
   */
  private Future<Void> showStep() {
    return Future.join(
            ignoring("lots", this::lotStep),
            ignoring("chat", () -> every(settings.chatEveryTicks()) ? chat() : done()),
            ignoring("poll", () -> every(settings.pollEveryTicks()) ? poll() : done()),
            ignoring(
                "flash sale", () -> every(settings.flashSaleEveryTicks()) ? flashSale() : done()))
        .mapEmpty();
  }

  private static Future<Void> done() {
    return Future.succeededFuture();
  }

  /** Bids on the open lot, or opens the next one. */
  private Future<Void> lotStep() {
    String host = DemoUsers.SIMULATED_HOSTS.get(0);
    return api.get(host, "/api/shows/" + liveShowId + "/lots")
        .compose(
            answer -> {
              JsonObject open = null;
              JsonObject queued = null;
              for (Object item : answer.getJsonArray("lots")) {
                JsonObject lot = (JsonObject) item;
                if ("open".equals(lot.getString("status"))) {
                  open = lot;
                } else if (queued == null && "queued".equals(lot.getString("status"))) {
                  queued = lot;
                }
              }
              if (open != null) {
                return maybeBid(open);
              }
              if (queued != null) {
                return api.post(host, "/api/lots/" + queued.getLong("id") + "/start", null)
                    .mapEmpty();
              }
              return openLot(host);
            })
        .recover(
            e -> {
              if (e instanceof DemoClient.Answered answered && answered.status == 404) {
                prepared = false; // the show is gone: set the stage again
              }
              return Future.failedFuture(e);
            });
  }

  private boolean every(int ticks) {
    return tick % ticks == 0;
  }

  private Future<Void> openLot(String host) {
    if (liveProducts.isEmpty()) {
      return Future.succeededFuture();
    }
    long product = liveProducts.get((int) (tick % liveProducts.size()));
    return api.post(
            host,
            "/api/shows/" + liveShowId + "/lots",
            new JsonObject()
                .put("productId", product)
                .put("startingPriceCents", 1_000L * (5 + random.nextInt(20)))
                .put("durationSeconds", settings.lotSeconds())
                .put("extendSeconds", Math.max(1, Math.min(10, settings.lotSeconds() / 5)))
                .put("mode", "standard"))
        .compose(lot -> api.post(host, "/api/lots/" + lot.getLong("id") + "/start", null))
        .mapEmpty();
  }

  /**
   * Every other tick or so one bot bids the least it may, never against itself, until the lot
   * reaches the bots' ceiling for it (1.5 to 3 times the start), so the clock can run out.
   */
  private Future<Void> maybeBid(JsonObject lot) {
    long ceiling = lot.getLong("startingPriceCents") * (3 + lot.getLong("id") % 4) / 2;
    if (random.nextBoolean() || lot.getLong("currentPriceCents") >= ceiling) {
      return Future.succeededFuture();
    }
    List<String> bidders = DemoUsers.SIMULATED_BIDDERS;
    String bidder = bidders.get(random.nextInt(bidders.size()));
    long step = lot.getLong("minNextBidCents");
    return api.get(bidder, "/api/me")
        .compose(
            me -> {
              Long high = lot.getLong("highBidderId");
              if (high != null && high.equals(me.getLong("id"))) {
                return Future.succeededFuture();
              }
              return api.post(
                      bidder,
                      "/api/lots/" + lot.getLong("id") + "/bids",
                      new JsonObject().put("amountCents", step))
                  .mapEmpty();
            });
  }

  private Future<Void> chat() {
    boolean hostSpeaks = random.nextBoolean();
    String who =
        hostSpeaks
            ? DemoUsers.SIMULATED_HOSTS.get(0)
            : DemoUsers.SIMULATED_BIDDERS.get(random.nextInt(DemoUsers.SIMULATED_BIDDERS.size()));
    List<String> lines = hostSpeaks ? DemoScript.HOST_LINES : DemoScript.BOT_LINES;
    return api.post(
            who,
            "/api/shows/" + liveShowId + "/chat",
            new JsonObject().put("text", lines.get(random.nextInt(lines.size()))))
        .mapEmpty();
  }

  private Future<Void> poll() {
    String host = DemoUsers.SIMULATED_HOSTS.get(0);
    Long previous = openPoll;
    Future<Void> closed =
        previous == null
            ? Future.succeededFuture()
            : api.post(host, "/api/polls/" + previous + "/close", null)
                .<Void>mapEmpty()
                .otherwiseEmpty();
    DemoScript.Poll next =
        DemoScript.POLLS.get((int) (tick / settings.pollEveryTicks() % DemoScript.POLLS.size()));
    return closed
        .compose(
            v ->
                api.post(
                    host,
                    "/api/shows/" + liveShowId + "/polls",
                    new JsonObject()
                        .put("question", next.question())
                        .put("options", new JsonArray(next.options()))))
        .compose(
            created -> {
              long poll = created.getLong("id");
              openPoll = poll;
              List<Future<?>> votes = new ArrayList<>();
              for (String bidder : DemoUsers.SIMULATED_BIDDERS) {
                votes.add(
                    api.post(
                        bidder,
                        "/api/polls/" + poll + "/votes",
                        new JsonObject().put("option", random.nextInt(next.options().size()))));
              }
              return Future.join(votes).<Void>mapEmpty().otherwiseEmpty();
            });
  }

  private Future<Void> flashSale() {
    if (liveProducts.isEmpty()) {
      return Future.succeededFuture();
    }
    long product = liveProducts.get(random.nextInt(liveProducts.size()));
    return api.post(
            DemoUsers.SIMULATED_HOSTS.get(0),
            "/api/shows/" + liveShowId + "/flash-sales",
            new JsonObject()
                .put("productId", product)
                .put("priceCents", 2_500)
                .put("quantity", 5)
                .put("durationSeconds", settings.flashSaleSeconds()))
        .mapEmpty();
  }

  // --- the market --------------------------------------------------------------------------------

  /** One bot trader buys (or sells what it holds) across the market maker's quotes. */
  private Future<Void> tradeStep() {
    List<String> traders = DemoUsers.SIMULATED_TRADERS;
    String trader = traders.get(random.nextInt(traders.size()));
    String symbol = DemoMarket.SYMBOLS.get(random.nextInt(DemoMarket.SYMBOLS.size()));
    // keeps the seller's cached token fresh for the market maker
    Future<String> sellerToken = api.bearer(DemoUsers.SELLER);
    return sellerToken
        .compose(v -> api.get(trader, "/api/market/instruments/" + symbol))
        .compose(
            instrument ->
                api.get(trader, "/api/market/portfolio")
                    .compose(portfolio -> trade(trader, instrument, held(portfolio, symbol))));
  }

  private static long held(JsonObject portfolio, String symbol) {
    for (Object item : portfolio.getJsonArray("holdings", new JsonArray())) {
      JsonObject holding = (JsonObject) item;
      if (symbol.equals(holding.getString("symbol"))) {
        return holding.getLong("shares", 0L) - holding.getLong("lockedShares", 0L);
      }
    }
    return 0;
  }

  private Future<Void> trade(String trader, JsonObject instrument, long held) {
    if (!"approved".equals(instrument.getString("status"))) {
      return Future.succeededFuture();
    }
    long tickSize = instrument.getLong("tickSizeCents");
    Long last = instrument.getLong("lastPriceCents");
    long mid = last != null ? last : instrument.getLong("referencePriceCents");
    boolean sell = held > 0 && random.nextInt(3) == 0;
    long price =
        sell
            ? Math.max(instrument.getLong("bandLowCents"), mid - 10 * tickSize)
            : Math.min(instrument.getLong("bandHighCents"), mid + 10 * tickSize);
    long quantity = sell ? Math.min(held, 1 + random.nextInt(4)) : 1 + random.nextInt(4);
    return api.post(
            trader,
            "/api/market/orders",
            new JsonObject()
                .put("symbol", instrument.getString("symbol"))
                .put("side", sell ? "sell" : "buy")
                .put("type", "limit")
                .put("priceCents", price)
                .put("quantity", quantity)
                .put("timeInForce", "IOC"))
        .mapEmpty();
  }

  private String picture(String name) {
    return publicUrl + DemoPictureEndpoints.PATH + name + ".png";
  }

  private static boolean conflict(Throwable e) {
    return e instanceof DemoClient.Answered answered && answered.status == 409;
  }
}
