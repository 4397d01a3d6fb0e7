package io.showfloor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.DatabaseUrl;
import io.showfloor.testing.ScratchDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The outbox and its delivery worker, against a database of their own so the test node's worker
 * cannot take the rows these tests want to watch.
 */
@DisplayName("Mail outbox delivery")
class MailOutboxTest {
  private static Vertx vertx;
  private static Database db;
  private static LocalMailbox mailbox;
  private static MailOutbox outbox;

  @BeforeAll
  static void database() {
    vertx = Vertx.vertx();
    db = new Database(vertx, DatabaseUrl.parse(ScratchDatabase.create("outbox")), 8);
    mailbox = new LocalMailbox(db, "Showfloor <no-reply@showfloor.test>");
    outbox = new MailOutbox(vertx);
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @BeforeEach
  void empty() {
    db.query("DELETE FROM mail_outbox", Tuple.tuple()).await();
    db.query("DELETE FROM local_mailbox", Tuple.tuple()).await();
  }

  /**
   * A provider that refuses the first {@code failures} sends, then hands mail to the local mailbox.
   */
  static final class FlakyPort implements MailPort {
    final List<String> deliveryKeys = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;
    private final RuntimeException failure;

    FlakyPort(int failures, RuntimeException failure) {
      this.failuresLeft = new AtomicInteger(failures);
      this.failure = failure;
    }

    @Override
    public Future<Void> send(OutgoingMail mail) {
      deliveryKeys.add(mail.deliveryKey());
      if (failuresLeft.getAndDecrement() > 0) {
        return Future.failedFuture(failure);
      }
      return mailbox.send(mail);
    }
  }

  private static long enqueue(String to, String dedupeKey) {
    db.tx(
            conn ->
                outbox.enqueue(
                    conn, to, new Mail("Hello", "Hello " + to, "<p>Hello</p>"), dedupeKey))
        .await();
    return db.one("SELECT max(id) AS id FROM mail_outbox", Tuple.tuple()).await().getLong("id");
  }

  private static Row row(long id) {
    return db.one(
            "SELECT status, attempts, last_error, extract(epoch FROM next_attempt_at - now()) AS wait "
                + "FROM mail_outbox WHERE id = $1",
            Tuple.of(id))
        .await();
  }

  private static int stored(String to) {
    return mailbox.list(to, 50).await().size();
  }

  /** Runs the worker until the row is sent or failed (2 s at most). */
  private static void deliverUntilSettled(MailDelivery delivery, long id)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 2_000;
    while (System.currentTimeMillis() < deadline) {
      delivery.deliverDue().await();
      String status = row(id).getString("status");
      if (status.equals("sent") || status.equals("failed")) {
        return;
      }
      Thread.sleep(10);
    }
  }

  @Test
  @DisplayName(
      "a mail whose first two sends fail is delivered exactly once, on the third, with one delivery key")
  void retriesThenDeliversOnce() throws InterruptedException {
    FlakyPort port = new FlakyPort(2, new IllegalStateException("provider down"));
    MailDelivery delivery = new MailDelivery(db, port, 8, 5, 60, 20);
    long id = enqueue("retry@example.test", null);
    deliverUntilSettled(delivery, id);

    assertEquals(3, port.deliveryKeys.size());
    assertEquals(
        1, Set.copyOf(port.deliveryKeys).size(), "every attempt carries the same delivery key");
    Row row = row(id);
    assertEquals("sent", row.getString("status"));
    assertEquals(3, row.getInteger("attempts"));
    assertEquals(1, stored("retry@example.test"));
  }

  @Test
  @DisplayName(
      "a row sent again after its worker died before recording the send is not delivered twice")
  void redeliveryIsIdempotent() throws InterruptedException {
    FlakyPort port = new FlakyPort(0, null);
    MailDelivery delivery = new MailDelivery(db, port, 8, 5, 60, 20);
    long id = enqueue("crash@example.test", null);
    deliverUntilSettled(delivery, id);
    assertEquals(1, stored("crash@example.test"));

    // the worker "died" after sending: its lease ran out and the row still says sending
    db.query(
            "UPDATE mail_outbox SET status = 'sending', sent_at = NULL, claimed_until = now() - interval '1 second' "
                + "WHERE id = $1",
            Tuple.of(id))
        .await();
    deliverUntilSettled(delivery, id);

    assertEquals(2, port.deliveryKeys.size(), "the row was sent again");
    assertEquals(port.deliveryKeys.get(0), port.deliveryKeys.get(1));
    assertEquals(1, stored("crash@example.test"), "but arrived once");
    assertEquals("sent", row(id).getString("status"));
  }

  @Test
  @DisplayName("a row still leased to a live worker is left alone")
  void leaseRespected() {
    FlakyPort port = new FlakyPort(0, null);
    MailDelivery delivery = new MailDelivery(db, port, 8, 5, 60, 20);
    long id = enqueue("leased@example.test", null);
    db.query(
            "UPDATE mail_outbox SET status = 'sending', attempts = 1, claimed_until = now() + interval '1 minute' "
                + "WHERE id = $1",
            Tuple.of(id))
        .await();
    assertEquals(0, delivery.deliverDue().await());
    assertEquals(0, port.deliveryKeys.size());
  }

  @Test
  @DisplayName("mail enqueued in a transaction that rolls back is never sent")
  void rolledBack() {
    Future<Void> failed =
        db.tx(
            conn ->
                outbox
                    .enqueue(conn, "rollback@example.test", new Mail("Hi", "Hi", "<p>Hi</p>"), null)
                    .compose(
                        v ->
                            Future.<Void>failedFuture(
                                new IllegalStateException("the change failed"))));
    assertTrue(failed.toCompletionStage().toCompletableFuture().handle((v, e) -> e != null).join());
    assertEquals(
        0L, db.one("SELECT count(*) AS n FROM mail_outbox", Tuple.tuple()).await().getLong("n"));
  }

  @Test
  @DisplayName("the same dedupe key enqueued twice is one mail")
  void dedupeKey() throws InterruptedException {
    long id = enqueue("dedupe@example.test", "order-shipped:7");
    enqueue("dedupe@example.test", "order-shipped:7");
    assertEquals(
        1L, db.one("SELECT count(*) AS n FROM mail_outbox", Tuple.tuple()).await().getLong("n"));
    deliverUntilSettled(new MailDelivery(db, new FlakyPort(0, null), 8, 5, 60, 20), id);
    assertEquals(1, stored("dedupe@example.test"));
  }

  @Test
  @DisplayName("a refusal for good is not retried; other failures stop after mail.maxAttempts")
  void givingUp() throws InterruptedException {
    FlakyPort rejecting = new FlakyPort(100, new MailRejected("422 invalid address", null));
    long rejected = enqueue("rejected@example.test", null);
    deliverUntilSettled(new MailDelivery(db, rejecting, 8, 5, 60, 20), rejected);
    assertEquals("failed", row(rejected).getString("status"));
    assertEquals(1, rejecting.deliveryKeys.size());

    FlakyPort down = new FlakyPort(100, new IllegalStateException("provider down"));
    long unlucky = enqueue("unlucky@example.test", null);
    deliverUntilSettled(new MailDelivery(db, down, 3, 5, 60, 20), unlucky);
    Row row = row(unlucky);
    assertEquals("failed", row.getString("status"));
    assertEquals(3, row.getInteger("attempts"));
    assertEquals("provider down", row.getString("last_error"));
    assertEquals(3, down.deliveryKeys.size());
  }

  @Test
  @DisplayName("the wait between attempts doubles")
  void backoff() {
    FlakyPort down = new FlakyPort(100, new IllegalStateException("provider down"));
    MailDelivery delivery = new MailDelivery(db, down, 8, 60_000, 60, 20);
    long id = enqueue("backoff@example.test", null);
    delivery.deliverDue().await();
    double first = row(id).getNumeric("wait").doubleValue();
    assertTrue(first > 55 && first <= 60, "first wait " + first);
    db.query("UPDATE mail_outbox SET next_attempt_at = now() WHERE id = $1", Tuple.of(id)).await();
    delivery.deliverDue().await();
    double second = row(id).getNumeric("wait").doubleValue();
    assertTrue(second > 115 && second <= 120, "second wait " + second);
  }

  @Test
  @DisplayName("two workers running side by side send each mail once")
  void twoWorkers() {
    for (int i = 0; i < 60; i++) {
      enqueue("crowd" + i + "@example.test", null);
    }
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger sends = new AtomicInteger();
    MailPort counting =
        mail -> {
          sends.incrementAndGet();
          seen.add(mail.outboxId());
          return mailbox.send(mail);
        };
    MailDelivery a = new MailDelivery(db, counting, 8, 5, 60, 7);
    MailDelivery b = new MailDelivery(db, counting, 8, 5, 60, 7);
    for (int round = 0; round < 10; round++) {
      Future.all(a.deliverDue(), b.deliverDue(), a.deliverDue(), b.deliverDue()).await();
    }
    assertEquals(60, sends.get());
    assertEquals(60, seen.size());
    assertEquals(
        60L,
        db.one("SELECT count(*) AS n FROM mail_outbox WHERE status = 'sent'", Tuple.tuple())
            .await()
            .getLong("n"));
  }
}
