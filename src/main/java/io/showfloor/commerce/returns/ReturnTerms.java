package io.showfloor.commerce.returns;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;

/**
 * The windows of buyer protection, read once: a request may be opened up to {@code
 * returnWindowDays} after delivery; before delivery only "not received", once the order shipped or
 * the seller let {@code shipOverdueDays} pass since payment without shipping; the seller has {@code
 * responseDays} to answer before the request goes to the moderators by itself (checked every {@code
 * sweepSeconds}).
 */
public record ReturnTerms(
    int returnWindowDays, int shipOverdueDays, int responseDays, int sweepSeconds) {
  public static ReturnTerms from(Settings settings) {
    return new ReturnTerms(
        within(settings, "commerce.returnWindowDays", 30, 1, 365),
        within(settings, "commerce.shipOverdueDays", 5, 1, 60),
        within(settings, "commerce.returnResponseDays", 3, 1, 30),
        within(settings, "commerce.returnEscalationSweepSeconds", 60, 1, 3600));
  }

  private static int within(Settings settings, String path, int fallback, int min, int max) {
    int value = settings.integer(path, fallback);
    if (value < min || value > max) {
      throw new ConfigException(
          "Setting " + path + " must be within " + min + ".." + max + ", got " + value);
    }
    return value;
  }
}
