package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.Api;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The app under its own Content-Security-Policy: a person logs in and browses as usual, and the
 * browser reports no violation and no console error. The refresh token stays where no script can
 * read it, and the session still survives a reload.
 */
@DisplayName("The web app under its Content-Security-Policy")
class ContentSecurityPolicyBrowserTest {
  private static final String PASSWORD = "Policy-abiding-2026";

  /** Every violation the page reports, recorded from the first script on. */
  private static final String RECORD_VIOLATIONS =
      """
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
      """;

  @Test
  @DisplayName(
      "a person logs in and sees the discover page with no CSP violation, and the refresh token is out of the page's reach")
  void logInUnderThePolicy() {
    String email = "csp" + System.nanoTime() + "@example.test";
    Api api = TestNode.api().fromNewAddress();
    api.post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", email)
                .put("password", PASSWORD)
                .put("displayName", "Policy Person"))
        .expect(201);
    api.post(
            "/api/auth/verify",
            new JsonObject().put("token", Mailbox.token(Mailbox.await(email, "Confirm"))))
        .expect(200);

    try (Visit visit = WebBrowser.open(Screen.DESKTOP)) {
      Page page = visit.page;
      page.addInitScript(RECORD_VIOLATIONS);
      Response shell = page.navigate("/login");
      String csp = shell.headers().get("content-security-policy");
      assertNotNull(csp, "the page itself must carry the policy");
      assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);

      page.getByLabel("Email").fill(email);
      page.getByLabel("Password").fill(PASSWORD);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).last().click();
      assertThat(page.getByText("Welcome back, Policy Person.")).isVisible();
      visit.go("/");
      assertThat(
              page.getByRole(
                  AriaRole.HEADING, new Page.GetByRoleOptions().setName("Live now on Showfloor")))
          .isVisible();
      assertThat(
              page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Policy Person")))
          .isVisible();

      // nothing a script can read holds a token: not document.cookie, not either storage
      String readable =
          (String)
              page.evaluate(
                  "() => document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
      assertFalse(
          readable.contains("sf_refresh") || readable.contains("eyJ") || readable.contains("Token"),
          readable);
      assertTrue(
          visit.context.cookies().stream().anyMatch(c -> c.name.equals("sf_refresh") && c.httpOnly),
          "the browser keeps the refresh token as an HttpOnly cookie: " + visit.context.cookies());

      // a reload forgets the in-memory access token; the cookie brings the session back
      page.reload();
      page.locator("main h1").first().waitFor();
      assertThat(
              page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Policy Person")))
          .isVisible();

      assertEquals(
          new JsonArray(),
          new JsonArray((java.util.List<?>) page.evaluate("() => window.__violations")));
      visit.assertNoConsoleErrors();

      // and the policy is really enforced: an injected inline script does not run, and is reported
      page.evaluate(
          "() => { const s = document.createElement('script'); s.textContent = 'window.__injected = true'; "
              + "document.head.appendChild(s); }");
      assertEquals(Boolean.FALSE, page.evaluate("() => window.__injected === true"));
      page.waitForFunction("() => window.__violations.length > 0");
      assertTrue(
          page.evaluate("() => window.__violations[0]").toString().startsWith("script-src"),
          String.valueOf(page.evaluate("() => window.__violations")));
    }
  }
}
