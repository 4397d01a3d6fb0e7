package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Who may do what in a show: the one place other domains (auctions, flash sales) ask whether a user
 * is the host, a co-host, banned or timed out. Every check is one indexed query; the overloads that
 * take a {@link SqlClient} run inside the caller's transaction.
 *
 * <pre>{@code
 * access.requireCanParticipate(showId, userId)   // 404 show_not_found, 403 banned_from_show, 403 timed_out
 * access.requireHost(showId, userId)             // the host or a co-host, else 403 not_show_host
 * }</pre>
 */
public final class ShowAccess {
  /**
   * Columns {@code banned} and {@code timed_out_until} for user {@code $2} in the show aliased
   * {@code s}, so a query that reads something of the show anyway (a lot before a bid) learns the
   * bidder's standing in the same round trip; check them with {@link #requireNotSanctioned(Row)}.
   */
  public static final String SANCTION_COLUMNS =
      """
      EXISTS (SELECT 1 FROM show_sanctions WHERE show_id = s.id AND user_id = $2 AND kind = 'ban') AS banned,
      (SELECT expires_at FROM show_sanctions
        WHERE show_id = s.id AND user_id = $2 AND kind = 'timeout' AND expires_at > now()) AS timed_out_until""";

  private static final String STANDING =
      """
      SELECT s.id, s.host_id, s.status,
             (SELECT role FROM show_staff WHERE show_id = s.id AND user_id = $2) AS staff_role,
             """
          + SANCTION_COLUMNS
          + """

        FROM shows s WHERE s.id = $1""";

  /** A user's part in a show, strongest first. */
  public enum Role {
    HOST,
    COHOST,
    MODERATOR,
    VIEWER;

    /** Hosts and co-hosts run the show: lots, polls, video publishing. */
    public boolean runsShow() {
      return this == HOST || this == COHOST;
    }

    /** Hosts, co-hosts and the show's moderators keep order in chat. */
    public boolean moderates() {
      return this != VIEWER;
    }

    public String wire() {
      return name().toLowerCase();
    }
  }

  /**
   * The few facts about a show other domains need. {@code status}: scheduled, live, ended,
   * cancelled.
   */
  public record ShowRef(long id, long hostId, String status) {
    public boolean isLive() {
      return "live".equals(status);
    }

    public boolean isOver() {
      return "ended".equals(status) || "cancelled".equals(status);
    }
  }

  /**
   * A user's standing in one show: their role, whether banned, and until when they are timed out
   * (or null).
   */
  public record Standing(
      ShowRef show,
      long userId,
      Role role,
      boolean banned,
      @Nullable OffsetDateTime timedOutUntil) {
    public boolean timedOut() {
      return timedOutUntil != null;
    }
  }

  private final Database db;

  public ShowAccess(Database db) {
    this.db = db;
  }

  /** The show, or 404 show_not_found. */
  public Future<ShowRef> find(long showId) {
    return standing(showId, 0).map(Standing::show);
  }

  public Future<Standing> standing(long showId, long userId) {
    return standing(db.pool(), showId, userId);
  }

  /**
   * The user's standing in the show (userId 0 for an anonymous viewer); fails 404 show_not_found.
   */
  public Future<Standing> standing(SqlClient client, long showId, long userId) {
    return client
        .preparedQuery(STANDING)
        .execute(Tuple.of(showId, userId))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw Refused.notFound("show_not_found", "There is no show " + showId);
              }
              Row row = rows.iterator().next();
              ShowRef show =
                  new ShowRef(row.getLong("id"), row.getLong("host_id"), row.getString("status"));
              String staff = row.getString("staff_role");
              Role role =
                  show.hostId() == userId && userId != 0
                      ? Role.HOST
                      : "cohost".equals(staff)
                          ? Role.COHOST
                          : "moderator".equals(staff) ? Role.MODERATOR : Role.VIEWER;
              return new Standing(
                  show,
                  userId,
                  role,
                  row.getBoolean("banned"),
                  row.getOffsetDateTime("timed_out_until"));
            });
  }

  /**
   * Succeeds when the user may chat, bid or buy in the show: not banned from it and not timed out.
   */
  public Future<ShowRef> requireCanParticipate(long showId, long userId) {
    return requireCanParticipate(db.pool(), showId, userId);
  }

  public Future<ShowRef> requireCanParticipate(SqlClient client, long showId, long userId) {
    return standing(client, showId, userId)
        .map(
            s -> {
              requireNotSanctioned(s);
              return s.show();
            });
  }

  /** Succeeds for the show's host or one of its co-hosts; 403 not_show_host for anyone else. */
  public Future<ShowRef> requireHost(long showId, long userId) {
    return requireHost(db.pool(), showId, userId);
  }

  public Future<ShowRef> requireHost(SqlClient client, long showId, long userId) {
    return standing(client, showId, userId)
        .map(
            s -> {
              if (!s.role().runsShow()) {
                throw Refused.forbidden(
                    "not_show_host", "Only the show's host or a co-host may do this");
              }
              return s.show();
            });
  }

  /**
   * Host, co-host, the show's moderators, and platform moderators; 403 not_show_moderator
   * otherwise.
   */
  public Future<Standing> requireModerator(long showId, Caller caller) {
    return standing(showId, caller.userId())
        .map(
            s -> {
              if (!s.role().moderates() && !caller.isModerator()) {
                throw Refused.forbidden(
                    "not_show_moderator",
                    "Only the show's host, co-hosts and moderators may do this");
              }
              return s;
            });
  }

  /** 403 banned_from_show or timed_out, from a row with {@link #SANCTION_COLUMNS}. */
  public static void requireNotSanctioned(Row row) {
    requireNotSanctioned(row.getBoolean("banned"), row.getOffsetDateTime("timed_out_until"));
  }

  static void requireNotSanctioned(Standing s) {
    requireNotSanctioned(s.banned(), s.timedOutUntil());
  }

  private static void requireNotSanctioned(boolean banned, @Nullable OffsetDateTime timedOutUntil) {
    if (banned) {
      throw Refused.forbidden("banned_from_show", "You are banned from this show");
    }
    if (timedOutUntil != null) {
      throw Refused.forbidden(
          "timed_out", "You are timed out in this show until " + timedOutUntil.toInstant());
    }
  }
}
