package io.showfloor.commerce;

import io.showfloor.moderation.CatalogActions;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Moderation's {@link CatalogActions}, carried out by the catalogue and the reviews as their own
 * users' requests are.
 */
public final class CommerceCatalogActions implements CatalogActions {
  private final Commerce commerce;

  public CommerceCatalogActions(Commerce commerce) {
    this.commerce = commerce;
  }

  @Override
  public Future<Void> archiveProduct(SqlConnection tx, long productId) {
    return commerce.catalog().archive(tx, productId);
  }

  @Override
  public Future<Void> hideReview(SqlConnection tx, long moderatorId, long reviewId) {
    return commerce.reviews().hide(tx, moderatorId, reviewId, true).mapEmpty();
  }

  @Override
  public void onReviewHidden(ReviewHidden listener) {
    commerce.reviews().onHide(listener::hidden);
  }

  @Override
  public void onBuyerProtectionRuling(BuyerProtectionRuling listener) {
    commerce.returns().onRuling(listener::ruled);
  }
}
