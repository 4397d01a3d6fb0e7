package io.showfloor.commerce.analytics;

import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bad input to the analytics endpoints gets 4xx problem+json")
class AnalyticsBadInputTest {
  private static final List<String> PATHS =
      List.of("/api/sellers/me/analytics", "/api/admin/analytics");

  @Test
  @DisplayName("anonymous callers get 401; viewers 403 on both; sellers 403 on the admin numbers")
  void rolesAndAuth() {
    PATHS.forEach(path -> TestNode.api().get(path).expectProblem(401, "unauthorized"));
    Api viewer = Users.create().api();
    PATHS.forEach(path -> viewer.get(path).expectProblem(403, "role_required"));
    Users.create("creator")
        .api()
        .get("/api/sellers/me/analytics")
        .expectProblem(403, "role_required");
    Users.create("seller").api().get("/api/admin/analytics").expectProblem(403, "role_required");
    Users.create("moderator").api().get("/api/admin/analytics").expectProblem(403, "role_required");
  }

  @Test
  @DisplayName(
      "a range that ends before it starts, spans more than 366 days, or is not a date is refused")
  void ranges() {
    List<Api> callers = List.of(Users.create("seller").api(), LedgerCheck.admin().api());
    for (Api caller : callers) {
      for (String path : PATHS) {
        if (caller != callers.get(1) && path.contains("admin")) {
          continue;
        }
        caller.get(path + "?from=2026-02-01&to=2026-01-01").expectProblem(400, "invalid_range");
        caller.get(path + "?from=2026-01-01&to=2026-01-01").expectProblem(400, "invalid_range");
        caller.get(path + "?from=2024-01-01&to=2025-01-02").expectProblem(400, "invalid_range");
        caller.get(path + "?from=2024-01-01&to=2025-01-01").expect(200); // 366 days, a leap year
        caller.get(path + "?from=2026-13-45&to=2026-12-01").expectProblem(400, "invalid_date");
        for (String bad :
            List.of(
                "from=yesterday",
                "to=2026-01-01T10:00",
                "from=20260101",
                "bucket=month",
                "bucket=",
                "from=" + "2026-01-01T00:00:00.000000000000000000000000000000Z")) {
          caller.get(path + "?" + bad).expectProblem(400, "validation_failed");
        }
      }
    }
  }
}
