package io.showfloor.commerce.catalog;

import java.util.List;

/**
 * Product fields as a seller sends them; null means "not given" (keep the current value on an
 * update, use the default on a create). {@link ProductRules} checks them.
 */
public record ProductDraft(String sku, String title, String description, String category, String condition,
                           Long priceCents, Integer quantity, Long shippingCents, List<String> imageUrls,
                           Integer lowStockThreshold) {
  public ProductDraft withSku(String value) {
    return new ProductDraft(value, title, description, category, condition, priceCents, quantity, shippingCents,
        imageUrls, lowStockThreshold);
  }
}
