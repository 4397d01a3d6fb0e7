package io.showfloor.notify;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due outbox rows. A claim is a short transaction that leases rows (status 'sending',
 * {@code claimed_until}) with FOR UPDATE SKIP LOCKED, so several nodes share the work without
 * taking the same row. Each attempt increments {@code attempts}, which doubles as a fencing token:
 * a node whose lease ran out cannot overwrite the outcome of the node that took the row over. A
 * lease that expires (the node died mid-send) makes the row due again; the repeat carries the same
 * delivery key, so the provider drops it if the first send went through.
 */
public final class MailDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(MailDelivery.class);
  private static final long MAX_BACKOFF_MILLIS = 3_600_000;
  // each branch walks its own partial index in that index's order (due mail by next_attempt_at,
  // lapsed
  // leases by claimed_until), so a claim reads only rows still to send. The single "(pending and
  // due) OR
  // (sending and lapsed) ORDER BY id" it replaces was planned as a walk of the primary key from the
  // first
  // row ever written, past every mail already sent: ~7,000-9,600 buffer reads per claim after a few
  // minutes of checkouts (bench/README.md, session 4). Lapsed leases go first; at most one batch is
  // claimed (the rows the outer LIMIT drops are locked only until this statement's autocommit).
  private static final String CLAIM =
      """
      WITH lapsed AS (
        SELECT id FROM mail_outbox WHERE status = 'sending' AND claimed_until < now()
        ORDER BY claimed_until LIMIT $2 FOR UPDATE SKIP LOCKED),
      due AS (
        SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
      UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1,
        claimed_until = now() + make_interval(secs => $1)
      WHERE id IN (SELECT id FROM (SELECT id, 0 AS rank FROM lapsed UNION ALL SELECT id, 1 FROM due) AS c
                   ORDER BY rank LIMIT $2)
      RETURNING id, to_address, subject, text_body, html_body, delivery_key::text AS delivery_key, attempts""";
  // the attempt number fences each row: a node whose lease ran out cannot mark a row another node
  // took over
  private static final String MARK_SENT =
      """
      UPDATE mail_outbox m SET status = 'sent', sent_at = now(), claimed_until = NULL, last_error = NULL
      FROM unnest($1::bigint[], $2::int[]) AS s(id, attempts)
      WHERE m.id = ANY($1::bigint[]) AND m.id = s.id AND m.status = 'sending' AND m.attempts = s.attempts""";
  private static final String MARK_FAILED =
      """
      UPDATE mail_outbox SET status = CASE WHEN $3 OR attempts >= $4 THEN 'failed' ELSE 'pending' END,
        next_attempt_at = now() + make_interval(secs => $5), claimed_until = NULL, last_error = $6
      WHERE id = $1 AND status = 'sending' AND attempts = $2""";

  private final Database db;
  private final MailPort port;
  private final int maxAttempts;
  private final long retryBaseMillis;
  private final int claimSeconds;
  private final int batchSize;

  public MailDelivery(
      Database db,
      MailPort port,
      int maxAttempts,
      long retryBaseMillis,
      int claimSeconds,
      int batchSize) {
    this.db = db;
    this.port = port;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.retryBaseMillis = Math.max(1, retryBaseMillis);
    this.claimSeconds = Math.max(1, claimSeconds);
    this.batchSize = Math.max(1, batchSize);
  }

  public int batchSize() {
    return batchSize;
  }

  /**
   * Claims up to one batch of due mail, hands it to the port, then records the mails sent in one
   * statement (failures one by one); answers how many rows were claimed.
   */
  public Future<Integer> deliverDue() {
    return db.query(CLAIM, Tuple.of(claimSeconds, batchSize))
        .compose(
            rows -> {
              List<OutgoingMail> mails = new ArrayList<>();
              List<Integer> attempts = new ArrayList<>();
              for (Row row : rows) {
                mails.add(
                    new OutgoingMail(
                        row.getLong("id"),
                        row.getString("to_address"),
                        row.getString("subject"),
                        row.getString("text_body"),
                        row.getString("html_body"),
                        row.getString("delivery_key")));
                attempts.add(row.getInteger("attempts"));
              }
              if (mails.isEmpty()) {
                return Future.succeededFuture(0);
              }
              List<Future<Void>> sends;
              try {
                sends = port.sendAll(mails);
              } catch (RuntimeException e) {
                sends = Collections.nCopies(mails.size(), Future.failedFuture(e));
              }
              List<Future<Void>> outcomes = new ArrayList<>();
              List<Long> sentIds = new ArrayList<>();
              List<Integer> sentAttempts = new ArrayList<>();
              for (int i = 0; i < mails.size(); i++) {
                long id = mails.get(i).outboxId();
                int attempt = attempts.get(i);
                outcomes.add(
                    sends
                        .get(i)
                        .onSuccess(
                            v -> {
                              sentIds.add(id);
                              sentAttempts.add(attempt);
                            })
                        .recover(failure -> failed(id, attempt, failure)));
              }
              return Future.join(outcomes)
                  .transform(
                      v ->
                          sentIds.isEmpty()
                              ? Future.succeededFuture()
                              : db.query(
                                      MARK_SENT,
                                      Tuple.tuple()
                                          .addArrayOfLong(sentIds.toArray(Long[]::new))
                                          .addArrayOfInteger(sentAttempts.toArray(Integer[]::new)))
                                  .mapEmpty())
                  .map(rows.rowCount());
            });
  }

  private Future<Void> failed(long id, int attempt, Throwable failure) {
    boolean permanent = failure instanceof MailRejected;
    boolean last = permanent || attempt >= maxAttempts;
    if (last) {
      LOG.error("Mail {} failed for good after {} attempt(s): {}", id, attempt, failure.toString());
    } else {
      LOG.warn("Mail {} attempt {} failed, will retry: {}", id, attempt, failure.toString());
    }
    String error = String.valueOf(failure.getMessage());
    return db.query(
            MARK_FAILED,
            Tuple.of(
                id,
                attempt,
                permanent,
                maxAttempts,
                backoffSeconds(attempt),
                error.length() > 500 ? error.substring(0, 500) : error))
        .mapEmpty();
  }

  /** Exponential backoff: base, 2×base, 4×base … capped at one hour. */
  double backoffSeconds(int attempt) {
    long millis = retryBaseMillis << Math.min(30, Math.max(0, attempt - 1));
    return Math.min(millis, MAX_BACKOFF_MILLIS) / 1000.0;
  }
}
