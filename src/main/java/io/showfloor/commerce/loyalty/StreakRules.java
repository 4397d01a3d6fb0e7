package io.showfloor.commerce.loyalty;

/**
 * The live-show streak's arithmetic, with no I/O. A day qualifies when the user watched live shows
 * for {@code watchMinutes} distinct minutes or bought in a live show; the first qualifying day
 * after a day without one starts a streak of 1, each consecutive day adds 1. A day's bonus is
 * {@code basePoints + perDayPoints x (streak - 1)}, growing until {@code maxStreakDays} and flat
 * after.
 */
public final class StreakRules {
  private final long basePoints;
  private final long perDayPoints;
  private final int maxStreakDays;
  private final int watchMinutes;

  public StreakRules(long basePoints, long perDayPoints, int maxStreakDays, int watchMinutes) {
    if (basePoints < 0 || perDayPoints < 0 || maxStreakDays < 1 || watchMinutes < 1) {
      throw new IllegalArgumentException("streak settings out of range");
    }
    this.basePoints = basePoints;
    this.perDayPoints = perDayPoints;
    this.maxStreakDays = maxStreakDays;
    this.watchMinutes = watchMinutes;
  }

  /**
   * The streak a qualifying day reaches, given the streak of the day before (0 when it did not
   * qualify).
   */
  public int streakAfter(int yesterdayStreak) {
    return Math.max(0, yesterdayStreak) + 1;
  }

  /** Points for a qualifying day that makes a streak of {@code streak} days. */
  public long bonusFor(int streak) {
    if (streak < 1) {
      throw new IllegalArgumentException("a streak is at least one day: " + streak);
    }
    return basePoints + perDayPoints * (Math.min(streak, maxStreakDays) - 1);
  }

  public int watchMinutes() {
    return watchMinutes;
  }

  public int maxStreakDays() {
    return maxStreakDays;
  }
}
