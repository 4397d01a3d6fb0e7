package io.showfloor.testing;

import java.util.function.BooleanSupplier;

/** Polls a condition with short sleeps instead of sleeping for a fixed, hopeful time. */
public final class Eventually {
  private Eventually() {}

  public static void until(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not true within 10 s: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
