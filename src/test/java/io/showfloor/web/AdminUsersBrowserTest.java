package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Users in the admin console")
class AdminUsersBrowserTest {

  @Test
  @DisplayName(
      "a moderator finds a suspended user, lifts the suspension with a note, and the user can sign in again and reads both notices in plain words")
  void liftSuspension() {
    Users.TestUser member = Users.create();
    Users.TestUser moderator = Users.create("moderator");
    long item =
        Users.create()
            .api()
            .post(
                "/api/reports",
                new JsonObject()
                    .put("targetType", "user")
                    .put("targetId", member.id())
                    .put("reason", "spam"))
            .expect(201)
            .json()
            .getLong("itemId");
    moderator
        .api()
        .post(
            "/api/moderation/items/" + item + "/actions",
            new JsonObject().put("action", "suspend_user").put("days", 7))
        .expect(200);
    member.api().get("/api/me").expectProblem(403, "account_suspended");

    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(moderator)) {
      Page page = visit.page;
      visit.go("/admin?tab=users");
      page.getByLabel("Search users by name or email").fill(member.email());
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
      Locator row = page.locator("[data-user-id='" + member.id() + "']");
      assertThat(row).containsText("suspended until");
      row.getByRole(
              AriaRole.BUTTON,
              new Locator.GetByRoleOptions()
                  .setName("Lift the suspension of " + member.displayName()))
          .click();
      row.getByPlaceholder("Why (kept in the audit trail)").fill("appeal upheld");
      visit.screenshot("admin-users-lift").assertAccessible();
      row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Lift suspension"))
          .click();
      assertThat(page.locator(".toast")).containsText("can use Showfloor again");
      assertThat(row).not().containsText("suspended until");
      visit.assertNoConsoleErrors();
    }
    // the suspension ended the member's earlier tokens: they sign in again
    member.api().get("/api/me").expectProblem(401, "token_revoked");
    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(Users.signedInAgain(member))) {
      visit.go("/notifications");
      assertThat(visit.page.locator("#main")).containsText("Your suspension was lifted");
      assertThat(visit.page.locator("#main")).containsText("Your account is suspended until");
      visit.assertNoConsoleErrors();
    }
  }

  @Test
  @DisplayName(
      "a moderator suspends a user from the Users tab with a note, then bans another: both are refused at once and the audit trail has both")
  void suspendAndBan() {
    Users.TestUser member = Users.create();
    Users.TestUser other = Users.create();
    Users.TestUser moderator = Users.create("moderator");
    member.api().get("/api/me").expect(200);

    try (Visit visit = WebBrowser.open(Screen.DESKTOP).signIn(moderator)) {
      Page page = visit.page;
      visit.go("/admin?tab=users");
      Locator row = find(page, member);
      row.getByRole(
              AriaRole.BUTTON,
              new Locator.GetByRoleOptions().setName("Suspend " + member.displayName()))
          .click();
      row.getByLabel("Days").fill("3");
      row.getByPlaceholder("Why (kept in the audit trail)").fill("spam wave");
      visit.screenshot("admin-users-suspend").assertAccessible();
      row.getByRole(
              AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Suspend").setExact(true))
          .click();
      assertThat(page.locator(".toast")).containsText("is suspended until");
      assertThat(row).containsText("suspended until");

      Locator otherRow = find(page, other);
      otherRow
          .getByRole(
              AriaRole.BUTTON,
              new Locator.GetByRoleOptions().setName("Suspend " + other.displayName()))
          .click();
      otherRow.getByLabel("Ban (no end)").check();
      otherRow.getByPlaceholder("Why (kept in the audit trail)").fill("fraud ring");
      otherRow
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ban").setExact(true))
          .click();
      assertThat(page.locator(".toast").last()).containsText("is banned");
      assertThat(otherRow).containsText("banned");
      assertThat(
              otherRow.getByRole(
                  AriaRole.BUTTON,
                  new Locator.GetByRoleOptions()
                      .setName("Lift the suspension of " + other.displayName())))
          .isVisible();
      visit.assertNoConsoleErrors();
    }
    member.api().get("/api/me").expectProblem(403, "account_suspended");
    other.api().get("/api/me").expectProblem(403, "account_suspended");
    JsonObject audit =
        moderator
            .api()
            .get("/api/moderation/audit?source=console&actorId=" + moderator.id())
            .expect(200)
            .json();
    assertEquals("ban_user", audit.getJsonArray("items").getJsonObject(0).getString("action"));
    assertEquals("suspend_user", audit.getJsonArray("items").getJsonObject(1).getString("action"));
    assertEquals(
        3, audit.getJsonArray("items").getJsonObject(1).getJsonObject("detail").getInteger("days"));
  }

  private static Locator find(Page page, Users.TestUser user) {
    page.getByLabel("Search users by name or email").fill(user.email());
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
    Locator row = page.locator("[data-user-id='" + user.id() + "']");
    assertThat(row).isVisible();
    return row;
  }
}
