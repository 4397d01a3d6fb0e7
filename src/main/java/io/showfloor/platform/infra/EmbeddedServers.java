package io.showfloor.platform.infra;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL and Redis started as child processes when no DATABASE_URL / REDIS_URL is
 * configured. PostgreSQL keeps its data under {dataDir}/postgres and runs durable (an acknowledged
 * commit is on disk); Redis keeps nothing that cannot be rebuilt from PostgreSQL, so it runs
 * without persistence.
 *
 * <p>Both outlive a node killed with kill -9. Their pids are kept in {dataDir}/run/*.pid, and the
 * next start on the same folder stops what is still running there and is ours (checked by command
 * line) before it starts anew, so a node restarts after a crash without help.
 */
public final class EmbeddedServers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);

  /**
   * Durability on, whatever the library defaults to: zonky passes {@code -F}, which disables fsync,
   * and turns synchronous commits off. Our {@code -c fsync=on} comes after its {@code -F} on the
   * command line, and the later option wins (checked by DurableDatabaseTest with SHOW). No Unix
   * socket: we connect over TCP, and a socket lock file in /tmp naming a dead pid is one more thing
   * to trip on.
   */
  static final Map<String, String> POSTGRES_SETTINGS =
      Map.of(
          "fsync", "on",
          "synchronous_commit", "on",
          "full_page_writes", "on",
          "max_connections", "200",
          "unix_socket_directories", "");

  private @Nullable DataFolderLock lock;
  private @Nullable EmbeddedPostgres postgres;
  private @Nullable PidFile postgresPid;
  private @Nullable EmbeddedRedis redis;

  /**
   * Starts whatever is not configured and returns the settings with the resulting URLs filled in.
   */
  public Settings startMissing(Settings settings) {
    boolean needPostgres = !settings.has("database.url");
    boolean needRedis = !settings.has("redis.url");
    if (!needPostgres && !needRedis) {
      return settings;
    }
    Path dataDir = settings.dataDir().normalize();
    lock = DataFolderLock.take(dataDir);
    Path pgData = dataDir.resolve("postgres");
    Path redisDir = dataDir.resolve("redis");
    PidFile postgresPid = new PidFile(dataDir.resolve("run").resolve("postgres.pid"));
    this.postgresPid = postgresPid;
    PidFile redisPid = new PidFile(dataDir.resolve("run").resolve("redis.pid"));
    @Nullable Path redisBinary = needRedis ? EmbeddedRedis.binary(redisDir) : null;

    reclaimLeftovers(dataDir, pgData, postgresPid, redisBinary, redisPid);

    Settings result = settings;
    if (needPostgres) {
      int port = settings.port("database.embedded.port", 54329);
      FreePort.require(port, "PostgreSQL", "database.embedded.port");
      startPostgres(pgData, port, postgresPid);
      result =
          result.with(
              "database.url", "postgresql://postgres:postgres@127.0.0.1:" + port + "/postgres");
    }
    if (needRedis) {
      int port = settings.port("redis.embedded.port", 63799);
      FreePort.require(port, "Redis", "redis.embedded.port");
      EmbeddedRedis started =
          EmbeddedRedis.start(
              redisDir, java.util.Objects.requireNonNull(redisBinary), port, redisPid);
      redis = started;
      LOG.info("Embedded Redis on port {} (pid {})", port, started.pid());
      result = result.with("redis.url", "redis://127.0.0.1:" + port);
    }
    return result;
  }

  /**
   * One line for everything stopped, so an operator sees at once what the crash had left running.
   */
  private void reclaimLeftovers(
      Path dataDir,
      Path pgData,
      PidFile postgresPid,
      @Nullable Path redisBinary,
      PidFile redisPid) {
    long started = System.nanoTime();
    // a clean PostgreSQL exit writes a checkpoint, slow on a busy disk; SIGKILL is as safe (fsync
    // on: WAL replay at start)
    Leftovers leftovers = new Leftovers(Duration.ofSeconds(3));
    List<String> reclaimed = new ArrayList<>();
    // our pid file, and PostgreSQL's own (a data folder from before pid files, or a crash before we
    // wrote ours)
    Set<Long> postgresPids = new LinkedHashSet<>();
    postgresPid.read().ifPresent(postgresPids::add);
    new PidFile(pgData.resolve("postmaster.pid")).read().ifPresent(postgresPids::add);
    for (long pid : postgresPids) {
      leftovers
          .reclaim("PostgreSQL", pid, process -> isOurPostgres(process, pgData.toString()))
          .ifPresent(reclaimed::add);
    }
    postgresPid.delete();
    removeStalePostmasterPid(pgData);
    if (redisBinary != null) {
      Path binary = redisBinary;
      redisPid
          .read()
          .ifPresent(
              pid ->
                  leftovers
                      .reclaim("Redis", pid, process -> EmbeddedRedis.isOurs(process, binary))
                      .ifPresent(reclaimed::add));
      redisPid.delete();
    }
    if (!reclaimed.isEmpty()) {
      LOG.warn(
          "Reclaimed what a node that did not stop cleanly left running on {}: {} stopped in {} ms",
          dataDir,
          String.join(", ", reclaimed),
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  static boolean isOurPostgres(RunningProcess process, String pgData) {
    String program = process.arguments().get(0);
    return (program.endsWith("/postgres") || program.equals("postgres"))
        && process.hasOption("-D", pgData);
  }

  /**
   * PostgreSQL refuses to start while postmaster.pid names a live process, and after a crash that
   * pid may since belong to anything. Once our own leftover is stopped, a file naming no PostgreSQL
   * is stale. One naming a PostgreSQL we did not start is someone else's server on our folder:
   * never touch it.
   */
  private static void removeStalePostmasterPid(Path pgData) {
    PidFile postmaster = new PidFile(pgData.resolve("postmaster.pid"));
    if (!Files.exists(postmaster.path())) {
      return;
    }
    OptionalLong pid = postmaster.read();
    Optional<RunningProcess> process =
        pid.isPresent() ? RunningProcess.of(pid.getAsLong()) : Optional.empty();
    if (process.isPresent() && process.get().arguments().get(0).endsWith("postgres")) {
      throw new ConfigException(
          "A PostgreSQL this node did not start (pid "
              + pid.getAsLong()
              + ") runs on "
              + pgData
              + ". Stop it, or set dataDir (DATA_DIR) to another folder.");
    }
    postmaster.delete();
  }

  private void startPostgres(Path pgData, int port, PidFile postgresPid) {
    try {
      Files.createDirectories(pgData.getParent());
      long started = System.nanoTime();
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setPort(port)
              // we stop it ourselves, after the node has drained its requests; the library's hook
              // would stop it at once
              .setRegisterShutdownHook(false)
              // crash recovery after a kill -9 replays the WAL before the server answers
              .setPGStartupWait(Duration.ofSeconds(60));
      POSTGRES_SETTINGS.forEach(builder::setServerConfig);
      postgres = builder.start();
      new PidFile(pgData.resolve("postmaster.pid")).read().ifPresent(postgresPid::write);
      LOG.info(
          "Embedded PostgreSQL on port {} with data in {} ({} ms)",
          port,
          pgData,
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      if (redis != null) {
        redis.close();
      }
    } catch (RuntimeException e) {
      LOG.warn("Embedded Redis did not stop cleanly", e);
    }
    try {
      if (postgres != null) {
        postgres.close();
        if (postgresPid != null) {
          postgresPid.delete();
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
    }
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }
}
