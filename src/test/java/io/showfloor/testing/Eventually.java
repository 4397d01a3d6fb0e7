package io.showfloor.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Polls a condition with short sleeps instead of sleeping for a fixed, hopeful time. Awaitility
 * does the polling; this keeps the one-line form (and the 10 s limit and its message) the tests
 * use.
 */
public final class Eventually {
  private Eventually() {}

  public static void until(BooleanSupplier condition, String what) {
    try {
      Awaitility.await(what)
          .atMost(Duration.ofSeconds(10))
          .pollInSameThread() // as before: the condition runs on the test's thread
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(20))
          .until(condition::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Not true within 10 s: " + what, e);
    }
  }
}
