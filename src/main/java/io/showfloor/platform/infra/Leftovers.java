package io.showfloor.platform.infra;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Stops a server process that an earlier run of this node started and left behind when it was
 * killed (kill -9 leaves the embedded PostgreSQL and Redis running as orphans, holding their
 * ports). Only a live process whose command line shows it is ours is stopped: first SIGTERM, then
 * SIGKILL for it and its children after a bounded wait, so a start never hangs on a leftover.
 */
public final class Leftovers {
  private final Duration patience;

  public Leftovers(Duration patience) {
    this.patience = patience;
  }

  /**
   * Stops process {@code pid} if it is alive and {@code ours} accepts it; a dead pid, or one that
   * now belongs to another program, is left alone. Answers "{what} (pid N)" when it stopped
   * something.
   */
  public Optional<String> reclaim(String what, long pid, Predicate<RunningProcess> ours) {
    Optional<RunningProcess> process = RunningProcess.of(pid);
    if (process.isEmpty() || !ours.test(process.get())) {
      return Optional.empty();
    }
    stop(pid);
    return Optional.of(what + " (pid " + pid + ")");
  }

  private void stop(long pid) {
    ProcessHandle process = ProcessHandle.of(pid).orElse(null);
    if (process == null) {
      return;
    }
    // the children first noted: once the parent is gone they belong to init and we could not find
    // them
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (exits(process, patience)) {
      return;
    }
    process.destroyForcibly();
    // PostgreSQL's backends keep its shared memory in use; a new postmaster refuses to start until
    // they are gone
    children.forEach(ProcessHandle::destroyForcibly);
    exits(process, Duration.ofSeconds(2));
    children.forEach(child -> exits(child, Duration.ofSeconds(1)));
  }

  /**
   * Polls rather than waiting on onExit: a killed orphan belongs to init, and where init does not
   * reap (a container's pid 1) it stays a zombie that counts as alive. A zombie has no command
   * line.
   */
  private static boolean exits(ProcessHandle process, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (process.isAlive() && RunningProcess.of(process.pid()).isPresent()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
