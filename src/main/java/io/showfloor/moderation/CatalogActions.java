package io.showfloor.moderation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import org.jspecify.annotations.Nullable;

/**
 * What moderation asks of the catalogue (products, their reviews and buyers' return requests),
 * carried out by the catalogue's own code inside the decision's transaction. Implemented by
 * commerce ({@code commerce.CommerceCatalogActions}).
 */
public interface CatalogActions {
  /** Takes a product off sale (archived), as its seller could. */
  Future<Void> archiveProduct(SqlConnection tx, long productId);

  /** Hides a review from its product page; 404 review_not_found when there is none. */
  Future<Void> hideReview(SqlConnection tx, long moderatorId, long reviewId);

  /**
   * Hears every review hidden or shown, wherever it was done, inside that transaction (the audit
   * trail).
   */
  void onReviewHidden(ReviewHidden listener);

  /**
   * Hears every moderator's ruling on an escalated return request, inside its transaction (the
   * audit trail).
   */
  void onBuyerProtectionRuling(BuyerProtectionRuling listener);

  @FunctionalInterface
  interface BuyerProtectionRuling {
    Future<Void> ruled(
        SqlClient tx,
        long moderatorId,
        long requestId,
        long sellerId,
        String action,
        @Nullable String note,
        JsonObject detail);
  }

  @FunctionalInterface
  interface ReviewHidden {
    Future<Void> hidden(
        SqlClient tx, long moderatorId, long reviewId, long authorId, boolean hidden);
  }
}
