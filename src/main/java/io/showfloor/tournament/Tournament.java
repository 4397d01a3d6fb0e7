package io.showfloor.tournament;

import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A tournament as stored in {@code tournaments}. */
record Tournament(
    long id,
    String name,
    String rules,
    long hostId,
    boolean isPrivate,
    @Nullable String inviteCode,
    Status status,
    Instant startsAt,
    Instant endsAt,
    long entryFeeCents,
    long startingCashCents,
    int maxEntrants,
    int platformCutBps,
    List<Integer> prizeSplit,
    boolean marketMaker,
    long houseId,
    @Nullable JsonObject results,
    @Nullable Instant paidOutAt,
    Instant createdAt) {

  enum Status {
    DRAFT,
    OPEN,
    ACTIVE,
    COMPLETED,
    CANCELLED;

    String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Status parse(String value) {
      return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }

  static final String COLUMNS =
      "id, name, rules, host_id, private, invite_code, status, starts_at, ends_at, entry_fee_cents, "
          + "starting_cash_cents, max_entrants, platform_cut_bps, prize_split, market_maker, house_id, results, "
          + "paid_out_at, created_at";

  /** The tournament, locked for the caller's transaction; 404 {@code tournament_not_found}. */
  static Future<Tournament> lock(SqlConnection conn, long id) {
    return conn.preparedQuery(TournamentSql.BY_ID_FOR_UPDATE)
        .execute(Tuple.of(id))
        .compose(
            rows ->
                rows.size() == 0
                    ? Future.failedFuture(
                        Refused.notFound("tournament_not_found", "No tournament " + id))
                    : Future.succeededFuture(from(rows.iterator().next())));
  }

  static Tournament from(Row row) {
    Integer[] split = row.getArrayOfIntegers("prize_split");
    Object results = row.getValue("results");
    var paidOut = row.getOffsetDateTime("paid_out_at");
    return new Tournament(
        row.getLong("id"),
        row.getString("name"),
        row.getString("rules"),
        row.getLong("host_id"),
        row.getBoolean("private"),
        row.getString("invite_code"),
        Status.parse(row.getString("status")),
        row.getOffsetDateTime("starts_at").toInstant(),
        row.getOffsetDateTime("ends_at").toInstant(),
        row.getLong("entry_fee_cents"),
        row.getLong("starting_cash_cents"),
        row.getInteger("max_entrants"),
        row.getInteger("platform_cut_bps"),
        Arrays.asList(split),
        row.getBoolean("market_maker"),
        row.getLong("house_id"),
        results instanceof JsonObject json ? json : null,
        paidOut == null ? null : paidOut.toInstant(),
        row.getOffsetDateTime("created_at").toInstant());
  }

  String topic() {
    return "tournament:" + id;
  }

  /** The public view; the invite code only for its host (and admins). */
  JsonObject toJson(boolean showInviteCode) {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("rules", rules)
        .put("hostId", hostId)
        .put("private", isPrivate)
        .put("inviteCode", showInviteCode ? inviteCode : null)
        .put("status", status.apiName())
        .put("startsAt", startsAt.toString())
        .put("endsAt", endsAt.toString())
        .put("entryFeeCents", entryFeeCents)
        .put("startingCashCents", startingCashCents)
        .put("maxEntrants", maxEntrants)
        .put("platformCutBps", platformCutBps)
        .put("prizeSplit", new JsonArray(prizeSplit))
        .put("marketMaker", marketMaker)
        .put("paidOutAt", paidOutAt == null ? null : paidOutAt.toString())
        .put("createdAt", createdAt.toString());
  }
}
