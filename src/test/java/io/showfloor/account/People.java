package io.showfloor.account;

import io.showfloor.testing.Api;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/** People who sign up over HTTP, each from their own client address, for the account-flow tests. */
final class People {
  private static final AtomicInteger N = new AtomicInteger();
  static final String PASSWORD = "Correct-horse-9";

  record Person(String email, String password, String displayName, Api api) {
    /** The same person from another client address. */
    Person elsewhere() {
      return new Person(email, password, displayName, api.fromNewAddress());
    }

    JsonObject signUp() {
      return api.post(
              "/api/auth/signup",
              new JsonObject()
                  .put("email", email)
                  .put("password", password)
                  .put("displayName", displayName))
          .expect(201)
          .json();
    }

    String verificationToken() {
      return Mailbox.token(Mailbox.await(email, "Confirm your Showfloor email"));
    }

    void verify() {
      api.post("/api/auth/verify", new JsonObject().put("token", verificationToken())).expect(200);
    }

    Api.Response login(String withPassword) {
      return api.post(
          "/api/auth/login", new JsonObject().put("email", email).put("password", withPassword));
    }

    JsonObject login() {
      return login(password).expect(200).json();
    }

    /** Signed up, verified and logged in: the session. */
    JsonObject verifiedSession() {
      signUp();
      verify();
      return login();
    }
  }

  private People() {}

  static Person fresh() {
    return freshOn(TestNode.api());
  }

  /** A new person whose requests go to the node behind {@code node} (another node of a cluster). */
  static Person freshOn(Api node) {
    int n = N.incrementAndGet();
    String email = "person" + System.nanoTime() % 1_000_000_000L + "-" + n + "@example.test";
    return new Person(email, PASSWORD, "Person " + n, node.fromNewAddress());
  }
}
