package io.showfloor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.Users.TestUser;

/** Pro through the sandbox, over HTTP on the shared node, for tests of Pro features. */
public final class Subscribers {
  private Subscribers() {}

  /** Subscribes the user to Pro (the sandbox charges at once) and returns them. */
  public static TestUser pro(TestUser user) {
    String plan = user.api().post("/api/me/subscription").expect(201).json().getString("plan");
    assertEquals("pro", plan);
    return user;
  }
}
