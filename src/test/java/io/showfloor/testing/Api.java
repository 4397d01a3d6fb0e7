package io.showfloor.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/** A plain HTTP client for tests: real requests to the node, readable assertions on the answers. */
public final class Api {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final String base;
  private final Map<String, String> headers;

  public Api(String base) {
    this(base, new LinkedHashMap<>());
  }

  private Api(String base, Map<String, String> headers) {
    this.base = base;
    this.headers = headers;
  }

  public String base() {
    return base;
  }

  /** The same client sending one more header on every request. */
  public Api with(String header, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(header, value);
    return new Api(base, copy);
  }

  /**
   * The same client appearing to come from {@code address} (X-Forwarded-For, honoured because the
   * test node trusts its proxy): per-address rate limits then apply to this client alone.
   */
  public Api from(String address) {
    return with("X-Forwarded-For", address);
  }

  /** The same client from an address no other client in this run uses. */
  public Api fromNewAddress() {
    return from(ClientAddresses.next());
  }

  public Api as(String accessToken) {
    return with("Authorization", "Bearer " + accessToken);
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  public Response delete(String path) {
    return send("DELETE", path, null, null);
  }

  public Response post(String path, JsonObject body) {
    return send("POST", path, body.encode(), "application/json");
  }

  public Response post(String path) {
    return send("POST", path, null, null);
  }

  public Response patch(String path, JsonObject body) {
    return send("PATCH", path, body.encode(), "application/json");
  }

  public Response put(String path, JsonObject body) {
    return send("PUT", path, body.encode(), "application/json");
  }

  public Response send(String method, String path, String body, String contentType) {
    return sendPublished(
        method, path, body == null ? null : HttpRequest.BodyPublishers.ofString(body), contentType);
  }

  /**
   * A body sent byte for byte (a string body is UTF-8-encoded, which turns a lone surrogate into
   * '?').
   */
  public Response sendBytes(String method, String path, byte[] body, String contentType) {
    return sendPublished(method, path, HttpRequest.BodyPublishers.ofByteArray(body), contentType);
  }

  private Response sendPublished(
      String method, String path, HttpRequest.BodyPublisher body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(method + " " + path, response);
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** An answer with assertions that print the body when they fail. */
  public record Response(String call, HttpResponse<String> raw) {
    public int status() {
      return raw.statusCode();
    }

    public String body() {
      return raw.body();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    /** The Set-Cookie line for this cookie name ({@code name=value; Path=…; …}), or null. */
    public String setCookie(String name) {
      return raw.headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith(name + "="))
          .findFirst()
          .orElse(null);
    }

    public JsonObject json() {
      return new JsonObject(raw.body());
    }

    public JsonArray array() {
      return new JsonArray(raw.body());
    }

    public Response expect(int status) {
      Assertions.assertEquals(status, status(), call + " answered " + status() + ": " + body());
      return this;
    }

    /** Asserts a problem+json with this status and code. */
    public JsonObject expectProblem(int status, String code) {
      expect(status);
      Assertions.assertTrue(
          String.valueOf(header("Content-Type")).startsWith("application/problem+json"),
          call + " should answer problem+json, got " + header("Content-Type"));
      JsonObject problem = json();
      Assertions.assertEquals(code, problem.getString("code"), call + ": " + body());
      return problem;
    }
  }
}
