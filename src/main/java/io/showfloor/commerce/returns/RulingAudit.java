package io.showfloor.commerce.returns;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import org.jspecify.annotations.Nullable;

/**
 * Told, inside the ruling's transaction, that a moderator decided an escalated request (moderation
 * audits it).
 */
public interface RulingAudit {
  Future<Void> ruled(
      SqlConnection conn,
      long moderatorId,
      long requestId,
      long sellerId,
      String action,
      @Nullable String note,
      JsonObject detail);
}
