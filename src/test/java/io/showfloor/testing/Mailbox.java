package io.showfloor.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;

/**
 * Reads the test node's local mailbox (GET /api/dev/mailbox); mail is delivered by a worker, so it
 * polls.
 */
public final class Mailbox {
  private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

  private Mailbox() {}

  /** Every mail stored for the address, newest first. */
  public static List<JsonObject> mailsTo(String address) {
    JsonArray mails =
        TestNode.api()
            .get(
                "/api/dev/mailbox?to="
                    + java.net.URLEncoder.encode(address, java.nio.charset.StandardCharsets.UTF_8))
            .expect(200)
            .array();
    List<JsonObject> list = new ArrayList<>();
    mails.forEach(m -> list.add((JsonObject) m));
    return list;
  }

  /**
   * Waits (up to 10 s) for the newest mail to the address whose subject contains {@code
   * subjectPart}.
   */
  public static JsonObject await(String address, String subjectPart) {
    return await(
        address,
        m -> m.getString("subject").contains(subjectPart),
        "a mail about '" + subjectPart + "'");
  }

  /**
   * Waits until {@code count} mails matching the subject have arrived; answers them, newest first.
   */
  public static List<JsonObject> awaitCount(String address, String subjectPart, int count) {
    long deadline = System.currentTimeMillis() + 10_000;
    List<JsonObject> found;
    do {
      found =
          mailsTo(address).stream()
              .filter(m -> m.getString("subject").contains(subjectPart))
              .toList();
      if (found.size() >= count) {
        return found;
      }
      pause();
    } while (System.currentTimeMillis() < deadline);
    return Assertions.fail(
        "Expected "
            + count
            + " mails about '"
            + subjectPart
            + "' to "
            + address
            + ", got "
            + found.size());
  }

  public static JsonObject await(String address, Predicate<JsonObject> wanted, String what) {
    long deadline = System.currentTimeMillis() + 10_000;
    do {
      for (JsonObject mail : mailsTo(address)) {
        if (wanted.test(mail)) {
          return mail;
        }
      }
      pause();
    } while (System.currentTimeMillis() < deadline);
    return Assertions.fail("No " + what + " arrived for " + address + " within 10 s");
  }

  /** The token in a mail's link ({@code ...?token=...}). */
  public static String token(JsonObject mail) {
    Matcher m = TOKEN.matcher(mail.getString("text"));
    Assertions.assertTrue(m.find(), "No token link in: " + mail.getString("text"));
    return m.group(1);
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
