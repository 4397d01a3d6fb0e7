package io.showfloor.platform.infra;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background job's passes (a timer's sweep, a nudge after a commit), one at a time on this node.
 * A call during a pass asks for one more pass when it ends, and a pass that answers {@code true}
 * (more is waiting) is followed at once by the next. A pass that has not finished within its limit
 * stops holding the others back: without that, one future that never completes (a lost connection,
 * a call that never answers) would end the job for good while the node looked healthy. The jobs
 * using this claim their rows with {@code SKIP LOCKED}, so a late pass overlapping the next is
 * safe.
 */
public final class OnePass {
  private static final Logger LOG = LoggerFactory.getLogger(OnePass.class);
  private final String name;
  private final long limitMillis;
  private final Supplier<Future<Boolean>> pass;
  private boolean running;
  private boolean again;

  public OnePass(String name, long limitMillis, Supplier<Future<Boolean>> pass) {
    this.name = name;
    this.limitMillis = limitMillis;
    this.pass = pass;
  }

  /** Runs a pass now, or one more after the pass that is running. Call on the job's own context. */
  public void run() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    Future<Boolean> started;
    try {
      started = pass.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    started
        .timeout(limitMillis, TimeUnit.MILLISECONDS)
        .onComplete(
            done -> {
              running = false;
              if (done.failed()) {
                LOG.warn(
                    "{}: a pass failed or took over {} ms; the next one retries: {}",
                    name,
                    limitMillis,
                    done.cause().toString());
              }
              if (again || (done.succeeded() && Boolean.TRUE.equals(done.result()))) {
                run();
              }
            });
  }
}
