package io.showfloor.platform.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A background job runs one pass at a time, and a hung pass does not end it")
class OnePassTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** Runs on an event loop, as the jobs do. */
  private void runOnLoop(OnePass job) {
    vertx.runOnContext(v -> job.run());
  }

  @Test
  @DisplayName("calls during a pass make exactly one more pass after it")
  void callsDuringAPassMakeOneMore() throws Exception {
    AtomicInteger passes = new AtomicInteger();
    Promise<Boolean>[] current = new Promise[1];
    OnePass job =
        new OnePass(
            "test",
            10_000,
            () -> {
              passes.incrementAndGet();
              current[0] = Promise.promise();
              return current[0].future();
            });
    runOnLoop(job);
    Eventually.until(() -> passes.get() == 1, "the first pass starts");
    runOnLoop(job);
    runOnLoop(job);
    Thread.sleep(50);
    assertEquals(1, passes.get(), "no second pass while the first runs");
    vertx.runOnContext(v -> current[0].complete(false));
    Eventually.until(() -> passes.get() == 2, "one more pass for the calls made meanwhile");
    vertx.runOnContext(v -> current[0].complete(false));
    Thread.sleep(50);
    assertEquals(2, passes.get());
  }

  @Test
  @DisplayName("a pass that says more is waiting is followed at once by the next")
  void morePendingRunsAgain() {
    AtomicInteger passes = new AtomicInteger();
    OnePass job =
        new OnePass("test", 10_000, () -> Future.succeededFuture(passes.incrementAndGet() < 3));
    runOnLoop(job);
    Eventually.until(() -> passes.get() == 3, "three passes, the last saying nothing more");
  }

  @Test
  @DisplayName("a pass that never completes stops holding the job back after its limit")
  void hungPassTimesOut() {
    AtomicInteger passes = new AtomicInteger();
    OnePass job =
        new OnePass(
            "test",
            100,
            () -> {
              passes.incrementAndGet();
              return Promise.<Boolean>promise().future();
            });
    runOnLoop(job);
    Eventually.until(() -> passes.get() == 1, "the first pass starts and hangs");
    runOnLoop(job);
    Eventually.until(() -> passes.get() == 2, "after the limit a pass runs again");
  }
}
