package io.showfloor.platform.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * The Redis server bundled with embedded-redis, run as our own child process. We launch it
 * ourselves rather than through the library's RedisServer: that one registers a shutdown hook which
 * kills Redis while a graceful stop still drains requests, keeps its binary and config in fresh
 * temp folders that a crash leaves behind, and does not tell the pid we need for the pid file.
 * Redis keeps nothing here that cannot be rebuilt from PostgreSQL, so it runs without persistence.
 */
final class EmbeddedRedis implements AutoCloseable {
  private static final long READY_TIMEOUT_MILLIS = 10_000;
  private final Process process;
  private final PidFile pidFile;

  private EmbeddedRedis(Process process, PidFile pidFile) {
    this.process = process;
    this.pidFile = pidFile;
  }

  /**
   * The binary unpacked into {@code dir}: its path is how a leftover Redis of this data folder is
   * recognised.
   */
  static Path binary(Path dir) {
    try {
      Files.createDirectories(dir);
      return ExecutableProvider.newJarResourceProvider(dir.toFile())
          .get()
          .toPath()
          .toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack the embedded Redis into " + dir, e);
    }
  }

  /**
   * A Redis whose title (Redis rewrites its command line to "binary address:port") starts with our
   * binary.
   */
  static boolean isOurs(RunningProcess process, Path binaryPath) {
    return process.text().startsWith(binaryPath.toString() + " ");
  }

  static EmbeddedRedis start(Path dir, Path binaryPath, int port, PidFile pidFile) {
    File log = dir.resolve("redis.log").toFile();
    List<String> command =
        List.of(
            binaryPath.toString(),
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            dir.toString());
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("Embedded Redis did not start: " + e.getMessage(), e);
    }
    pidFile.write(process.pid());
    EmbeddedRedis redis = new EmbeddedRedis(process, pidFile);
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
    while (!answersPing(port)) {
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        redis.close();
        throw new IllegalStateException(
            "Embedded Redis did not start on port " + port + "; see " + log);
      }
      sleep(20);
    }
    return redis;
  }

  long pid() {
    return process.pid();
  }

  private static boolean answersPing(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = new byte[5];
      int read = in.readNBytes(answer, 0, 5);
      return read == 5 && "+PONG".equals(new String(answer, StandardCharsets.US_ASCII));
    } catch (IOException notYet) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while Redis started", e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pidFile.delete();
  }
}
