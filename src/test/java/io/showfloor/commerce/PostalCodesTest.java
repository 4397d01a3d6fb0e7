package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.commerce.address.PostalCodes;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Postal codes by country")
class PostalCodesTest {
  @Test
  @DisplayName(
      "US, CA, GB, DE and FR codes are checked against their format and written the usual way")
  void formats() {
    assertEquals(Optional.of("94107"), PostalCodes.normalize("US", "94107"));
    assertEquals(Optional.of("94107-1234"), PostalCodes.normalize("US", " 94107-1234 "));
    assertTrue(PostalCodes.normalize("US", "9410").isEmpty());
    assertTrue(PostalCodes.normalize("US", "SW1A 1AA").isEmpty());
    assertEquals(Optional.of("K1A 0B1"), PostalCodes.normalize("CA", "k1a0b1"));
    assertTrue(PostalCodes.normalize("CA", "12345").isEmpty());
    assertEquals(Optional.of("SW1A 1AA"), PostalCodes.normalize("GB", "sw1a1aa"));
    assertEquals(Optional.of("M1 1AE"), PostalCodes.normalize("GB", "M1 1AE"));
    assertTrue(PostalCodes.normalize("GB", "12345").isEmpty());
    assertEquals(Optional.of("10115"), PostalCodes.normalize("DE", "10115"));
    assertTrue(PostalCodes.normalize("DE", "1011").isEmpty());
    assertEquals(Optional.of("75008"), PostalCodes.normalize("FR", "75008"));
    assertTrue(PostalCodes.normalize("FR", "75 008").isEmpty());
    assertEquals(Optional.of("1010"), PostalCodes.normalize("AT", "1010"));
    assertTrue(PostalCodes.normalize("AT", "10$0").isEmpty());
  }
}
