package io.showfloor.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every answer carries the browser protections")
class BrowserProtectionsTest {
  private final Api api = TestNode.api();

  /** Pages, assets, API answers, problems of every kind, operations endpoints. */
  private List<Api.Response> everyKindOfAnswer() {
    return List.of(
        api.get("/"), // the app shell (a 404 problem when the app is not built)
        api.get("/shows/42"), // an app page
        api.get("/manifest.json"),
        api.get("/assets/nothing-here.js"), // 404 problem from the static files
        api.get("/health/live"),
        api.get("/health/ready"),
        api.get("/metrics"),
        api.get("/openapi.yaml"),
        api.get("/api/shows"), // JSON
        api.get("/api/no-such-endpoint"), // 404 problem
        api.get("/api/me"), // 401 problem
        api.send("POST", "/api/auth/login", "{\"email\": ", "application/json"), // 400 problem
        api.send("DELETE", "/health/live", null, null)); // 405
  }

  @Test
  @DisplayName(
      "CSP, nosniff, no framing and a referrer policy on pages, API answers, errors and /health alike")
  void onEveryAnswer() {
    for (Api.Response answer : everyKindOfAnswer()) {
      String csp = answer.header("Content-Security-Policy");
      assertTrue(csp != null && csp.contains("frame-ancestors 'none'"), answer.call() + ": " + csp);
      assertEquals("nosniff", answer.header("X-Content-Type-Options"), answer.call());
      assertEquals("DENY", answer.header("X-Frame-Options"), answer.call());
      assertEquals(
          "strict-origin-when-cross-origin", answer.header("Referrer-Policy"), answer.call());
      // published on http (http://localhost:8080): HSTS would lock browsers out of the plain-http
      // node
      assertNull(answer.header("Strict-Transport-Security"), answer.call());
    }
  }

  @Test
  @DisplayName(
      "the policy runs only our own scripts and Stripe.js, and lets the app reach its socket, LiveKit and Stripe")
  void policyContents() {
    String csp = api.get("/health/live").header("Content-Security-Policy");
    String scripts = directive(csp, "script-src");
    assertEquals("'self' https://js.stripe.com https://*.js.stripe.com", scripts);
    assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
    String connect = directive(csp, "connect-src");
    int port = TestNode.get().port();
    for (String origin :
        new String[] {
          "'self'",
          "ws://127.0.0.1:" + port,
          "ws://localhost:7880",
          "http://localhost:7880",
          "https://api.stripe.com"
        }) {
      assertTrue(
          (" " + connect + " ").contains(" " + origin + " "),
          "connect-src should allow " + origin + ": " + connect);
    }
    String frames = directive(csp, "frame-src");
    assertTrue(
        frames.contains("https://js.stripe.com") && frames.contains("https://hooks.stripe.com"),
        frames);
    assertEquals("'none'", directive(csp, "object-src"));
    assertEquals("'self'", directive(csp, "base-uri"));
  }

  @Test
  @DisplayName("a Host header that is not a plain host:port never reaches the policy")
  void hostHeaderCannotInject() {
    SecurityHeaders headers = new SecurityHeaders(TestNode.get().platform().http());
    assertTrue(headers.policy("shop.example.test:8443").contains(" ws://shop.example.test:8443 "));
    assertTrue(headers.policy("[::1]:8080").contains(" ws://[::1]:8080 "));
    String injected = headers.policy("evil.example; script-src *");
    assertFalse(injected.contains("evil"), injected);
    assertEquals(headers.policy(null), injected);
  }

  @Test
  @DisplayName("LiveKit's origins come from livekit.url: its ws(s) origin and its http(s) twin")
  void liveKitOrigins() {
    assertEquals(
        List.of("wss://video.example.test", "https://video.example.test"),
        List.copyOf(SecurityHeaders.liveKitOrigins("wss://video.example.test/")));
    assertEquals(
        List.of("ws://10.0.0.5:7880", "http://10.0.0.5:7880"),
        List.copyOf(SecurityHeaders.liveKitOrigins("ws://10.0.0.5:7880")));
    assertEquals(List.of(), List.copyOf(SecurityHeaders.liveKitOrigins("not a url; script-src *")));
  }

  @Test
  @DisplayName(
      "the built app's index.html has no inline script, so it runs under a CSP without 'unsafe-inline'")
  void noInlineScript() {
    Assumptions.assumeFalse(Boolean.getBoolean("skip.web"), "web app not built (-Dskip.web=true)");
    String html = api.get("/").expect(200).body();
    Matcher scripts =
        Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
    int count = 0;
    while (scripts.find()) {
      count++;
      assertTrue(
          scripts.group(1).contains("src=\"/assets/"), "a script without src: " + scripts.group());
      assertEquals("", scripts.group(2).trim(), "a script with a body: " + scripts.group());
    }
    assertTrue(count > 0, "index.html should load the app's script: " + html);
    assertFalse(
        Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
        "inline event handler in " + html);
  }

  private static String directive(String csp, String name) {
    for (String part : csp.split(";")) {
      String trimmed = part.trim();
      if (trimmed.startsWith(name + " ")) {
        return trimmed.substring(name.length() + 1);
      }
    }
    throw new AssertionError("no " + name + " in " + csp);
  }
}
