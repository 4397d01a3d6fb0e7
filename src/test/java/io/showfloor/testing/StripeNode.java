package io.showfloor.testing;

import io.showfloor.Showfloor;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A second node on the shared test database and Redis, configured for Stripe and pointed at a
 * {@link StripeFake}. Users made with {@link Users} work on it too (same signing secret). Its
 * background jobs run beside the shared node's, as they would in a cluster.
 *
 * <p>It lives only as long as one test class ({@code @ExtendWith(StripeNode.PerClass.class)}): the
 * two nodes are not clustered, so whatever this node's sweeps settle (a lot closing, an unpaid lot)
 * is announced on its own event bus, never reaching sockets on the shared node, and its market
 * ownership would contest the shared node's leases. Left running, it made later tests that wait for
 * such frames fail now and then (the UnpaidLotTest flake).
 */
public final class StripeNode {
  private static Showfloor node;
  private static StripeFake fake;

  private StripeNode() {}

  public static synchronized Showfloor get() {
    if (node == null) {
      fake = new StripeFake();
      node =
          Showfloor.start(
              TestNode.sharingInfrastructure("stripe-node")
                  .with("http.instances", 1)
                  .with("database.poolSize", 8)
                  .with("stripe.secretKey", StripeFake.SECRET_KEY)
                  .with("stripe.publishableKey", StripeFake.PUBLISHABLE_KEY)
                  .with("stripe.webhookSecret", StripeFake.WEBHOOK_SECRET)
                  .with("stripe.apiBase", fake.apiBase()));
    }
    return node;
  }

  public static synchronized void stop() {
    if (node != null) {
      node.stop();
      fake.close();
      node = null;
      fake = null;
    }
  }

  /** Stops the Stripe node after the test class that used it. */
  public static final class PerClass implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
      stop();
    }
  }

  public static StripeFake fake() {
    get();
    return fake;
  }

  /** A client for the Stripe node, as the given user (or anonymous with null). */
  public static Api api(Users.TestUser user) {
    Api api = new Api("http://127.0.0.1:" + get().port());
    return user == null ? api : api.as(user.accessToken());
  }
}
