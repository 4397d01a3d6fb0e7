package io.showfloor.show;

import io.showfloor.account.DemoUsers;
import io.showfloor.platform.DemoSeed;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The shows of the --demo world: Kai (creator) has an upcoming show that Ava follows, and last
 * night's show already ended, with chat, a poll and a question, so its replay page has something.
 */
final class ShowDemo {
  private ShowDemo() {}

  static DemoSeed seed() {
    return new DemoSeed(
        "shows.demo",
        conn ->
            conn.preparedQuery(
                    """
            SELECT (SELECT id FROM user_directory WHERE lower(email) = $1) AS creator,
                   (SELECT id FROM user_directory WHERE lower(email) = $2) AS viewer,
                   (SELECT id FROM user_directory WHERE lower(email) = $3) AS collector""")
                .execute(Tuple.of(DemoUsers.CREATOR, DemoUsers.VIEWER, DemoUsers.COLLECTOR))
                .compose(
                    rows -> {
                      var row = rows.iterator().next();
                      Long creator = row.getLong("creator");
                      Long viewer = row.getLong("viewer");
                      Long collector = row.getLong("collector");
                      if (creator == null || viewer == null || collector == null) {
                        return Future.succeededFuture();
                      }
                      return plant(conn, creator, viewer, collector);
                    }));
  }

  /** Shows each simulated host ran, one a week for the last {@link #PAST_WEEKS} weeks. */
  public static final int PAST_WEEKS = 8;

  private static final List<String> PAST_TITLES =
      List.of("Sneaker Sunday", "Vintage Watch Hour", "Card Break Night");
  private static final List<String> PAST_CATEGORIES =
      List.of("sneakers", "watches", "trading-cards");

  /**
   * The simulated hosts' past: weekly shows that ended, labelled simulated (auctions' {@code
   * auctions.past-sales} seed fills them with sold lots).
   */
  static DemoSeed simulatedPast() {
    return new DemoSeed(
        "shows.simulated-past",
        conn -> {
          Future<Void> chain = Future.succeededFuture();
          for (int host = 0; host < DemoUsers.SIMULATED_HOSTS.size(); host++) {
            for (int week = PAST_WEEKS; week >= 1; week--) {
              Tuple args =
                  Tuple.of(
                      DemoUsers.SIMULATED_HOSTS.get(host),
                      PAST_TITLES.get(host)
                          + ", "
                          + week
                          + (week == 1 ? " week" : " weeks")
                          + " ago (simulated)",
                      "A past show of the simulated --demo world: its lots sold to bots.",
                      PAST_CATEGORIES.get(host),
                      week * 7 - host);
              chain =
                  chain.compose(
                      v ->
                          conn.preparedQuery(
                                  """
                  INSERT INTO shows (host_id, title, description, category, scheduled_at, status, started_at, ended_at,
                                     peak_viewers, viewer_samples, viewer_sample_sum)
                  SELECT id, $2, $3, $4, date_trunc('hour', now()) - make_interval(days => $5),
                         'ended', date_trunc('hour', now()) - make_interval(days => $5),
                         date_trunc('hour', now()) - make_interval(days => $5) + interval '1 hour', 30, 10, 200
                  FROM user_directory WHERE lower(email) = $1""")
                              .execute(args)
                              .mapEmpty());
            }
          }
          return chain;
        });
  }

  private static Future<Void> plant(SqlConnection conn, long creator, long viewer, long collector) {
    return conn.preparedQuery(
            """
            INSERT INTO shows (host_id, title, description, category, cover_image_url, scheduled_at)
            VALUES ($1, 'Friday Night Sneaker Drops', 'Deadstock Jordans, Dunks and a few grails. Bring your max bids.',
                    'sneakers', NULL, date_trunc('hour', now()) + interval '1 day 2 hours')""")
        .execute(Tuple.of(creator))
        .compose(
            v ->
                conn.preparedQuery(
                        "INSERT INTO host_follows (follower_id, host_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .execute(Tuple.of(viewer, creator)))
        .compose(
            v ->
                conn.preparedQuery(
                        """
            INSERT INTO shows (host_id, title, description, category, scheduled_at, status, started_at, ended_at,
                               peak_viewers, viewer_samples, viewer_sample_sum)
            VALUES ($1, 'Vintage Watch Hour', 'Seiko, Omega and one surprise.', 'watches', now() - interval '1 day',
                    'ended', now() - interval '1 day', now() - interval '23 hours', 41, 20, 640) RETURNING id""")
                    .execute(Tuple.of(creator)))
        .compose(
            rows -> {
              long show = rows.iterator().next().getLong("id");
              return conn.preparedQuery(
                      """
                  INSERT INTO chat_messages (show_id, user_id, text, created_at) VALUES
                    ($1, $2, 'Is the Omega an original dial?', now() - interval '1 day' + interval '5 minutes'),
                    ($1, $3, 'Yes, original dial and hands, serviced last year.', now() - interval '1 day' + interval '6 minutes'),
                    ($1, $4, 'That Seiko is gorgeous', now() - interval '1 day' + interval '20 minutes')""")
                  .execute(Tuple.of(show, viewer, creator, collector))
                  .compose(
                      v ->
                          conn.preparedQuery(
                                  """
                  INSERT INTO polls (show_id, created_by, question, options, status, closed_at)
                  VALUES ($1, $2, 'What should we open next?', ARRAY['Omega', 'Seiko'], 'closed', now() - interval '23 hours')
                  RETURNING id""")
                              .execute(Tuple.of(show, creator)))
                  .compose(
                      poll ->
                          conn.preparedQuery(
                                  "INSERT INTO poll_votes (poll_id, user_id, option_index) VALUES ($1, $2, 0), ($1, $3, 1)")
                              .execute(
                                  Tuple.of(
                                      poll.iterator().next().getLong("id"), viewer, collector)))
                  .compose(
                      v ->
                          conn.preparedQuery(
                                  """
                  INSERT INTO questions (show_id, user_id, text, upvotes, answered_at, answered_by)
                  VALUES ($1, $2, 'Do you ship to Italy?', 1, now() - interval '23 hours', $3)""")
                              .execute(Tuple.of(show, collector, creator)))
                  .mapEmpty();
            });
  }
}
