package io.showfloor.realtime;

/**
 * Per-connection limit on client frames: a token bucket refilled at {@code perSecond} that holds
 * two seconds' worth, so a reconnecting client may resubscribe all its topics at once. Refused
 * frames get at most one error a second; a client refused more than two seconds' worth within one
 * second is flooding and is disconnected.
 */
final class InboundRate {
  private final double perMilli;
  private final double capacity;
  private final int disconnectAfter;
  private double tokens;
  private long lastRefill;
  private long refusalWindowStart = -1_000;
  private int refusedInWindow;
  private long lastWarning = -1_000;

  InboundRate(int perSecond) {
    this.perMilli = perSecond / 1000.0;
    this.capacity = perSecond * 2.0;
    this.disconnectAfter = perSecond * 2;
    this.tokens = capacity;
  }

  enum Verdict {
    ALLOW,
    REFUSE_AND_WARN,
    REFUSE,
    DISCONNECT
  }

  Verdict check(long nowMillis) {
    if (lastRefill != 0) {
      tokens = Math.min(capacity, tokens + (nowMillis - lastRefill) * perMilli);
    }
    lastRefill = nowMillis;
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ALLOW;
    }
    if (nowMillis - refusalWindowStart >= 1000) {
      refusalWindowStart = nowMillis;
      refusedInWindow = 0;
    }
    refusedInWindow++;
    if (refusedInWindow > disconnectAfter) {
      return Verdict.DISCONNECT;
    }
    if (nowMillis - lastWarning >= 1000) {
      lastWarning = nowMillis;
      return Verdict.REFUSE_AND_WARN;
    }
    return Verdict.REFUSE;
  }
}
