package io.showfloor.platform.http;

import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What an endpoint answers: a status, an optional JSON body and headers. */
public final class Reply {
  private final int status;
  private final @Nullable Object body;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final List<Cookie> cookies = new ArrayList<>();

  private Reply(int status, @Nullable Object body) {
    this.status = status;
    this.body = body;
  }

  public static Reply ok(JsonObject body) {
    return new Reply(200, body);
  }

  public static Reply ok(JsonArray body) {
    return new Reply(200, body);
  }

  public static Reply created(JsonObject body) {
    return new Reply(201, body);
  }

  public static Reply accepted() {
    return new Reply(202, null);
  }

  public static Reply noContent() {
    return new Reply(204, null);
  }

  /**
   * The endpoint has written the answer itself (a streamed file); nothing more is sent. Its status
   * is what was written.
   */
  public static Reply written() {
    return new Reply(200, null);
  }

  public static Reply status(int status, JsonObject body) {
    return new Reply(status, body);
  }

  public Reply header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public Reply cookie(Cookie cookie) {
    cookies.add(cookie);
    return this;
  }

  public int status() {
    return status;
  }

  public @Nullable Object body() {
    return body;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public List<Cookie> cookies() {
    return cookies;
  }
}
