package io.showfloor.commerce.catalog;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Product fields as a seller sends them; null means "not given" (keep the current value on an
 * update, use the default on a create). {@link ProductRules} checks them.
 */
public record ProductDraft(
    @Nullable String sku,
    @Nullable String title,
    @Nullable String description,
    @Nullable String category,
    @Nullable String condition,
    @Nullable Long priceCents,
    @Nullable Integer quantity,
    @Nullable Long shippingCents,
    @Nullable List<String> imageUrls,
    @Nullable Integer lowStockThreshold) {
  public ProductDraft withSku(@Nullable String value) {
    return new ProductDraft(
        value,
        title,
        description,
        category,
        condition,
        priceCents,
        quantity,
        shippingCents,
        imageUrls,
        lowStockThreshold);
  }
}
