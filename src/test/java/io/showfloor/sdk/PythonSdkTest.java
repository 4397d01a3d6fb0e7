package io.showfloor.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.testing.Api;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.ScratchDatabase;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Python SDK (sdk/python) and the example bots (examples/) against a real node started with
 * --demo, as a developer would run them: python3, an API key of the demo trader, nothing else.
 */
@DisplayName("The Python SDK and the example bots against a --demo node")
class PythonSdkTest {
  private static final String SYMBOL = "DEMOGTR";
  private static final int BOT_SECONDS = 6;
  private static Showfloor node;
  private static String base;
  private static Api trader;
  private static String apiKey;

  @BeforeAll
  static void demoNodeAndTrader() {
    node =
        Showfloor.start(
            TestNode.settings(Path.of("target", "test-data", "python-sdk"), true)
                .with("database.url", ScratchDatabase.create("python_sdk"))
                .with("redis.url", TestNode.get().platform().settings().string("redis.url", null))
                .with("jwt.secret", "a-test-secret-of-at-least-thirty-two-characters")
                .with("http.instances", 1)
                .with("demo", true));
    base = "http://127.0.0.1:" + node.port();
    Api api = new Api(base).fromNewAddress();
    String token =
        api.post(
                "/api/auth/login",
                new JsonObject()
                    .put("email", "trader@showfloor.demo")
                    .put("password", "showfloor-demo-1"))
            .expect(200)
            .json()
            .getString("accessToken");
    trader = api.as(token);
    trader.post("/api/wallet/deposits", new JsonObject().put("amountCents", 2_000_000)).expect(201);
    apiKey =
        trader
            .post("/api/me/api-keys", new JsonObject().put("name", "python sdk test"))
            .expect(201)
            .json()
            .getString("key");
    // the demo market maker quotes once the HTTP server is up; the bots need its quotes, and
    // some inventory to sell from
    Eventually.until(
        () ->
            !api.get("/api/market/instruments/" + SYMBOL + "/book")
                .expect(200)
                .json()
                .getJsonArray("asks")
                .isEmpty(),
        "the demo market maker quotes " + SYMBOL);
    JsonObject buy =
        new JsonObject()
            .put("symbol", SYMBOL)
            .put("side", "buy")
            .put("type", "market")
            .put("quantity", 6);
    // a book can be between owners for a moment while the demo node settles (503
    // market_unavailable, nothing placed): the trader tries again, as the SDK would
    Eventually.until(
        () -> {
          int status = trader.post("/api/market/orders", buy).status();
          assertTrue(status == 201 || status == 503, "the setup buy answered " + status);
          return status == 201;
        },
        "the setup buy is placed");
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  @Test
  @DisplayName("the SDK's unittest suite passes, its live tests included, against the node")
  void sdkTests() throws Exception {
    Run run =
        python(
            Path.of("sdk", "python"),
            60,
            "-m",
            "unittest",
            "discover",
            "-v",
            "-s",
            "tests",
            "-t",
            ".");
    assertEquals(0, run.exit(), run.output());
    assertTrue(
        run.output().contains("test_stream_starts_with_a_snapshot_sees_our_order_and_resumes")
            && !run.output().contains("skipped"),
        "the live tests ran:\n" + run.output());
  }

  @ParameterizedTest(name = "{0} places orders and ends cleanly")
  @CsvSource({
    "sma_crossover.py, sma-",
    "mean_reversion.py, meanrev-",
    "market_maker.py, mm-",
    "momentum.py, mom-",
    "random_baseline.py, rnd-"
  })
  void bot(String script, String clientOrderPrefix) throws Exception {
    Run run =
        python(
            Path.of("examples"),
            BOT_SECONDS + 30,
            script,
            "--seconds",
            String.valueOf(BOT_SECONDS),
            "--symbol",
            SYMBOL);
    assertEquals(0, run.exit(), script + " exited with\n" + run.output());
    List<JsonObject> mine = new ArrayList<>();
    trader
        .get("/api/market/orders?limit=200&symbol=" + SYMBOL)
        .expect(200)
        .json()
        .getJsonArray("items")
        .forEach(
            o -> {
              String id = ((JsonObject) o).getString("clientOrderId");
              if (id != null && id.startsWith(clientOrderPrefix)) {
                mine.add((JsonObject) o);
              }
            });
    assertTrue(
        !mine.isEmpty(),
        script
            + " placed no order:\n"
            + run.output()
            + "\nbook: "
            + trader.get("/api/market/instruments/" + SYMBOL + "/book").body());
    assertTrue(
        mine.stream().noneMatch(o -> List.of("active", "partial").contains(o.getString("status"))),
        script + " left orders open: " + mine);
  }

  private record Run(int exit, String output) {}

  private static Run python(Path dir, int timeoutSeconds, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(List.of(args));
    if (dir.endsWith("examples")) {
      command.addAll(List.of("--url", base, "--api-key", apiKey));
    }
    Path log = Files.createTempFile("python-sdk", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("SHOWFLOOR_URL", base);
    builder.environment().put("SHOWFLOOR_API_KEY", apiKey);
    builder.environment().put("SHOWFLOOR_SYMBOL", SYMBOL);
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process process = builder.start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Run(-1, "timed out after " + timeoutSeconds + " s\n" + read(log));
      }
      return new Run(process.exitValue(), read(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
