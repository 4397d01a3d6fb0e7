package io.showfloor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.resend.core.net.AbstractHttpResponse;
import com.resend.core.net.HttpMethod;
import com.resend.core.net.IHttpClient;
import com.resend.core.net.RequestOptions;
import com.resend.services.emails.EmailsWithClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Mail through Resend")
class ResendMailTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** Stands in for Resend's HTTP API: records each request and answers with a fixed status. */
  static final class FakeResend implements IHttpClient<String> {
    record Request(String path, String body, String idempotencyKey, String apiKey) {}

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final int status;

    FakeResend(int status) {
      this.status = status;
    }

    @Override
    public AbstractHttpResponse<String> perform(
        String path,
        String apiKey,
        HttpMethod method,
        String payload,
        MediaType mediaType,
        RequestOptions options) {
      requests.add(
          new Request(path, payload, options == null ? null : options.getIdempotencyKey(), apiKey));
      String body =
          status < 300
              ? "{\"id\":\"4ef9a417-02e9-4d39-ad75-9611e0fcc33c\"}"
              : "{\"statusCode\":" + status + ",\"name\":\"error\",\"message\":\"refused\"}";
      return new AbstractHttpResponse<>(status, body, status < 300);
    }

    @Override
    public AbstractHttpResponse<String> perform(
        String path, String apiKey, HttpMethod method, String payload, MediaType mediaType) {
      return perform(path, apiKey, method, payload, mediaType, (RequestOptions) null);
    }

    @Override
    public AbstractHttpResponse<String> perform(
        String path,
        String apiKey,
        HttpMethod method,
        String payload,
        MediaType mediaType,
        Map<String, String> headers) {
      return perform(path, apiKey, method, payload, mediaType, (RequestOptions) null);
    }

    @Override
    public AbstractHttpResponse<String> performMultipart(
        String a, String b, HttpMethod c, File d, MediaType e, Map<String, String> f) {
      throw new UnsupportedOperationException();
    }

    @Override
    public AbstractHttpResponse<String> performMultipart(
        String a,
        String b,
        HttpMethod c,
        File d,
        MediaType e,
        Map<String, String> f,
        RequestOptions g) {
      throw new UnsupportedOperationException();
    }

    @Override
    public AbstractHttpResponse<String> performMultipart(
        String a, String b, HttpMethod c, byte[] d, String e, MediaType f, Map<String, String> g) {
      throw new UnsupportedOperationException();
    }

    @Override
    public AbstractHttpResponse<String> performMultipart(
        String a,
        String b,
        HttpMethod c,
        byte[] d,
        String e,
        MediaType f,
        Map<String, String> g,
        RequestOptions h) {
      throw new UnsupportedOperationException();
    }
  }

  private static final OutgoingMail MAIL =
      new OutgoingMail(
          7,
          "ann@example.test",
          "Confirm",
          "Open the link",
          "<p>Open</p>",
          "7d9c2f0e-1f9e-4b53-9a57-0c1b1c2a9e11");

  @Test
  @DisplayName(
      "the mail goes to POST /emails with the outbox row's delivery key as Idempotency-Key")
  void sendsWithIdempotencyKey() {
    FakeResend resend = new FakeResend(200);
    ResendMail port =
        new ResendMail(
            vertx,
            EmailsWithClient.create("re_test_123", resend),
            "Showfloor <no-reply@showfloor.test>");
    port.send(MAIL).await();
    port.send(MAIL).await();

    assertEquals(2, resend.requests.size());
    FakeResend.Request request = resend.requests.get(0);
    assertEquals("/emails", request.path());
    assertEquals("re_test_123", request.apiKey());
    assertEquals(MAIL.deliveryKey(), request.idempotencyKey());
    assertEquals(
        MAIL.deliveryKey(),
        resend.requests.get(1).idempotencyKey(),
        "a repeat carries the same key");
    JsonObject body = new JsonObject(request.body());
    assertEquals("Showfloor <no-reply@showfloor.test>", body.getString("from"));
    assertEquals(new JsonArray().add("ann@example.test"), body.getJsonArray("to"));
    assertEquals("Confirm", body.getString("subject"));
    assertEquals("Open the link", body.getString("text"));
    assertEquals("<p>Open</p>", body.getString("html"));
  }

  @Test
  @DisplayName("a 422 from Resend is a refusal for good; a 500 is worth retrying")
  void failures() {
    ResendMail refused =
        new ResendMail(
            vertx, EmailsWithClient.create("re_test_123", new FakeResend(422)), "a@b.test");
    Throwable permanent = assertThrows(Throwable.class, () -> refused.send(MAIL).await());
    assertInstanceOf(MailRejected.class, permanent);

    ResendMail down =
        new ResendMail(
            vertx, EmailsWithClient.create("re_test_123", new FakeResend(500)), "a@b.test");
    Throwable transientFailure = assertThrows(Throwable.class, () -> down.send(MAIL).await());
    assertEquals(false, transientFailure instanceof MailRejected, transientFailure.toString());
  }
}
