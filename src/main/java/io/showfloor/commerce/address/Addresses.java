package io.showfloor.commerce.address;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * A user's address book: up to {@link #MAX} addresses, at most one default (the first one saved
 * becomes it; deleting the default promotes the newest other one). Orders made without a checkout
 * (won lots, runner-up offers, giveaway prizes, redemptions) ship to the default at that moment.
 */
public final class Addresses {
  static final int MAX = 20;
  private static final String COLUMNS =
      "id, name, line1, line2, city, region, postal_code, country, is_default";
  private static final String DEFAULT_OF =
      "SELECT " + COLUMNS + " FROM user_addresses WHERE user_id = $1 AND is_default";
  private static final String UNSET_DEFAULT =
      "UPDATE user_addresses SET is_default = false, updated_at = now() WHERE user_id = $1 AND is_default";

  private final Database db;

  public Addresses(Database db) {
    this.db = db;
  }

  public Future<JsonObject> list(long userId) {
    return db.query(
            "SELECT "
                + COLUMNS
                + " FROM user_addresses WHERE user_id = $1 ORDER BY is_default DESC, id DESC",
            Tuple.of(userId))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(r -> items.add(json(r)));
              return new JsonObject().put("items", items);
            });
  }

  public Future<JsonObject> create(long userId, JsonObject body) {
    JsonObject address;
    try {
      address = valid(body);
    } catch (Refused e) {
      return Future.failedFuture(e);
    }
    return db.tx(
        conn ->
            conn.preparedQuery(
                    "SELECT count(*) AS n, count(*) FILTER (WHERE is_default) AS defaults"
                        + " FROM (SELECT is_default FROM user_addresses WHERE user_id = $1 FOR UPDATE) a")
                .execute(Tuple.of(userId))
                .compose(
                    rows -> {
                      Row count = rows.iterator().next();
                      if (count.getLong("n") >= MAX) {
                        return Future.failedFuture(
                            Refused.conflict(
                                "address_book_full",
                                "An address book holds at most "
                                    + MAX
                                    + " addresses; delete one first"));
                      }
                      boolean makeDefault =
                          body.getBoolean("isDefault", false) || count.getLong("defaults") == 0;
                      Future<?> unset =
                          makeDefault
                              ? conn.preparedQuery(UNSET_DEFAULT).execute(Tuple.of(userId))
                              : Future.succeededFuture();
                      return unset
                          .compose(
                              v ->
                                  conn.preparedQuery(
                                          """
                  INSERT INTO user_addresses (user_id, name, line1, line2, city, region, postal_code, country, is_default)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING\s"""
                                              + COLUMNS)
                                      .execute(
                                          withFields(Tuple.of(userId), address)
                                              .addValue(makeDefault)))
                          .map(inserted -> json(inserted.iterator().next()));
                    }));
  }

  /**
   * Changes some fields (the result is validated whole); {@code isDefault: true} makes it the
   * default.
   */
  public Future<JsonObject> update(long userId, long id, JsonObject changes) {
    return db.tx(
        conn ->
            conn.preparedQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM user_addresses WHERE id = $1 AND user_id = $2 FOR UPDATE")
                .execute(Tuple.of(id, userId))
                .compose(
                    rows -> {
                      if (rows.size() == 0) {
                        return Future.failedFuture(
                            Refused.notFound(
                                "address_not_found", "No address " + id + " in your address book"));
                      }
                      JsonObject merged = shipping(json(rows.iterator().next()));
                      changes.forEach(
                          e -> {
                            if (!"isDefault".equals(e.getKey())) {
                              merged.put(e.getKey(), e.getValue());
                            }
                          });
                      JsonObject address = valid(merged);
                      Boolean isDefault = changes.getBoolean("isDefault");
                      Future<?> unset =
                          Boolean.TRUE.equals(isDefault)
                              ? conn.preparedQuery(UNSET_DEFAULT).execute(Tuple.of(userId))
                              : Future.succeededFuture();
                      return unset
                          .compose(
                              v ->
                                  conn.preparedQuery(
                                          """
                  UPDATE user_addresses SET name = $3, line1 = $4, line2 = $5, city = $6, region = $7, postal_code = $8,
                         country = $9, is_default = COALESCE($10, is_default), updated_at = now()
                  WHERE id = $1 AND user_id = $2 RETURNING\s"""
                                              + COLUMNS)
                                      .execute(
                                          withFields(Tuple.of(id, userId), address)
                                              .addValue(isDefault)))
                          .map(updated -> json(updated.iterator().next()));
                    }));
  }

  public Future<Void> delete(long userId, long id) {
    return db.tx(
        conn ->
            conn.preparedQuery(
                    "DELETE FROM user_addresses WHERE id = $1 AND user_id = $2 RETURNING is_default")
                .execute(Tuple.of(id, userId))
                .compose(
                    rows -> {
                      if (rows.size() == 0) {
                        return Future.failedFuture(
                            Refused.notFound(
                                "address_not_found", "No address " + id + " in your address book"));
                      }
                      if (!rows.iterator().next().getBoolean("is_default")) {
                        return Future.succeededFuture();
                      }
                      // the address book keeps a default while it has addresses: the newest other
                      // one
                      return conn.preparedQuery(
                              """
                  UPDATE user_addresses SET is_default = true, updated_at = now()
                  WHERE id = (SELECT id FROM user_addresses WHERE user_id = $1 ORDER BY id DESC LIMIT 1)""")
                          .execute(Tuple.of(userId))
                          .<Void>mapEmpty();
                    }));
  }

  /**
   * The user's default address as an order carries it ({@code name, line1, …, country}), or null.
   */
  public Future<JsonObject> defaultOf(SqlClient client, long userId) {
    return client
        .preparedQuery(DEFAULT_OF)
        .execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? null : shipping(json(rows.iterator().next())));
  }

  /** One of the user's addresses as an order carries it; 404 address_not_found. */
  public Future<JsonObject> one(SqlClient client, long userId, long id) {
    return client
        .preparedQuery("SELECT " + COLUMNS + " FROM user_addresses WHERE id = $1 AND user_id = $2")
        .execute(Tuple.of(id, userId))
        .compose(
            rows ->
                rows.size() == 0
                    ? Future.failedFuture(
                        Refused.notFound(
                            "address_not_found", "No address " + id + " in your address book"))
                    : Future.succeededFuture(shipping(json(rows.iterator().next()))));
  }

  /** Fails with 409 address_required unless the user has a default address. */
  public Future<Void> requireDefault(long userId, String forWhat) {
    return defaultOf(db.pool(), userId)
        .compose(
            address ->
                address != null
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        Refused.conflict(
                            "address_required",
                            "Save a default shipping address in your account before " + forWhat)));
  }

  // an off-session charge pays orders made without a checkout: they ship to the default address
  // they took, or else to the buyer's last checkout's address (Checkouts' CLAIM)
  private static final String KNOWS_WHERE =
      """
      SELECT EXISTS (SELECT 1 FROM user_addresses WHERE user_id = $1 AND is_default)
          OR EXISTS (SELECT 1 FROM checkouts WHERE buyer_id = $1 AND shipping_address <> '{}'::jsonb)
        AS known""";

  /**
   * Fails with 409 address_required unless orders paid without a checkout know where to ship: the
   * user has a default address, or an earlier checkout's address to fall back on.
   */
  public Future<Void> requireShipTo(long userId, String forWhat) {
    return db.pool()
        .preparedQuery(KNOWS_WHERE)
        .execute(Tuple.of(userId))
        .compose(
            rows ->
                rows.iterator().next().getBoolean("known")
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        Refused.conflict(
                            "address_required",
                            "Save a default shipping address in your account before " + forWhat)));
  }

  /**
   * A shipping address checked field by field (400 validation_failed naming the field) and its
   * postal code against the country's format (400 invalid_postal_code); answers it trimmed and
   * normalized.
   */
  public static JsonObject valid(JsonObject in) {
    JsonObject out = new JsonObject();
    for (String field : new String[] {"name", "line1", "city", "postalCode", "country"}) {
      String value = in.getValue(field) instanceof String s ? s.strip() : "";
      if (value.isEmpty()) {
        throw Refused.invalid("validation_failed", "The address needs a " + field);
      }
      out.put(field, value);
    }
    for (String field : new String[] {"line2", "region"}) {
      String value = in.getValue(field) instanceof String s ? s.strip() : null;
      if (value != null && !value.isEmpty()) {
        out.put(field, value);
      }
    }
    String country = out.getString("country");
    if (!country.matches("^[A-Z]{2}$")) {
      throw Refused.invalid(
          "validation_failed", "country is a two-letter ISO code such as US, CA, GB, DE or FR");
    }
    String postal =
        PostalCodes.normalize(country, out.getString("postalCode"))
            .orElseThrow(
                () ->
                    Refused.invalid(
                        "invalid_postal_code",
                        "'"
                            + out.getString("postalCode")
                            + "' is not a postal code in "
                            + country
                            + " (for example "
                            + PostalCodes.example(country)
                            + ")"));
    return out.put("postalCode", postal);
  }

  private static JsonObject json(Row row) {
    JsonObject json =
        new JsonObject()
            .put("id", row.getLong("id"))
            .put("name", row.getString("name"))
            .put("line1", row.getString("line1"))
            .put("city", row.getString("city"))
            .put("postalCode", row.getString("postal_code"))
            .put("country", row.getString("country"))
            .put("isDefault", row.getBoolean("is_default"));
    if (row.getString("line2") != null) {
      json.put("line2", row.getString("line2"));
    }
    if (row.getString("region") != null) {
      json.put("region", row.getString("region"));
    }
    return json;
  }

  /** The address without its book fields, as an order carries it. */
  private static JsonObject shipping(JsonObject entry) {
    JsonObject copy = entry.copy();
    copy.remove("id");
    copy.remove("isDefault");
    return copy;
  }

  /** The address's own columns, in the order the INSERT and UPDATE name them. */
  private static Tuple withFields(Tuple head, JsonObject address) {
    for (String field :
        List.of("name", "line1", "line2", "city", "region", "postalCode", "country")) {
      head.addValue(address.getString(field));
    }
    return head;
  }
}
