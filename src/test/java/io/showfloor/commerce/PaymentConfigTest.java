package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.showfloor.testing.StripeFake;
import io.showfloor.testing.StripeNode;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("The payment configuration the browser reads before it takes a card")
@ExtendWith(StripeNode.PerClass.class)
class PaymentConfigTest {

  @Test
  @DisplayName(
      "a node without Stripe says sandbox and hands out no key, to anyone, signed in or not")
  void sandbox() {
    JsonObject config = TestNode.api().get("/api/payments/config").expect(200).json();
    assertEquals("sandbox", config.getString("provider"));
    assertNull(config.getString("publishableKey"));
  }

  @Test
  @DisplayName("a Stripe node says stripe and hands out its publishable key, never the secret one")
  void stripe() {
    JsonObject config = StripeNode.api(null).get("/api/payments/config").expect(200).json();
    assertEquals("stripe", config.getString("provider"));
    assertEquals(StripeFake.PUBLISHABLE_KEY, config.getString("publishableKey"));
    assertEquals(2, config.size(), "only the provider and the publishable key: " + config.encode());
  }
}
