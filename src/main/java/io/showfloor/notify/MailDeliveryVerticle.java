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

  public MailDeliveryVerticle(MailDelivery delivery, long pollMillis) {
    this.pollMillis = Math.max(10, pollMillis);
    // a full batch means more mail is waiting: deliver the next batch at once
    this.runs = new OnePass("Mail delivery", 120_000,
        () -> delivery.deliverDue().map(sent -> sent >= delivery.batchSize()));
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(pollMillis, id -> runs.run());
    return vertx.eventBus().localConsumer(MailOutbox.NUDGE_ADDRESS, message -> runs.run()).completion();
  }
}
