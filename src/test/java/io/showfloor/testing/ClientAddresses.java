package io.showfloor.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Made-up client addresses (10.x.y.z), a new one per call, for tests that meet per-address rate
 * limits.
 */
public final class ClientAddresses {
  private static final AtomicInteger NEXT = new AtomicInteger(1);

  private ClientAddresses() {}

  public static String next() {
    int n = NEXT.getAndIncrement();
    return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
  }
}
