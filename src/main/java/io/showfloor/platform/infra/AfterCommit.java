package io.showfloor.platform.infra;

import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a commit — announcing events, pushing notifications, nudging the mail worker — must
 * never turn a committed change into an error answer: the change stands, so the client gets it.
 * A step that throws or fails here is logged and the committed value is answered anyway (clients
 * that miss an event see a sequence gap and resubscribe; mail and notifications are already stored).
 */
public final class AfterCommit {
  private static final Logger LOG = LoggerFactory.getLogger(AfterCommit.class);

  private AfterCommit() {}

  /** Runs each step; one that throws is logged and the next still runs. */
  public static void run(String what, List<? extends Runnable> steps) {
    for (Runnable step : steps) {
      run(what, step);
    }
  }

  public static void run(String what, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      LOG.error("A step after the commit of {} failed; the change stands and is answered", what, e);
    }
  }

  /** Waits for an asynchronous step, then answers {@code committed} whether the step succeeded or not. */
  public static <T> Future<T> then(String what, Future<?> step, T committed) {
    return step.transform(done -> {
      if (done.failed()) {
        LOG.error("A step after the commit of {} failed; the change stands and is answered", what, done.cause());
      }
      return Future.succeededFuture(committed);
    });
  }
}
