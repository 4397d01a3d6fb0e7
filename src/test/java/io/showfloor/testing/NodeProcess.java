package io.showfloor.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.DatabaseUrl;
import io.showfloor.platform.infra.PidFile;
import io.showfloor.platform.security.AccessTokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real node in its own operating-system process ({@code java -cp <test classpath>
 * io.showfloor.Main}), on its own data folder and free ports, so a test can kill it with SIGKILL
 * together with its embedded PostgreSQL and Redis, and start it again on the same folder. Its
 * output goes to {@code node.log} next to the data folder.
 */
public final class NodeProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final AtomicLong USERS = new AtomicLong(System.nanoTime() % 1_000_000);
  private final Path dataDir;
  private final Path configFile;
  private final Path log;
  private final int httpPort;
  private final int databasePort;
  private Process process;
  private Vertx vertx;
  private Database db;

  private NodeProcess(Path dataDir, Path configFile, Path log, int httpPort, int databasePort) {
    this.dataDir = dataDir;
    this.configFile = configFile;
    this.log = log;
    this.httpPort = httpPort;
    this.databasePort = databasePort;
  }

  /**
   * A node on a fresh folder {@code target/test-data/<name>}, not yet started; {@code settings} are
   * merged over the defaults.
   */
  public static NodeProcess fresh(String name, JsonObject settings) {
    Path root = Path.of("target", "test-data", name).toAbsolutePath();
    TestNode.deleteRecursively(root);
    Path dataDir = root.resolve("data");
    int httpPort = TestNode.freePort();
    int databasePort = TestNode.freePort();
    JsonObject config =
        new JsonObject()
            .put("dataDir", dataDir.toString())
            .put(
                "http",
                new JsonObject()
                    .put("port", httpPort)
                    .put("host", "127.0.0.1")
                    .put("instances", 2)
                    .put("trustProxy", true))
            .put(
                "database",
                new JsonObject().put("embedded", new JsonObject().put("port", databasePort)))
            .put(
                "redis",
                new JsonObject().put("embedded", new JsonObject().put("port", TestNode.freePort())))
            .mergeIn(settings, true);
    try {
      Files.createDirectories(root);
      Path configFile = root.resolve("node.json");
      Files.writeString(configFile, config.encodePrettily());
      return new NodeProcess(dataDir, configFile, root.resolve("node.log"), httpPort, databasePort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path configFile() {
    return configFile;
  }

  public int databasePort() {
    return databasePort;
  }

  public Api api() {
    return new Api("http://127.0.0.1:" + httpPort);
  }

  /** Starts the node process (output appended to node.log) without waiting for it. */
  public NodeProcess launch(String... extraArgs) {
    List<String> command =
        new ArrayList<>(
            List.of(
                javaBinary(),
                "-Xmx768m",
                "-XX:-DontCompileHugeMethods",
                "-cp",
                classpath(),
                "io.showfloor.Main",
                "--config",
                configFile.toString()));
    command.addAll(Arrays.asList(extraArgs));
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits for {@code /health/ready}; answers how long that took since {@code since}
   * (System.nanoTime).
   */
  public Duration awaitReady(long since, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "the node exited with " + process.exitValue() + " before it was ready:\n" + logTail());
      }
      try {
        HttpResponse<Void> ready =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - since);
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      sleep(100);
    }
    throw new AssertionError("the node was not ready within " + timeout + ":\n" + logTail());
  }

  /**
   * The pids of the node's JVM and of the embedded PostgreSQL (with its backends) and Redis, from
   * the pid files.
   */
  public List<ProcessHandle> processes() {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(process.toHandle());
    for (String name : List.of("postgres.pid", "redis.pid")) {
      new PidFile(dataDir.resolve("run").resolve(name))
          .read()
          .ifPresent(
              pid ->
                  ProcessHandle.of(pid)
                      .ifPresent(
                          p -> {
                            all.add(p);
                            all.addAll(p.descendants().toList());
                          }));
    }
    return all;
  }

  /**
   * SIGKILL to the JVM, PostgreSQL (and its backends) and Redis at once, as a machine that loses
   * power would.
   */
  public void killEverything() {
    List<ProcessHandle> all = processes();
    assertTrue(all.size() >= 3, "the JVM, PostgreSQL and Redis are running: " + all);
    closeDatabase();
    all.forEach(ProcessHandle::destroyForcibly);
    all.forEach(p -> waitFor(p, Duration.ofSeconds(10)));
  }

  /**
   * SIGKILL to the JVM alone: PostgreSQL and Redis live on as orphans, as after kill -9 of the
   * node.
   */
  public void killJvm() {
    closeDatabase();
    process.destroyForcibly();
    waitFor(process.toHandle(), Duration.ofSeconds(10));
  }

  /** SIGTERM and wait for the exit code. */
  public int stop(Duration timeout) {
    closeDatabase();
    process.destroy();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the node did not stop within " + timeout + ":\n" + logTail());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits for the process to end by itself (a start-up that fails) and answers its exit code. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the node kept running:\n" + logTail());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String logTail() {
    List<String> lines = log().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  /**
   * The node's own database, straight (for fixtures and for checking what is on disk after a
   * crash).
   */
  public synchronized Database db() {
    if (db == null) {
      vertx = Vertx.vertx();
      db =
          new Database(
              vertx,
              DatabaseUrl.parse(
                  "postgresql://postgres:postgres@127.0.0.1:" + databasePort + "/postgres"),
              4);
    }
    return db;
  }

  /**
   * A verified user made in the node's database, with a token signed with the node's own secret (as
   * {@link Users} does for the shared node).
   */
  public Users.TestUser user(String... roles) {
    Set<String> all = new TreeSet<>(Arrays.asList(roles));
    all.add("viewer");
    long n = USERS.incrementAndGet();
    String email = "crash" + n + "@example.test";
    String name = "Crash " + n;
    long id =
        db().one(
                "INSERT INTO users (email, display_name, password_hash, roles, email_verified_at) "
                    + "VALUES ($1, $2, 'fixture-no-login', $3, now()) RETURNING id",
                Tuple.of(email, name, all.toArray(new String[0])))
            .await()
            .getLong("id");
    String secret;
    try {
      secret = Files.readString(dataDir.resolve("jwt-secret")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // a new user is at credentials version 0
    String token = new AccessTokens(vertx, secret, 3600).issue(id, 0, name, all, true);
    return new Users.TestUser(id, email, name, token, api().as(token));
  }

  private synchronized void closeDatabase() {
    if (db != null) {
      db.close();
      vertx.close();
      db = null;
      vertx = null;
    }
  }

  @Override
  public void close() {
    closeDatabase();
    if (process != null && process.isAlive()) {
      processes().forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static void waitFor(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      assertTrue(!process.isAlive(), "process " + process.pid() + " is still alive");
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Surefire runs tests from a manifest-only jar; the real classpath is in
   * surefire.test.class.path.
   */
  private static String classpath() {
    String classpath = System.getProperty("surefire.test.class.path");
    return classpath == null || classpath.isBlank()
        ? System.getProperty("java.class.path")
        : classpath;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
