package io.showfloor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.LanAddress;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Mail from templates in one layout, and the dev mailbox page")
class MailLayoutTest {
  private static final String LAYOUT_FOOTER = "Showfloor · live shopping, auctions and a market";

  @Test
  @DisplayName(
      "a verification mail has an HTML and a text part in the layout, the name and the link escaped in the HTML")
  void verificationMail() {
    String email = "layout" + System.nanoTime() + "@example.test";
    TestNode.api()
        .fromNewAddress()
        .post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", email)
                .put("password", "Correct-horse-9")
                .put("displayName", "Ada <b>&\"Lovelace\""))
        .expect(201);
    JsonObject mail = Mailbox.await(email, "Confirm your Showfloor email");
    String html = mail.getString("html");
    String text = mail.getString("text");
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains(LAYOUT_FOOTER), html);
    assertTrue(html.contains("Hi Ada &lt;b&gt;&amp;&quot;Lovelace&quot;,"), html);
    assertFalse(html.contains("<b>&"), html);
    String token = Mailbox.token(mail);
    assertTrue(html.contains("href=\"http://localhost:8080/verify?token=" + token + "\""), html);
    assertTrue(text.contains("Hi Ada <b>&\"Lovelace\","), text);
    assertTrue(text.contains("/verify?token=" + token) && text.contains(LAYOUT_FOOTER), text);
  }

  @Test
  @DisplayName("a link with & and quotes is escaped inside the HTML attribute, not in the text")
  void linkEscaping() {
    Mail mail =
        MailTemplates.shared()
            .render(
                "verification",
                "Confirm",
                Map.of(
                    "name",
                    "Bo",
                    "link",
                    "https://shop.example/verify?token=a&next=\"x\"",
                    "code",
                    "a",
                    "hours",
                    24));
    assertTrue(
        mail.html().contains("href=\"https://shop.example/verify?token=a&amp;next=&quot;x&quot;\""),
        mail.html());
    assertTrue(mail.text().contains("https://shop.example/verify?token=a&next=\"x\""));
    assertEquals("Confirm", mail.subject());
  }

  @Test
  @DisplayName("a plain-text notice gets the layout, and a paragraph that is only a link a button")
  void notice() {
    Mail mail =
        MailTemplates.shared()
            .notice(
                "Kai is live <now>",
                "Kai is live now: \"Drops\"\n\nWatch: https://shop.example/shows/5\n\nBye & thanks");
    assertTrue(mail.html().contains("<h1"), mail.html());
    assertTrue(mail.html().contains("Kai is live &lt;now&gt;"), mail.html());
    assertTrue(mail.html().contains("href=\"https://shop.example/shows/5\""), mail.html());
    assertTrue(mail.html().contains(">Watch</a>"), mail.html());
    assertTrue(mail.html().contains("Bye &amp; thanks"), mail.html());
    assertTrue(mail.text().startsWith("Kai is live now: \"Drops\""), mail.text());
    assertTrue(mail.text().contains(LAYOUT_FOOTER));
  }

  @Test
  @DisplayName(
      "the dev mailbox page lists the mail with its link to a loopback client and 404s anyone else")
  void devMailboxPage() {
    String email = "page" + System.nanoTime() + "@example.test";
    TestNode.api()
        .fromNewAddress()
        .post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", email)
                .put("password", "Correct-horse-9")
                .put("displayName", "Page <Reader>"))
        .expect(201);
    String token = Mailbox.token(Mailbox.await(email, "Confirm your Showfloor email"));
    String path = "/dev/mailbox?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
    Api.Response page = TestNode.api().get(path).expect(200);
    assertTrue(page.header("Content-Type").startsWith("text/html"));
    String body = page.body();
    assertTrue(body.contains("Confirm your Showfloor email address"), body);
    assertTrue(
        body.contains("<a href=\"http://localhost:8080/verify?token=" + token + "\">"), body);
    assertTrue(body.contains("Hi Page &lt;Reader&gt;,"), body);
    String htmlView = body.replaceAll("(?s).*href=\"(/dev/mailbox/\\d+)\".*", "$1");
    assertTrue(
        TestNode.api().get(htmlView).expect(200).body().contains(LAYOUT_FOOTER), "HTML view");

    TestNode.api().from("127.0.0.1").get(path).expectProblem(404, "not_found");
    LanAddress.find()
        .ifPresent(
            lan -> {
              Api network = LanAddress.apiFor(TestNode.get().port());
              network.get(path).expectProblem(404, "not_found");
              network.get(htmlView).expectProblem(404, "not_found");
            });
  }
}
