package io.showfloor.realtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where an event stream stands on each of its topics, as the SSE {@code id} of every frame: {@code
 * market:ACME=12,me=5}. Sequence numbers are per topic, so the id carries them all; a client that
 * reconnects sends the last one back as {@code Last-Event-ID} and resumes every topic from it.
 */
final class StreamCursor {
  /**
   * 50 topics of the longest form with 18-digit sequences fit (5,499); the contract caps the header
   * here too, below the server's 8 KB for all headers.
   */
  static final int MAX_LENGTH = 6_000;

  private static final Pattern ENTRY =
      Pattern.compile("(me|[a-z][a-z0-9_]{0,23}:[A-Za-z0-9_-]{1,64})=([0-9]{1,18})");

  /** By topic name, so the same positions always make the same id. */
  private final Map<String, Long> positions = new TreeMap<>();

  /**
   * The positions a Last-Event-ID names; a missing or malformed id (not one this server wrote)
   * resumes nothing, so every topic starts from a snapshot.
   */
  static StreamCursor parse(@Nullable String lastEventId) {
    StreamCursor cursor = new StreamCursor();
    if (lastEventId == null || lastEventId.isBlank() || lastEventId.length() > MAX_LENGTH) {
      return cursor;
    }
    for (String part : lastEventId.trim().split(",")) {
      Matcher m = ENTRY.matcher(part);
      if (!m.matches()) {
        return new StreamCursor();
      }
      cursor.positions.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return cursor;
  }

  /** The last sequence the client holds on this topic, or -1 when it holds none. */
  long position(String topic) {
    return positions.getOrDefault(topic, -1L);
  }

  void advance(String topic, long seq) {
    positions.put(topic, seq);
  }

  /** Keeps only the topics of this stream (a client may reconnect with fewer). */
  void retain(java.util.Collection<String> topics) {
    positions.keySet().retainAll(topics);
  }

  String id() {
    StringBuilder id = new StringBuilder();
    positions.forEach(
        (topic, seq) -> {
          if (id.length() > 0) {
            id.append(',');
          }
          id.append(topic).append('=').append(seq);
        });
    return id.toString();
  }
}
