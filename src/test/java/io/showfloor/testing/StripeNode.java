package io.showfloor.testing;

import io.showfloor.Showfloor;

/**
 * A second node on the shared test database and Redis, configured for Stripe and pointed at a
 * {@link StripeFake}. Users made with {@link Users} work on it too (same signing secret). Its
 * background jobs run beside the shared node's, as they would in a cluster.
 */
public final class StripeNode {
  private static Showfloor node;
  private static StripeFake fake;

  private StripeNode() {}

  public static synchronized Showfloor get() {
    if (node == null) {
      fake = new StripeFake();
      node = Showfloor.start(TestNode.sharingInfrastructure("stripe-node")
          .with("http.instances", 1)
          .with("database.poolSize", 8)
          .with("stripe.secretKey", StripeFake.SECRET_KEY)
          .with("stripe.publishableKey", StripeFake.PUBLISHABLE_KEY)
          .with("stripe.webhookSecret", StripeFake.WEBHOOK_SECRET)
          .with("stripe.apiBase", fake.apiBase()));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        node.stop();
        fake.close();
      }));
    }
    return node;
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
