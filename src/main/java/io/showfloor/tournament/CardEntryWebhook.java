package io.showfloor.tournament;

import io.showfloor.commerce.payment.PaymentSubject.Outcome;
import io.showfloor.commerce.payment.StripeWebhooks.WebhookEvent;
import io.showfloor.commerce.payment.WebhookRoute;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code payment_intent.succeeded} for an entry fee the browser confirmed (metadata {@code kind:
 * tournament_entry}, {@code tournamentId}, {@code userId}, optional {@code entryKey}), handed over
 * by commerce's webhook inside the transaction that records the event id, so it applies once.
 */
final class CardEntryWebhook implements WebhookRoute {
  private static final String DIGITS = "\\d{1,18}";
  private final Entries entries;

  CardEntryWebhook(Entries entries) {
    this.entries = entries;
  }

  @Override
  public Set<String> types() {
    return Set.of("payment_intent.succeeded");
  }

  @Override
  public Future<Outcome> apply(SqlConnection conn, WebhookEvent event) {
    JsonObject intent = event.object();
    String tournament = event.metadata("tournamentId");
    String user = event.metadata("userId");
    String paymentId = intent.getString("id");
    if (tournament == null
        || user == null
        || paymentId == null
        || !tournament.matches(DIGITS)
        || !user.matches(DIGITS)) {
      return Future.succeededFuture(Outcome.of("ignored: not a tournament entry we made"));
    }
    long cents = intent.getLong("amount_received", intent.getLong("amount", 0L));
    List<Runnable> afterCommit = new ArrayList<>();
    return entries
        .cardPaid(
            conn,
            Long.parseLong(tournament),
            Long.parseLong(user),
            paymentId,
            cents,
            event.metadata("entryKey"),
            afterCommit)
        .map(description -> new Outcome(description, afterCommit));
  }
}
