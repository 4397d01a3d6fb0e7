package io.showfloor.commerce.catalog;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Sellers' products: create, edit, archive, read and search. Only a product's seller (or an admin)
 * may change it.
 */
public final class Catalog {
  private static final String INSERT =
      """
      INSERT INTO products (seller_id, sku, title, description, category, condition, price_cents, stock,
                            shipping_cents, image_urls, low_stock_threshold)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING\s"""
          + Product.COLUMNS;
  // every field is NOT NULL, so COALESCE keeps what the PATCH did not name
  private static final String UPDATE =
      """
      UPDATE products SET sku = COALESCE($2, sku), title = COALESCE($3, title), description = COALESCE($4, description),
             category = COALESCE($5, category), condition = COALESCE($6, condition), price_cents = COALESCE($7, price_cents),
             stock = COALESCE($8, stock), shipping_cents = COALESCE($9, shipping_cents),
             image_urls = COALESCE($10, image_urls), low_stock_threshold = COALESCE($11, low_stock_threshold),
             updated_at = now()
      WHERE id = $1 RETURNING\s"""
          + Product.COLUMNS;
  private static final String SEARCH =
      """
      SELECT\s"""
          + Product.COLUMNS
          + """
       FROM products
      WHERE status = $1
        AND ($2::text IS NULL OR search @@ websearch_to_tsquery('simple', $2))
        AND ($3::text IS NULL OR category = $3)
        AND ($4::bigint IS NULL OR seller_id = $4)
        AND ($5::bigint IS NULL OR id < $5)
      ORDER BY id DESC LIMIT $6""";

  private final Database db;
  private final int defaultLowStock;
  private final SecureRandom random = new SecureRandom();

  /** {@code defaultLowStock}: the low-stock threshold of a product that names none. */
  public Catalog(Database db, int defaultLowStock) {
    this.db = db;
    this.defaultLowStock = defaultLowStock;
  }

  public Future<Product> create(Caller seller, ProductDraft draft) {
    List<String> problems = ProductRules.problems(draft, true);
    if (!problems.isEmpty()) {
      return Future.failedFuture(Refused.invalid("validation_failed", String.join("; ", problems)));
    }
    String sku = draft.sku() != null ? draft.sku() : generatedSku();
    // problems(draft, creating = true) refuses a draft without a title
    String title = Objects.requireNonNull(draft.title(), "title");
    return db.one(
            INSERT,
            Tuple.of(
                    seller.userId(),
                    sku,
                    title.trim(),
                    draft.description() == null ? "" : draft.description(),
                    ProductRules.normalizeCategory(draft.category()),
                    draft.condition() == null ? "new" : draft.condition(),
                    draft.priceCents(),
                    draft.quantity())
                .addValue(draft.shippingCents() == null ? 0L : draft.shippingCents())
                .addArrayOfString(
                    draft.imageUrls() == null
                        ? new String[0]
                        : draft.imageUrls().toArray(String[]::new))
                .addValue(
                    draft.lowStockThreshold() == null
                        ? defaultLowStock
                        : draft.lowStockThreshold()))
        .map(Product::of)
        .recover(
            e ->
                Future.failedFuture(
                    Database.isUniqueViolation(e, "products_seller_sku")
                        ? Refused.conflict(
                            "sku_taken", "You already have a product with SKU " + sku)
                        : e));
  }

  public Future<Product> update(Caller caller, long id, ProductDraft draft) {
    List<String> problems = ProductRules.problems(draft, false);
    if (!problems.isEmpty()) {
      return Future.failedFuture(Refused.invalid("validation_failed", String.join("; ", problems)));
    }
    return owned(caller, id)
        .compose(
            product ->
                db.one(
                        UPDATE,
                        Tuple.of(
                                id,
                                draft.sku(),
                                draft.title() == null ? null : draft.title().trim(),
                                draft.description(),
                                ProductRules.normalizeCategory(draft.category()),
                                draft.condition(),
                                draft.priceCents(),
                                draft.quantity())
                            .addValue(draft.shippingCents())
                            .addArrayOfString(
                                draft.imageUrls() == null
                                    ? null
                                    : draft.imageUrls().toArray(String[]::new))
                            .addValue(draft.lowStockThreshold()))
                    .map(Product::of)
                    .recover(
                        e ->
                            Future.failedFuture(
                                Database.isUniqueViolation(e, "products_seller_sku")
                                    ? Refused.conflict(
                                        "sku_taken",
                                        "You already have a product with SKU " + draft.sku())
                                    : e)));
  }

  /** Archived products leave search and cannot be bought; orders already made are not touched. */
  public Future<Void> archive(Caller caller, long id) {
    return owned(caller, id).compose(product -> archive(db.pool(), id));
  }

  /**
   * The archive itself, on {@code client}: the moderation queue takes a product down inside its own
   * transaction.
   */
  public Future<Void> archive(io.vertx.sqlclient.SqlClient client, long id) {
    return client
        .preparedQuery("UPDATE products SET status = 'archived', updated_at = now() WHERE id = $1")
        .execute(Tuple.of(id))
        .compose(
            rows ->
                rows.rowCount() == 1
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        Refused.notFound("product_not_found", "No product " + id)));
  }

  public Future<Product> get(long id) {
    return db.one("SELECT " + Product.COLUMNS + " FROM products WHERE id = $1", Tuple.of(id))
        .map(
            row -> {
              if (row == null) {
                throw Refused.notFound("product_not_found", "No product " + id);
              }
              return Product.of(row);
            });
  }

  private Future<Product> owned(Caller caller, long id) {
    return get(id)
        .map(
            product -> {
              if (product.sellerId() != caller.userId() && !caller.hasRole("admin")) {
                throw Refused.forbidden("not_owner", "Only the product's seller may change it");
              }
              return product;
            });
  }

  /**
   * Newest first, {@code before} is the last id already seen. Archived products only for their
   * seller.
   */
  public Future<JsonObject> search(
      Caller caller,
      @Nullable String q,
      @Nullable String category,
      @Nullable Long sellerId,
      @Nullable String status,
      @Nullable Long before,
      int limit) {
    String wanted = status == null ? "active" : status;
    if ("archived".equals(wanted)
        && (sellerId == null || (sellerId != caller.userId() && !caller.hasRole("admin")))) {
      return Future.failedFuture(
          Refused.forbidden(
              "not_owner", "Archived products are listed only for their seller: pass sellerId"));
    }
    String query = q == null || q.isBlank() ? null : q.trim();
    return db.query(
            SEARCH,
            Tuple.of(
                wanted,
                query,
                ProductRules.normalizeCategory(category),
                sellerId,
                before,
                limit + 1))
        .map(rows -> KeysetPage.of(rows, limit, row -> Product.of(row).toJson()));
  }

  private String generatedSku() {
    return "SF-" + Long.toString(Math.abs(random.nextLong()) % 2_176_782_336L, 36).toUpperCase();
  }

  static ProductDraft draftOf(JsonObject body) {
    JsonArray images = body.getJsonArray("imageUrls");
    return new ProductDraft(
        body.getString("sku"),
        body.getString("title"),
        body.getString("description"),
        body.getString("category"),
        body.getString("condition"),
        body.getLong("priceCents"),
        body.getInteger("quantity"),
        body.getLong("shippingCents"),
        images == null ? null : images.stream().map(String::valueOf).toList(),
        body.getInteger("lowStockThreshold"));
  }
}
