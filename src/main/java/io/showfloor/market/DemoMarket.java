package io.showfloor.market;

import io.showfloor.account.DemoUsers;
import io.showfloor.platform.DemoSeed;
import io.showfloor.platform.Platform;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: a living market. The seed lists three items of the demo seller as shares,
 * approved by the demo admin, trading continuously around the clock (off the daily schedule). Once
 * the HTTP server is up, the demo seller gets cash and an API key through the public API and runs
 * the {@link MarketMaker} with that key, quoting both sides of every demo instrument.
 */
final class DemoMarket {
  private static final Logger LOG = LoggerFactory.getLogger(DemoMarket.class);
  static final List<String> SYMBOLS = List.of("DEMOGTR", "DEMOWATCH", "DEMOSNKR");
  private static final List<String> NAMES =
      List.of("Signed stage guitar", "1968 dive watch", "Game-worn sneakers");
  private static final long SHARES = 10_000;
  private static final long REFERENCE_CENTS = 10_000;
  private static final String KEY_NAME = "demo market maker";
  private static final int RETRY_MILLIS = 2_000;

  private final Platform platform;

  DemoMarket(Platform platform) {
    this.platform = platform;
  }

  /**
   * Plants the demo instruments once (recorded in demo_seeds); the demo users come from the
   * accounts seed.
   */
  DemoSeed seed() {
    return new DemoSeed(
        "market.instruments",
        conn ->
            ids(conn)
                .compose(
                    ids -> {
                      Future<Void> chain = Future.succeededFuture();
                      for (int i = 0; i < SYMBOLS.size(); i++) {
                        String symbol = SYMBOLS.get(i);
                        String name = NAMES.get(i);
                        chain =
                            chain.compose(
                                v ->
                                    conn.preparedQuery(
                                            """
                INSERT INTO market_instruments (symbol, name, seller_id, status, phase, book_mode, follows_schedule,
                  total_shares, reference_price_cents, max_order_quantity, approved_by, approved_at)
                VALUES ($1, $2, $3, 'approved', 'continuous', 'continuous', false, $4, $5, $4, $6, now())
                ON CONFLICT (symbol) DO NOTHING""")
                                        .execute(
                                            Tuple.of(
                                                symbol,
                                                name,
                                                ids[0],
                                                SHARES,
                                                REFERENCE_CENTS,
                                                ids[1]))
                                        .compose(
                                            inserted ->
                                                inserted.rowCount() == 0
                                                    ? Future.succeededFuture()
                                                    : conn.preparedQuery(
                                                            "INSERT INTO market_holdings (user_id, symbol, shares, cost_basis_cents) "
                                                                + "VALUES ($1, $2, $3, $4)")
                                                        .execute(
                                                            Tuple.of(
                                                                ids[0],
                                                                symbol,
                                                                SHARES,
                                                                SHARES * REFERENCE_CENTS)))
                                        .mapEmpty());
                      }
                      return chain;
                    }));
  }

  /** {seller id, admin id} of the demo world. */
  private static Future<long[]> ids(SqlConnection conn) {
    return conn.preparedQuery(
            "SELECT id, lower(email) AS email FROM user_directory WHERE lower(email) = ANY($1::text[])")
        .execute(Tuple.tuple().addArrayOfString(new String[] {DemoUsers.SELLER, DemoUsers.ADMIN}))
        .map(
            rows -> {
              long[] ids = new long[2];
              for (Row row : rows) {
                ids[DemoUsers.SELLER.equals(row.getString("email")) ? 0 : 1] = row.getLong("id");
              }
              if (ids[0] == 0 || ids[1] == 0) {
                throw new IllegalStateException(
                    "the demo seller and admin are planted by the accounts seed first");
              }
              return ids;
            });
  }

  /**
   * Starts the bot as soon as the API answers (the HTTP server starts after the domains and the
   * seeds).
   */
  void startBot() {
    platform
        .vertx()
        .setTimer(
            RETRY_MILLIS,
            t ->
                prepareBot()
                    .onFailure(
                        e -> {
                          LOG.debug("Demo market maker not ready yet: {}", e.toString());
                          startBot();
                        }));
  }

  private Future<Void> prepareBot() {
    WebClient client = WebClient.create(platform.vertx());
    int port = platform.settings().port("http.port", 8080);
    return platform
        .db()
        .one(
            "SELECT id, display_name, credentials_version FROM users WHERE lower(email) = $1",
            Tuple.of(DemoUsers.SELLER))
        .compose(
            seller -> {
              if (seller == null) {
                return Future.failedFuture("no demo seller");
              }
              // a session token for the seller, only to fund the account and to mint the bot's API
              // key
              String session =
                  "Bearer "
                      + platform
                          .accessTokens()
                          .issue(
                              seller.getLong("id"),
                              seller.getLong("credentials_version"),
                              seller.getString("display_name"),
                              Set.of("viewer", "seller"),
                              true);
              return call(
                      client,
                      port,
                      session,
                      "POST",
                      "/api/wallet/deposits",
                      new JsonObject().put("amountCents", 10_000_000),
                      "demo-market-maker-funding")
                  .compose(v -> call(client, port, session, "GET", "/api/me/api-keys", null, null))
                  .compose(
                      keys ->
                          revokeOld(
                              client,
                              port,
                              session,
                              keys.getJsonArray("items", keys.getJsonArray("keys"))))
                  .compose(
                      v ->
                          call(
                              client,
                              port,
                              session,
                              "POST",
                              "/api/me/api-keys",
                              // a quoting bot reads and trades; it never moves money
                              new JsonObject()
                                  .put("name", KEY_NAME)
                                  .put("scopes", new JsonArray().add("read").add("trade")),
                              null))
                  .compose(
                      created -> {
                        String key = created.getString("key");
                        MarketMaker maker =
                            new MarketMaker(
                                "127.0.0.1",
                                port,
                                new MarketMaker.Credential("X-API-Key", () -> key),
                                new MarketMaker.Plan(SYMBOLS, 3_000, 3, 10),
                                seller.getLong("id"));
                        return platform.vertx().deployVerticle(maker);
                      })
                  .onSuccess(
                      id ->
                          LOG.info(
                              "Demo market: {} quoted by the demo seller's market maker (API key)",
                              SYMBOLS))
                  .onComplete(done -> client.close())
                  .mapEmpty();
            });
  }

  /** Earlier runs' keys of the bot are revoked, so restarts do not pile them up. */
  private Future<Void> revokeOld(WebClient client, int port, String session, JsonArray keys) {
    Future<Void> chain = Future.succeededFuture();
    if (keys == null) {
      return chain;
    }
    for (Object item : keys) {
      JsonObject key = (JsonObject) item;
      if (KEY_NAME.equals(key.getString("name"))) {
        chain =
            chain.compose(
                v ->
                    call(
                            client,
                            port,
                            session,
                            "DELETE",
                            "/api/me/api-keys/" + key.getLong("id"),
                            null,
                            null)
                        .mapEmpty());
      }
    }
    return chain;
  }

  private static Future<JsonObject> call(
      WebClient client,
      int port,
      String authorization,
      String method,
      String path,
      @Nullable JsonObject body,
      @Nullable String idempotencyKey) {
    var request =
        client
            .request(io.vertx.core.http.HttpMethod.valueOf(method), port, "127.0.0.1", path)
            .putHeader("Authorization", authorization);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    var sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent.compose(
        response -> {
          if (response.statusCode() / 100 != 2) {
            return Future.failedFuture(method + " " + path + " answered " + response.statusCode());
          }
          if (response.body() == null || response.body().length() == 0) {
            return Future.succeededFuture(new JsonObject());
          }
          Object json = io.vertx.core.json.Json.decodeValue(response.body());
          return Future.succeededFuture(
              json instanceof JsonArray array
                  ? new JsonObject().put("items", array)
                  : response.bodyAsJsonObject());
        });
  }
}
