package io.showfloor.commerce.returns;

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
        settings.within("commerce.returnWindowDays", 30, 1, 365),
        settings.within("commerce.shipOverdueDays", 5, 1, 60),
        settings.within("commerce.returnResponseDays", 3, 1, 30),
        settings.within("commerce.returnEscalationSweepSeconds", 60, 1, 3600));
  }
}
