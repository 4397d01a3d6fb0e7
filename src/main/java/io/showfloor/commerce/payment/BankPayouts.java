package io.showfloor.commerce.payment;

import io.showfloor.commerce.payment.PaymentSubject.Outcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

/**
 * What a connected account's bank payout ending ({@code payout.paid} / {@code payout.failed})
 * changes here.
 */
public interface BankPayouts {
  Future<Outcome> ended(SqlConnection conn, JsonObject payout, boolean paid);
}
