package io.showfloor.testing.cluster;

import io.showfloor.testing.Api;
import io.showfloor.testing.TestSocket;
import io.vertx.core.json.JsonObject;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node of the cluster as its own JVM ({@code io.showfloor.Main} from the test classpath), on
 * the shared PostgreSQL and Redis, with its own HTTP port and Hazelcast port, optionally inside the
 * cluster's network namespace. Signals go to the JVM only: SIGKILL (a crash), SIGSTOP/SIGCONT (a
 * freeze: a long GC pause, a VM stolen by its host).
 */
public final class ClusterNode {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String name;
  private final String address;
  private final int httpPort;
  private final Path configFile;
  private final Path log;
  private final List<String> prefix;
  private Process process;

  ClusterNode(
      String name, String address, int httpPort, Path configFile, Path log, List<String> prefix) {
    this.name = name;
    this.address = address;
    this.httpPort = httpPort;
    this.configFile = configFile;
    this.log = log;
    this.prefix = prefix;
  }

  public String name() {
    return name;
  }

  public String address() {
    return address;
  }

  public int httpPort() {
    return httpPort;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public Api api() {
    return new Api("http://" + address + ":" + httpPort);
  }

  public TestSocket socket() {
    return TestSocket.open(address, httpPort);
  }

  /** Starts the JVM (output appended to its log) without waiting for it. */
  public ClusterNode launch() {
    List<String> command = new ArrayList<>(prefix);
    command.add(javaBinary());
    // the scenarios run seconds per node: the C1 compiler alone spares the shared CPU (benchmarks
    // set -Dcluster.jvm.full=true)
    if (!Boolean.getBoolean("cluster.jvm.full")) {
      command.add("-XX:TieredStopAtLevel=1");
    }
    command.addAll(
        List.of(
            "-Xmx512m",
            "-XX:-DontCompileHugeMethods",
            "-Dhazelcast.logging.type=slf4j",
            "-cp",
            classpath(),
            "io.showfloor.Main",
            "--config",
            configFile.toString()));
    try {
      Files.writeString(
          log,
          "---- launch " + java.time.Instant.now() + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
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
            name + " exited with " + process.exitValue() + " before it was ready:\n" + logTail());
      }
      if (ready()) {
        return Duration.ofNanos(System.nanoTime() - since);
      }
      sleep(100);
    }
    throw new AssertionError(name + " was not ready within " + timeout + ":\n" + logTail());
  }

  /** Whether the node answers 200 on /health/ready within a second. */
  public boolean ready() {
    try {
      HttpResponse<Void> ready =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://" + address + ":" + httpPort + "/health/ready"))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return ready.statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** SIGKILL: the JVM dies at once, its sockets closed by the kernel. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGSTOP: every thread stops where it is; sockets stay open and nothing answers. */
  public void freeze() {
    signal("STOP");
  }

  /** SIGCONT: carries on as if no time had passed. */
  public void thaw() {
    signal("CONT");
  }

  /** SIGTERM and wait (graceful stop). */
  public void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    signal("CONT");
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void signal(String signal) {
    String failure =
        ClusterNetwork.run(List.of("kill", "-" + signal, Long.toString(process.pid())));
    if (failure != null) {
      throw new AssertionError("kill -" + signal + " " + process.pid() + ": " + failure);
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
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** A settings object for a node of this cluster: where it listens and whom it clusters with. */
  static JsonObject settings(
      Path dataDir, String address, int httpPort, int clusterPort, String members) {
    return new JsonObject()
        .put("dataDir", dataDir.toString())
        .put(
            "http",
            new JsonObject()
                .put("port", httpPort)
                .put("host", address)
                .put("instances", 1)
                .put("trustProxy", true))
        .put(
            "cluster",
            new JsonObject()
                .put("enabled", true)
                .put("host", address)
                .put("port", clusterPort)
                .put("members", members));
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

  @Override
  public String toString() {
    return name + "@" + address + ":" + httpPort;
  }
}
