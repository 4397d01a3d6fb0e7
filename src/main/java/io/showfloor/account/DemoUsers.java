package io.showfloor.account;

import io.showfloor.notify.Notifications;
import io.showfloor.platform.DemoSeed;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.AccessTokens;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;

/**
 * The people of the --demo world, one or more for every role, all verified, all with the password
 * {@link #PASSWORD} (documented in the README). Other domains' demo seeds find them by these
 * emails.
 */
public final class DemoUsers {
  public static final String PASSWORD = "showfloor-demo-1";
  public static final String ADMIN = "admin@showfloor.demo";
  public static final String MODERATOR = "moderator@showfloor.demo";
  public static final String SELLER = "seller@showfloor.demo";
  public static final String CREATOR = "creator@showfloor.demo";
  public static final String VIEWER = "viewer@showfloor.demo";
  public static final String COLLECTOR = "collector@showfloor.demo";
  public static final String TRADER = "trader@showfloor.demo";

  /**
   * The simulated people of the living demo (demo.LivingDemo): hosts who run shows and bots who bid
   * and trade. Their names say they are simulated, so nobody mistakes them for real users.
   */
  public static final List<String> SIMULATED_HOSTS =
      List.of(
          "nova.host@sim.showfloor.demo",
          "rick.host@sim.showfloor.demo",
          "quinn.host@sim.showfloor.demo");

  public static final List<String> SIMULATED_BIDDERS =
      List.of(
          "bidder1@sim.showfloor.demo",
          "bidder2@sim.showfloor.demo",
          "bidder3@sim.showfloor.demo",
          "bidder4@sim.showfloor.demo");

  public static final List<String> SIMULATED_TRADERS =
      List.of(
          "trader1@sim.showfloor.demo", "trader2@sim.showfloor.demo", "trader3@sim.showfloor.demo");

  record Person(String email, String displayName, String... roles) {}

  static final List<Person> SIMULATED =
      List.of(
          new Person(
              SIMULATED_HOSTS.get(0), "Nova Kicks (simulated host)", "viewer", "creator", "seller"),
          new Person(
              SIMULATED_HOSTS.get(1), "Retro Rick (simulated host)", "viewer", "creator", "seller"),
          new Person(
              SIMULATED_HOSTS.get(2), "Card Quinn (simulated host)", "viewer", "creator", "seller"),
          new Person(SIMULATED_BIDDERS.get(0), "Bot bidder Ada (simulated)", "viewer"),
          new Person(SIMULATED_BIDDERS.get(1), "Bot bidder Ben (simulated)", "viewer"),
          new Person(SIMULATED_BIDDERS.get(2), "Bot bidder Cleo (simulated)", "viewer"),
          new Person(SIMULATED_BIDDERS.get(3), "Bot bidder Dev (simulated)", "viewer"),
          new Person(SIMULATED_TRADERS.get(0), "Bot trader Io (simulated)", "viewer"),
          new Person(SIMULATED_TRADERS.get(1), "Bot trader Jun (simulated)", "viewer"),
          new Person(SIMULATED_TRADERS.get(2), "Bot trader Kit (simulated)", "viewer"));

  static final List<Person> PEOPLE =
      List.of(
          new Person(ADMIN, "Dana Admin", "viewer", "admin"),
          new Person(MODERATOR, "Mo Rivera", "viewer", "moderator"),
          // the demo market maker quotes as this seller: a registered liquidity provider
          new Person(SELLER, "Vintage Vault", "viewer", "seller", "liquidity_provider"),
          new Person(CREATOR, "Kai Live", "viewer", "creator", "seller"),
          new Person(VIEWER, "Ava Chen", "viewer"),
          new Person(COLLECTOR, "Marco Rossi", "viewer"),
          new Person(TRADER, "Priya Natarajan", "viewer"));

  private DemoUsers() {}

  static DemoSeed seed(PasswordHasher hasher, Notifications notifications) {
    return seed("accounts.users", PEOPLE, hasher, notifications);
  }

  /** The simulated hosts and bots, a seed of their own so a world planted before them gets them. */
  static DemoSeed simulatedSeed(PasswordHasher hasher, Notifications notifications) {
    return seed("accounts.simulated-people", SIMULATED, hasher, notifications);
  }

  private static DemoSeed seed(
      String name, List<Person> people, PasswordHasher hasher, Notifications notifications) {
    // one hash for everyone: the password is published anyway, and start-up stays quick
    return new DemoSeed(
        name,
        conn ->
            hasher
                .hash(PASSWORD)
                .compose(
                    hash -> {
                      Future<Void> chain = Future.succeededFuture();
                      for (Person person : people) {
                        chain = chain.compose(v -> plant(conn, person, hash, notifications));
                      }
                      return chain;
                    }));
  }

  /**
   * A bearer token for a demo person (the simulation acts through the public API as them); fails
   * for anyone outside the demo world.
   */
  static Future<String> bearer(Database db, AccessTokens tokens, String email) {
    boolean known =
        PEOPLE.stream().anyMatch(p -> p.email().equals(email))
            || SIMULATED.stream().anyMatch(p -> p.email().equals(email));
    if (!known) {
      return Future.failedFuture(new IllegalArgumentException(email + " is not a demo person"));
    }
    return db.one(AccountSql.DEMO_SESSION_USER, Tuple.of(email))
        .compose(
            row ->
                row == null
                    ? Future.failedFuture(new IllegalStateException(email + " is not planted yet"))
                    : Future.succeededFuture(
                        "Bearer "
                            + tokens.issue(
                                row.getLong("id"),
                                row.getLong("credentials_version"),
                                row.getString("display_name"),
                                Set.copyOf(java.util.Arrays.asList(row.getArrayOfStrings("roles"))),
                                true)));
  }

  private static Future<Void> plant(
      SqlConnection conn, Person person, String hash, Notifications notifications) {
    return conn.preparedQuery(AccountSql.UPSERT_VERIFIED)
        .execute(Tuple.of(person.email(), person.displayName(), hash, person.roles()))
        .compose(
            rows -> {
              var row = rows.iterator().next();
              if (!row.getBoolean("created")) {
                return Future.succeededFuture();
              }
              return notifications
                  .record(
                      conn,
                      row.getLong("id"),
                      "welcome",
                      new JsonObject()
                          .put("title", "Welcome to Showfloor, " + person.displayName())
                          .put(
                              "body",
                              "This is the demo world: every password is " + PASSWORD + "."))
                  .mapEmpty();
            });
  }
}
