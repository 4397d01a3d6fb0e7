package io.showfloor.notify;

import io.showfloor.platform.infra.OnePass;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Runs {@link MailDelivery} on a timer and when a local commit nudges it. One run at a time per
 * node; several nodes run side by side safely (claims skip rows another node holds).
 */
public final class MailDeliveryVerticle extends VerticleBase {
  private final OnePass runs;
  private final long pollMillis;
  private final long nudgeMillis;
  private boolean nudged;

  /**
   * {@code nudgeMillis}: how long a nudge waits for more commits to nudge too, so that under load
   * one run delivers many mails (one claim and one "sent" statement for all of them).
   */
  public MailDeliveryVerticle(MailDelivery delivery, long pollMillis, long nudgeMillis) {
    this.pollMillis = Math.max(10, pollMillis);
    this.nudgeMillis = Math.max(1, nudgeMillis);
    // a full batch means more mail is waiting: deliver the next batch at once
    this.runs =
        new OnePass(
            "Mail delivery",
            120_000,
            () -> delivery.deliverDue().map(sent -> sent >= delivery.batchSize()));
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(pollMillis, id -> runs.run());
    return vertx
        .eventBus()
        .localConsumer(MailOutbox.NUDGE_ADDRESS, message -> nudge())
        .completion();
  }

  private void nudge() {
    if (!nudged) {
      nudged = true;
      vertx.setTimer(
          nudgeMillis,
          id -> {
            nudged = false;
            runs.run();
          });
    }
  }
}
