package io.showfloor.platform;

/** Money as people read it, in every text the platform writes (mails, notifications). */
public final class Money {
  private Money() {}

  /** Cents as dollars for people: 123456 -> "$1,234.56". */
  public static String dollars(long cents) {
    // by hand: String.format was a visible share of a checkout's CPU (every receipt line), and
    // its grouping separator follows the default locale while receipts are in US format
    String whole = Long.toString(Math.abs(cents / 100));
    long fraction = Math.abs(cents % 100);
    StringBuilder text = new StringBuilder(whole.length() + 8);
    if (cents < 0) {
      text.append('-');
    }
    text.append('$');
    int head = whole.length() % 3 == 0 ? 3 : whole.length() % 3;
    text.append(whole, 0, head);
    for (int i = head; i < whole.length(); i += 3) {
      text.append(',').append(whole, i, i + 3);
    }
    return text.append('.').append(fraction < 10 ? "0" : "").append(fraction).toString();
  }
}
