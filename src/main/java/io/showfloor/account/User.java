package io.showfloor.account;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** An account as the rest of the accounts domain handles it (never with its password hash). */
record User(
    long id,
    String email,
    String displayName,
    Set<String> roles,
    boolean emailVerified,
    String status,
    OffsetDateTime createdAt,
    OffsetDateTime lockedUntil,
    OffsetDateTime suspendedUntil,
    boolean suspendedNow,
    long credentialsVersion,
    @Nullable String avatarUrl) {

  /** The roles in the order they are shown, least to most powerful. */
  static final List<String> ROLES = List.of("viewer", "creator", "seller", "moderator", "admin");

  static User of(Row row) {
    return new User(
        row.getLong("id"),
        row.getString("email"),
        row.getString("display_name"),
        new TreeSet<>(Arrays.asList(row.getArrayOfStrings("roles"))),
        row.getOffsetDateTime("email_verified_at") != null,
        row.getString("status"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("locked_until"),
        row.getOffsetDateTime("suspended_until"),
        row.getBoolean("suspended_now"),
        row.getLong("credentials_version"),
        row.getString("avatar_url"));
  }

  /**
   * Neither suspended by the accounts domain nor inside a moderator's timed suspension (by the
   * database clock).
   */
  boolean isActive() {
    return "active".equals(status) && !suspendedNow;
  }

  /** The {@code user} of /api/me, signup and login. */
  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("displayName", displayName)
        .put("roles", orderedRoles())
        .put("emailVerified", emailVerified)
        .put("avatarUrl", avatarUrl);
  }

  /** What the admin console lists. */
  JsonObject toAdminJson() {
    return toJson()
        .put("status", status)
        .put("createdAt", createdAt.toInstant().toString())
        .put("lockedUntil", lockedUntil == null ? null : lockedUntil.toInstant().toString())
        .put("suspendedUntil", suspendedNow ? suspendedUntil.toInstant().toString() : null);
  }

  JsonArray orderedRoles() {
    JsonArray ordered = new JsonArray();
    ROLES.stream().filter(roles::contains).forEach(ordered::add);
    roles.stream().filter(r -> !ROLES.contains(r)).forEach(ordered::add);
    return ordered;
  }
}
