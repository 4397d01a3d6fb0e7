package io.showfloor.testing.cluster;

import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.DatabaseUrl;
import io.showfloor.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.embedded.core.ExecutableProvider;

/**
 * The one PostgreSQL and the one Redis every node of the cluster shares, each a real server process
 * (the binaries the node embeds), durable PostgreSQL as in production. They listen on loopback and,
 * when the cluster has a network namespace, on the host end of its link too.
 */
public final class ClusterInfrastructure implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final Process redis;
  private final String host;
  private final Path postgresDataDir;
  private final int postgresPort;
  private final int redisPort;
  private final Vertx vertx = Vertx.vertx();
  private final Database db;

  private ClusterInfrastructure(
      EmbeddedPostgres postgres,
      Process redis,
      String host,
      Path postgresDataDir,
      int postgresPort,
      int redisPort) {
    this.postgres = postgres;
    this.postgresDataDir = postgresDataDir;
    this.redis = redis;
    this.host = host;
    this.postgresPort = postgresPort;
    this.redisPort = redisPort;
    this.db =
        new Database(
            vertx,
            DatabaseUrl.parse(
                "postgresql://postgres:postgres@127.0.0.1:" + postgresPort + "/postgres"),
            4);
  }

  /**
   * Starts both under {@code root}; {@code host} is the address nodes reach them at (loopback or
   * the link's host end).
   */
  static ClusterInfrastructure start(Path root, String host) {
    int postgresPort = TestNode.freePort();
    int redisPort = TestNode.freePort();
    List<String> addresses =
        host.equals("127.0.0.1") ? List.of("127.0.0.1") : List.of("127.0.0.1", host);
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(root);
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(root.resolve("postgres"))
              .setCleanDataDirectory(true)
              .setPort(postgresPort)
              .setRegisterShutdownHook(true)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "300")
              .setServerConfig("unix_socket_directories", "")
              .setServerConfig("listen_addresses", String.join(",", addresses))
              .start();
      if (!host.equals("127.0.0.1")) {
        // initdb trusts loopback only; the isolated node connects from the link's other end
        Files.writeString(
            root.resolve("postgres").resolve("pg_hba.conf"),
            "host all all 10.201.0.0/24 trust\n",
            StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process redis;
    try {
      Path redisDir = root.resolve("redis");
      Files.createDirectories(redisDir);
      Path binary =
          ExecutableProvider.newJarResourceProvider(redisDir.toFile())
              .get()
              .toPath()
              .toAbsolutePath();
      List<String> command =
          new ArrayList<>(
              List.of(binary.toString(), "--port", Integer.toString(redisPort), "--bind"));
      command.addAll(addresses);
      command.addAll(
          List.of(
              "--protected-mode",
              "no",
              "--save",
              "",
              "--appendonly",
              "no",
              "--dir",
              redisDir.toString()));
      redis =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(redisDir.resolve("redis.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ClusterInfrastructure started =
        new ClusterInfrastructure(
            postgres, redis, host, root.resolve("postgres"), postgresPort, redisPort);
    started.db.query("SELECT pg_reload_conf()", Tuple.tuple()).await();
    awaitPort(redisPort);
    return started;
  }

  public String databaseUrl() {
    return "postgresql://postgres:postgres@" + host + ":" + postgresPort + "/postgres";
  }

  public String redisUrl() {
    return "redis://" + host + ":" + redisPort;
  }

  /** The shared database, straight (fixtures and checks of what is on disk). */
  public Database db() {
    return db;
  }

  /**
   * Redis, the postmaster (found by its data folder: pg_ctl detaches it from us) and every backend.
   */
  public List<ProcessHandle> processes() {
    List<ProcessHandle> all = new ArrayList<>(List.of(redis.toHandle()));
    String dataDir = postgresDataDir.toString();
    ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info().command().orElse("").endsWith("/postgres")
                    && String.join(" ", p.info().arguments().orElse(new String[0]))
                        .contains(dataDir))
        .forEach(
            postmaster -> {
              all.add(postmaster);
              all.addAll(postmaster.descendants().toList());
            });
    return all;
  }

  private static void awaitPort(int port) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new AssertionError("Redis did not listen on " + port);
  }

  @Override
  public void close() {
    db.close();
    vertx.close();
    redis.destroyForcibly();
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
