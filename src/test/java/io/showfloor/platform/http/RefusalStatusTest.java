package io.showfloor.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.showfloor.platform.Refused;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefusalStatusTest {
  @Test
  void everyKindHasItsOwnClientErrorOrGatewayStatus() {
    Set<Integer> seen = new HashSet<>();
    for (Refused.Kind kind : EnumSet.allOf(Refused.Kind.class)) {
      int status = RefusalStatus.status(kind);
      assertEquals(true, status >= 400 && status != 500 && status < 600, kind + " -> " + status);
      assertEquals(true, seen.add(status), kind + " shares " + status);
    }
  }

  @Test
  void aRefusalReachesTheClientWithItsCodeDetailAndRetryAfter() {
    ApiError error = Problems.from(Refused.rateLimited(7), 0);
    assertNotNull(error);
    assertEquals(429, error.status());
    assertEquals("rate_limited", error.code());
    assertEquals(7, error.retryAfterSeconds());

    ApiError missing = Problems.from(Refused.notFound("order_not_found", "No order of yours"), 0);
    assertNotNull(missing);
    assertEquals(404, missing.status());
    assertEquals("No order of yours", missing.detail());
  }
}
