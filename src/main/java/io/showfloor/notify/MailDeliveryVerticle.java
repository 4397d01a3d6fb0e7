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
  private boolean running;
  private boolean again;

  public MailDeliveryVerticle(MailDelivery delivery, long pollMillis) {
    this.delivery = delivery;
    this.pollMillis = Math.max(10, pollMillis);
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(pollMillis, id -> run());
    return vertx.eventBus().localConsumer(MailOutbox.NUDGE_ADDRESS, message -> run()).completion();
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
