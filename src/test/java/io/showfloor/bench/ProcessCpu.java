package io.showfloor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM, by the embedded PostgreSQL (postmaster and backends) and by the
 * embedded Redis, read from /proc (Linux only). On a machine shared with other builds, throughput
 * says little; CPU per command says what two quiet cores could do.
 */
final class ProcessCpu {
  private static final double TICKS_PER_SECOND = 100.0;
  private final List<Long> postgres;
  private final long redis;

  private ProcessCpu(List<Long> postgres, long redis) {
    this.postgres = postgres;
    this.redis = redis;
  }

  /** Finds the node's servers: PostgreSQL by its data directory, Redis by its port. */
  static ProcessCpu find(String postgresDataDir, int redisPort) {
    List<Long> postmasters = new ArrayList<>();
    long redisPid = -1;
    for (long pid : pids()) {
      String cmdline = cmdline(pid);
      if (cmdline.contains(postgresDataDir) && cmdline.contains("postgres")) {
        postmasters.add(pid);
      }
      if (cmdline.contains("redis-server") && cmdline.contains(String.valueOf(redisPort))) {
        redisPid = pid;
      }
    }
    return new ProcessCpu(postmasters, redisPid);
  }

  /** Seconds of CPU so far: {jvm, postgres (with every backend), redis}. */
  double[] seconds() {
    double jvm =
        ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    double pg = 0;
    for (long pid : pids()) {
      long parent = parent(pid);
      if (postgres.contains(pid) || postgres.contains(parent)) {
        pg += ticks(pid) / TICKS_PER_SECOND;
      }
    }
    return new double[] {jvm, pg, redis > 0 ? ticks(redis) / TICKS_PER_SECOND : 0, compilerAndGc()};
  }

  /**
   * Seconds of this JVM's CPU spent by its JIT compiler and garbage collector threads: a JIT still
   * compiling shows up here, not as the server's cost per operation.
   */
  private static double compilerAndGc() {
    long ticks = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (name.startsWith("C1 Compi")
              || name.startsWith("C2 Compi")
              || name.startsWith("GC Thread")
              || name.startsWith("G1 ")) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended while we read
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** One line: CPU per operation in each process between two {@link #seconds()} readings. */
  static String perOperation(double[] start, double[] end, long operations, String unit) {
    double jvm = end[0] - start[0];
    double pg = end[1] - start[1];
    double redis = end[2] - start[2];
    double runtime = end[3] - start[3];
    return String.format(
        "CPU per %s: JVM %.3f ms (server and load generator; of it JIT compiler and GC %.3f ms), "
            + "PostgreSQL %.3f ms, Redis %.3f ms; total %.3f ms, so two idle cores would answer at most %.0f %ss/s",
        unit,
        jvm * 1000 / operations,
        runtime * 1000 / operations,
        pg * 1000 / operations,
        redis * 1000 / operations,
        (jvm + pg + redis) * 1000 / operations,
        2 * operations / (jvm + pg + redis),
        unit);
  }

  private static List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.chars().allMatch(Character::isDigit))
          .forEach(n -> pids.add(Long.parseLong(n)));
    } catch (IOException e) {
      // not Linux: no numbers
    }
    return pids;
  }

  private static String cmdline(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")))
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  private static String[] stat(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // the command name may hold spaces: fields start after its closing parenthesis
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long parent(long pid) {
    String[] fields = stat(pid);
    return fields == null ? -1 : Long.parseLong(fields[1]);
  }

  private static long ticks(long pid) {
    String[] fields = stat(pid);
    return fields == null ? 0 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
