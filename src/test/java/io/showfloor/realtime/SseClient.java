package io.showfloor.realtime;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Server-Sent Events reader over a real HTTP connection, as a bot would hold one: events are
 * parsed on a thread of their own into a queue the test takes from.
 */
final class SseClient implements AutoCloseable {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** One event: its {@code id} and its {@code data} as JSON; comments are counted, not queued. */
  record Event(String id, JsonObject data) {}

  final int status;
  final String contentType;
  final String body;
  final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final InputStream in;
  private final Thread reader;

  private SseClient(HttpResponse<InputStream> response) throws IOException {
    this.status = response.statusCode();
    this.contentType = response.headers().firstValue("Content-Type").orElse("");
    this.in = response.body();
    if (status != 200) {
      this.body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      this.reader = new Thread(() -> {});
      return;
    }
    this.body = "";
    this.reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static SseClient open(String url, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    headers.forEach(request::header);
    try {
      return new SseClient(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new AssertionError("GET " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String id = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(id, new JsonObject(data.toString())));
          }
          id = null;
          data.setLength(0);
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).trim());
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (IOException closed) {
      // the test closed the stream
    }
  }

  /** The next event, failing after {@code seconds}. */
  Event next(int seconds) {
    try {
      Event event = events.poll(seconds, TimeUnit.SECONDS);
      if (event == null) {
        throw new AssertionError("no event within " + seconds + " s");
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Takes events until one matches; those skipped are returned with it last. */
  List<Event> until(Predicate<Event> wanted, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Event> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      try {
        Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (event == null) {
          break;
        }
        seen.add(event);
        if (wanted.test(event)) {
          return seen;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no matching event within " + seconds + " s; saw " + seen);
  }

  /** Whatever arrives within {@code millis}. */
  List<Event> drain(long millis) {
    List<Event> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    try {
      Event event;
      while ((event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
        seen.add(event);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return seen;
  }

  JsonObject problem() {
    return new JsonObject(body);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // closing is all we wanted
    }
  }
}
