package io.showfloor.insight;

import io.vertx.core.Future;

/** Whether a user is on the Pro plan, which gets more predictions a minute (subscriptions). */
@FunctionalInterface
public interface ProMembers {
  Future<Boolean> isPro(long userId);
}
