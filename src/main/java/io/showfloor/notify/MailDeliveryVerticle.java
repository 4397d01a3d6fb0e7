package io.showfloor.notify;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link MailDelivery} on a timer and when a local commit nudges it. One run at a time per
 * node; several nodes run side by side safely (claims skip rows another node holds).
 */
public final class MailDeliveryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MailDeliveryVerticle.class);
  private final MailDelivery delivery;
  private final long pollMillis;
  private final long nudgeMillis;
  private boolean running;
  private boolean again;
  private boolean nudged;

  /**
   * {@code nudgeMillis}: how long a nudge waits for more commits to nudge too, so that under load
   * one run delivers many mails (one claim and one "sent" statement for all of them).
   */
  public MailDeliveryVerticle(MailDelivery delivery, long pollMillis, long nudgeMillis) {
    this.delivery = delivery;
    this.pollMillis = Math.max(10, pollMillis);
    this.nudgeMillis = Math.max(1, nudgeMillis);
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(pollMillis, id -> run());
    return vertx.eventBus().localConsumer(MailOutbox.NUDGE_ADDRESS, message -> nudge()).completion();
  }

  private void nudge() {
    if (!nudged) {
      nudged = true;
      vertx.setTimer(nudgeMillis, id -> {
        nudged = false;
        run();
      });
    }
  }

  private void run() {
    if (running) {
      again = true;  // a nudge during a run: look once more when it ends
      return;
    }
    running = true;
    again = false;
    delivery.deliverDue().onComplete(done -> {
      running = false;
      if (done.failed()) {
        LOG.warn("Mail delivery run failed: {}", done.cause().toString());
      } else if (again || done.result() >= delivery.batchSize()) {
        run();
      }
    });
  }
}
