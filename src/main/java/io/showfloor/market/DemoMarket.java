package io.showfloor.market;

import io.showfloor.market.trading.BookCommand;
import io.showfloor.platform.Platform;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: a living market. A demo seller account lists a few items as shares (approved,
 * trading continuously around the clock rather than on the daily schedule), holds every share and
 * some cash, and runs the {@link MarketMaker} on them through the public API. Safe to run on every
 * start: what exists already is kept.
 */
final class DemoMarket {
  private static final Logger LOG = LoggerFactory.getLogger(DemoMarket.class);
  static final List<String> SYMBOLS = List.of("DEMOGTR", "DEMOWATCH", "DEMOSNKR");
  private static final List<String> NAMES = List.of("Signed stage guitar", "1968 dive watch", "Game-worn sneakers");
  private static final String EMAIL = "market-maker@showfloor.demo";
  private static final Set<String> ROLES = Set.of("viewer", "seller");

  private final Platform platform;
  private final Instruments instruments;
  private final BookClient books;

  DemoMarket(Platform platform, Instruments instruments, BookClient books) {
    this.platform = platform;
    this.instruments = instruments;
    this.books = books;
  }

  Future<Void> start() {
    return account().compose(userId -> {
      Caller bot = new Caller(userId, "Demo market maker", ROLES, true, false);
      Caller approver = new Caller(userId, "Demo market maker", Set.of("viewer", "admin"), true, false);
      Future<Void> listed = Future.succeededFuture();
      for (int i = 0; i < SYMBOLS.size(); i++) {
        String symbol = SYMBOLS.get(i);
        String name = NAMES.get(i);
        listed = listed.compose(v -> instruments.find(symbol)).compose(existing -> existing != null
            ? Future.succeededFuture()
            : instruments.list(bot, new JsonObject().put("symbol", symbol).put("name", name).put("totalShares", 10_000))
                .compose(instrument -> instruments.approve(approver, symbol, new JsonObject().put("followsSchedule", false)))
                // a demo trades around the clock: off the schedule, continuous from the start
                .compose(instrument -> books.send(symbol, new BookCommand.PhaseChange(Phase.CONTINUOUS, "demo")))
                .mapEmpty());
      }
      MarketMaker.Credential credential = new MarketMaker.Credential("Authorization",
          () -> "Bearer " + platform.accessTokens().issue(userId, "Demo market maker", ROLES, true));
      MarketMaker maker = new MarketMaker("127.0.0.1", platform.settings().port("http.port", 8080), credential,
          new MarketMaker.Plan(SYMBOLS, 3_000, 3, 10), userId);
      return listed.compose(v -> fund(userId, credential))
          .compose(v -> platform.vertx().deployVerticle(maker))
          .onSuccess(id -> LOG.info("Demo market: {} quoted by user {}", SYMBOLS, userId))
          .mapEmpty();
    });
  }

  /** The bot's account, created once. */
  private Future<Long> account() {
    return platform.db().one("""
            INSERT INTO users (email, display_name, password_hash, roles, email_verified_at)
            VALUES ($1, 'Demo market maker', 'no-login', $2, now())
            ON CONFLICT (lower(email)) DO UPDATE SET display_name = excluded.display_name RETURNING id""",
            Tuple.tuple().addString(EMAIL).addArrayOfString(ROLES.toArray(new String[0])))
        .map(row -> row.getLong("id"));
  }

  /** Cash to quote with, through the wallet's own deposit endpoint once HTTP is up (it starts after the domains). */
  private Future<Void> fund(long userId, MarketMaker.Credential credential) {
    platform.vertx().setTimer(2_000, t -> {
      var client = io.vertx.ext.web.client.WebClient.create(platform.vertx());
      client.post(platform.settings().port("http.port", 8080), "127.0.0.1", "/api/wallet/deposits")
          .putHeader(credential.header(), credential.value().get())
          .putHeader("Idempotency-Key", "demo-market-maker-funding")
          .sendJsonObject(new JsonObject().put("amountCents", 10_000_000))
          .onComplete(done -> client.close());
    });
    return Future.succeededFuture();
  }
}
