package io.showfloor.platform.infra;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a commit — announcing events, pushing notifications, nudging the mail worker — must
 * never turn a committed change into an error answer: the change stands, so the client gets it. A
 * step that throws or fails here is logged and the committed value is answered anyway (clients that
 * miss an event see a sequence gap and resubscribe; mail and notifications are already stored).
 */
public final class PostCommit {
  private static final Logger LOG = LoggerFactory.getLogger(PostCommit.class);

  private PostCommit() {}

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

  /**
   * Starts an asynchronous announcement (an event, a push) without the answer waiting for it: a
   * step that throws, or whose future fails, is logged.
   */
  public static void announce(String what, Supplier<? extends Future<?>> step) {
    try {
      step.get()
          .onFailure(
              e -> LOG.warn("Could not announce {} after its commit; the change stands", what, e));
    } catch (RuntimeException e) {
      LOG.error("A step after the commit of {} failed; the change stands and is answered", what, e);
    }
  }

  /**
   * Runs an asynchronous step the answer waits for (so the client sees its effect), then answers
   * {@code committed} whether the step succeeded, failed or threw.
   */
  public static <T> Future<T> then(
      String what, Supplier<? extends Future<?>> step, @Nullable T committed) {
    Future<?> started;
    try {
      started = step.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    return started.transform(
        done -> {
          if (done.failed()) {
            LOG.error(
                "A step after the commit of {} failed; the change stands and is answered",
                what,
                done.cause());
          }
          return Future.succeededFuture(committed);
        });
  }
}
