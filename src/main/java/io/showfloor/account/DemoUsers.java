package io.showfloor.account;

import io.showfloor.notify.Notifications;
import io.showfloor.platform.DemoSeed;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

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

  record Person(String email, String displayName, String... roles) {}

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
    // one hash for everyone: the password is published anyway, and start-up stays quick
    return new DemoSeed(
        "accounts.users",
        conn ->
            hasher
                .hash(PASSWORD)
                .compose(
                    hash -> {
                      Future<Void> chain = Future.succeededFuture();
                      for (Person person : PEOPLE) {
                        chain = chain.compose(v -> plant(conn, person, hash, notifications));
                      }
                      return chain;
                    }));
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
