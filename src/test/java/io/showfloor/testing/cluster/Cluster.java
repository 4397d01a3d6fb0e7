package io.showfloor.testing.cluster;

import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.DatabaseUrl;
import io.showfloor.platform.infra.Migrations;
import io.showfloor.platform.security.AccessTokens;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real cluster on this machine: one PostgreSQL and one Redis process, and {@code size} node JVMs
 * clustered with Hazelcast over TCP-IP. When the machine lets the test make a network namespace,
 * the last node runs inside it (reached over a veth pair) so it can be cut off and healed; the
 * others, PostgreSQL and Redis then listen on the pair's host end. Otherwise everything is on
 * loopback and {@link #network()} is null.
 *
 * <p>Close it at the end: nodes first (SIGTERM), then the servers, then the namespace.
 */
public final class Cluster implements AutoCloseable {
  private static final AtomicLong USERS = new AtomicLong(System.nanoTime() % 1_000_000);
  private final ClusterNetwork network;
  private final ClusterInfrastructure infrastructure;
  private final List<ClusterNode> nodes;
  private final String jwtSecret;
  private final Vertx vertx = Vertx.vertx();

  private Cluster(
      ClusterNetwork network,
      ClusterInfrastructure infrastructure,
      List<ClusterNode> nodes,
      String jwtSecret) {
    this.network = network;
    this.infrastructure = infrastructure;
    this.nodes = nodes;
    this.jwtSecret = jwtSecret;
  }

  /**
   * Starts the servers and {@code size} nodes under {@code target/test-data/<name>}; {@code
   * settings} are merged into every node's configuration. The schema is migrated first, then the
   * nodes start together. With a {@code network} ({@link ClusterNetwork#create()}), the last node
   * runs inside it; the cluster closes it at the end.
   */
  public static Cluster start(String name, int size, ClusterNetwork network, JsonObject settings) {
    Path root = Path.of("target", "test-data", name).toAbsolutePath();
    TestNode.deleteRecursively(root);
    String host = hostAddress(network);
    ClusterInfrastructure infrastructure = null;
    List<ClusterNode> nodes = new ArrayList<>();
    try {
      infrastructure = ClusterInfrastructure.start(root.resolve("servers"), host);
      String secret =
          "cluster-test-secret-" + Long.toHexString(System.nanoTime()) + "-0123456789abcdef";
      List<String> addresses = new ArrayList<>();
      List<Integer> clusterPorts = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        addresses.add(network != null && i == size - 1 ? ClusterNetwork.ISOLATED : host);
        clusterPorts.add(TestNode.freePort());
      }
      List<String> members = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        members.add(addresses.get(i) + ":" + clusterPorts.get(i));
      }
      for (int i = 0; i < size; i++) {
        String nodeName = String.valueOf((char) ('a' + i));
        Path nodeDir = root.resolve(nodeName);
        Files.createDirectories(nodeDir);
        int httpPort = TestNode.freePort();
        JsonObject config =
            ClusterNode.settings(
                    nodeDir.resolve("data"),
                    addresses.get(i),
                    httpPort,
                    clusterPorts.get(i),
                    String.join(",", members))
                .put(
                    "database",
                    new JsonObject().put("url", infrastructure.databaseUrl()).put("poolSize", 8))
                .put("redis", new JsonObject().put("url", infrastructure.redisUrl()))
                .put("jwt", new JsonObject().put("secret", secret))
                .put("admin", new JsonObject().put("email", "").put("password", ""))
                .mergeIn(settings.copy(), true);
        Path configFile = nodeDir.resolve("node.json");
        Files.writeString(configFile, config.encodePrettily());
        boolean isolated = network != null && i == size - 1;
        nodes.add(
            new ClusterNode(
                nodeName,
                addresses.get(i),
                httpPort,
                configFile,
                nodeDir.resolve("node.log"),
                isolated ? network.inside() : List.of()));
      }
      Cluster cluster = new Cluster(network, infrastructure, nodes, secret);
      long started = System.nanoTime();
      // the schema first, from here, so the nodes start together instead of one after the migrating
      // one
      Migrations.run(DatabaseUrl.parse(infrastructure.databaseUrl().replace(host, "127.0.0.1")));
      nodes.forEach(ClusterNode::launch);
      nodes.forEach(node -> node.awaitReady(started, Duration.ofSeconds(300)));
      cluster.awaitAllReady(size, Duration.ofSeconds(60));
      System.out.printf(
          "cluster %s: %d nodes ready in %d ms (%s)%n",
          name,
          size,
          (System.nanoTime() - started) / 1_000_000,
          network == null
              ? "all on loopback"
              : "node "
                  + nodes.get(size - 1).name()
                  + " in network namespace "
                  + ClusterNetwork.NAMESPACE);
      return cluster;
    } catch (Throwable e) {
      nodes.forEach(
          node -> {
            if (node.alive()) {
              System.err.println("---- " + node.name() + " log tail:\n" + node.logTail());
            }
            node.stop();
          });
      if (infrastructure != null) {
        infrastructure.close();
      }
      if (network != null) {
        network.close();
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e);
    }
  }

  /**
   * Where the servers and the nodes outside the namespace listen: the link's host end, or loopback
   * without one.
   */
  public static String hostAddress(ClusterNetwork network) {
    return network == null ? "127.0.0.1" : ClusterNetwork.HOST;
  }

  public ClusterNode node(int index) {
    return nodes.get(index);
  }

  public List<ClusterNode> nodes() {
    return nodes;
  }

  /** The namespace the last node runs in, or null where the machine allows none. */
  public ClusterNetwork network() {
    return network;
  }

  public Database db() {
    return infrastructure.db();
  }

  public ClusterInfrastructure infrastructure() {
    return infrastructure;
  }

  /**
   * Starts a node again after a kill and waits until it serves and every node sees the whole
   * cluster.
   */
  public Duration restart(ClusterNode node) {
    long started = System.nanoTime();
    node.launch();
    Duration ready = node.awaitReady(started, Duration.ofSeconds(240));
    awaitAllReady(nodes.size(), Duration.ofSeconds(60));
    return ready;
  }

  /** Waits until every node's market lease holder set is served: each node reports itself ready. */
  public void awaitAllReady(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (nodes.stream().filter(ClusterNode::ready).count() >= count) {
        return;
      }
      sleep(200);
    }
    throw new AssertionError("fewer than " + count + " nodes ready within " + timeout);
  }

  /** A verified user made in the shared database, with a token signed with the cluster's secret. */
  public Users.TestUser user(ClusterNode through, String... roles) {
    Set<String> all = new TreeSet<>(Arrays.asList(roles));
    all.add("viewer");
    long n = USERS.incrementAndGet();
    String email = "cluster" + n + "@example.test";
    String displayName = "Cluster " + n;
    long id =
        db().one(
                "INSERT INTO users (email, display_name, password_hash, roles, email_verified_at) "
                    + "VALUES ($1, $2, 'fixture-no-login', $3, now()) RETURNING id",
                Tuple.of(email, displayName, all.toArray(new String[0])))
            .await()
            .getLong("id");
    // a new user is at credentials version 0
    String token = new AccessTokens(vertx, jwtSecret, 3600).issue(id, 0, displayName, all, true);
    return new Users.TestUser(id, email, displayName, token, through.api().as(token));
  }

  /**
   * Runs the same work against several nodes at once (each in its own thread) and waits for all.
   */
  public static void inParallel(List<Runnable> work) {
    CompletableFuture.allOf(
            work.stream().map(CompletableFuture::runAsync).toArray(CompletableFuture[]::new))
        .join();
  }

  @Override
  public void close() {
    try {
      nodes.forEach(ClusterNode::stop);
    } finally {
      try {
        infrastructure.close();
        vertx.close();
      } finally {
        if (network != null) {
          network.close();
        }
      }
    }
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
