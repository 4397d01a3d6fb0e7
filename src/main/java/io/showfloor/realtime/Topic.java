package io.showfloor.realtime;

import io.showfloor.platform.Refused;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.security.Caller;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A topic as the client names it ({@code lot:42}, {@code market:ACME}, {@code me}) and as services
 * publish it ({@code user:7} for the caller's {@code me}). Any kind is accepted here: whether it
 * exists is decided by whether a domain answers {@code snapshot.<kind>}.
 */
record Topic(String name, String kind, String id, String busTopic) {
  static final String ME = "me";
  static final int MAX_LENGTH = 90;
  private static final Pattern FORM =
      Pattern.compile("([a-z][a-z0-9_]{0,23}):([A-Za-z0-9_-]{1,64})");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");

  /** Fails with a Refused whose code the client sees in its error frame. */
  static Topic parse(@Nullable Object raw, Caller caller) {
    if (!(raw instanceof String name) || name.isEmpty() || name.length() > MAX_LENGTH) {
      throw Refused.invalid(
          "invalid_topic", "A topic is a string such as show:12, lot:42, market:ACME or me");
    }
    if (ME.equals(name)) {
      if (caller.isAnonymous()) {
        throw Refused.unauthenticated(
            "unauthorized", "Send {op:\"auth\", token} before subscribing to me");
      }
      String id = String.valueOf(caller.userId());
      return new Topic(ME, "user", id, "user:" + id);
    }
    Matcher m = FORM.matcher(name);
    if (!m.matches()) {
      throw Refused.invalid(
          "invalid_topic", "Unknown topic form '" + name + "': use kind:id or me");
    }
    if ("user".equals(m.group(1))) {
      // private frames travel on user:<id>; a client reaches its own only through "me"
      throw Refused.forbidden("forbidden", "Subscribe to me for your own private events");
    }
    return new Topic(name, m.group(1), m.group(2), name);
  }

  String address() {
    return EventPublisher.address(busTopic);
  }

  String snapshotAddress() {
    return "snapshot." + kind;
  }

  /** Numeric ids travel as numbers; market symbols stay strings even when they look numeric. */
  Object snapshotId() {
    return !"market".equals(kind) && NUMBER.matcher(id).matches()
        ? (Object) Long.parseLong(id)
        : id;
  }
}
