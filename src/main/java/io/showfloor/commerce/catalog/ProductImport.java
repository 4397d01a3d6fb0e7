package io.showfloor.commerce.catalog;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Imports a seller's CSV: one product per row, matched to existing products by SKU (update) or
 * created. Every row is checked on its own and reported as created, updated or refused with the
 * reason; the good rows are written together in one transaction, so a bad row never aborts them.
 *
 * <p>Columns (header row, any order, case-insensitive): {@code sku, title, category, quantity} and
 * {@code priceCents} or {@code price} (dollars, e.g. 12.50) are required; {@code description,
 * condition, shippingCents} or {@code shipping}, {@code imageUrls} (separated by {@code |} or
 * spaces) and {@code lowStockThreshold} are optional. An empty optional cell keeps the current
 * value of an existing product and takes the default for a new one.
 */
public final class ProductImport {
  private static final Set<String> KNOWN =
      Set.of(
          "sku",
          "title",
          "description",
          "category",
          "condition",
          "pricecents",
          "price",
          "quantity",
          "shippingcents",
          "shipping",
          "imageurls",
          "lowstockthreshold");
  private static final String EXISTING =
      "SELECT id, sku FROM products WHERE seller_id = $1 AND sku = ANY($2::text[])";
  private static final String INSERT =
      """
      INSERT INTO products (seller_id, sku, title, description, category, condition, price_cents, stock,
                            shipping_cents, image_urls, low_stock_threshold)
      SELECT $1, r.sku, r.title, r.description, r.category, r.condition, r.price, r.stock, r.shipping,
             CASE WHEN r.images = '' THEN '{}'::text[] ELSE string_to_array(r.images, E'\\n') END, r.low
      FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::int[], $9::bigint[],
                  $10::text[], $11::int[]) AS r(sku, title, description, category, condition, price, stock, shipping, images, low)
      RETURNING id, sku""";
  private static final String UPDATE =
      """
      UPDATE products p SET title = r.title, description = COALESCE(r.description, p.description),
             category = r.category, condition = COALESCE(r.condition, p.condition), price_cents = r.price,
             stock = r.stock, shipping_cents = COALESCE(r.shipping, p.shipping_cents),
             image_urls = COALESCE(CASE WHEN r.images = '' THEN '{}'::text[] ELSE string_to_array(r.images, E'\\n') END, p.image_urls),
             low_stock_threshold = COALESCE(r.low, p.low_stock_threshold), updated_at = now()
      FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::int[], $9::bigint[],
                  $10::text[], $11::int[]) AS r(sku, title, description, category, condition, price, stock, shipping, images, low)
      WHERE p.seller_id = $1 AND p.sku = r.sku
      RETURNING p.id, p.sku""";

  private final Database db;
  private final int maxRows;
  private final int defaultLowStock;

  public ProductImport(Database db, int maxRows, int defaultLowStock) {
    this.db = db;
    this.maxRows = maxRows;
    this.defaultLowStock = defaultLowStock;
  }

  /** One data row's fate in the report. */
  record RowResult(
      int line,
      @Nullable String sku,
      String status,
      @Nullable Long productId,
      @Nullable String reason) {
    JsonObject toJson() {
      JsonObject json = new JsonObject().put("line", line).put("sku", sku).put("status", status);
      if (productId != null) {
        json.put("productId", productId);
      }
      if (reason != null) {
        json.put("reason", reason);
      }
      return json;
    }
  }

  /** A row that can be written: its slot in the results, its record, its draft. */
  private record Good(int index, int record, ProductDraft draft) {}

  public Future<JsonObject> run(long sellerId, String csv) {
    List<CsvRows.Record> records = CsvRows.parse(csv);
    return columns(records, maxRows)
        .compose(
            columns -> {
              RowResult[] results = new RowResult[records.size() - 1];
              List<Good> good =
                  check(records, columns, 1, records.size(), new HashSet<>(), results, 0);
              return write(sellerId, good, records, results).map(v -> report(results));
            });
  }

  /** The header's columns by lower-case name, or the refusal of the whole file. */
  static Future<Map<String, Integer>> columns(List<CsvRows.Record> records, int maxRows) {
    if (records.isEmpty()) {
      return Future.failedFuture(Refused.invalid("csv_empty", "The CSV has no header row"));
    }
    CsvRows.Record header = records.get(0);
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.cells().size(); i++) {
      String name = header.cells().get(i).trim().toLowerCase(Locale.ROOT);
      if (!KNOWN.contains(name)) {
        return Future.failedFuture(
            Refused.invalid(
                "csv_unknown_column",
                "Unknown column '"
                    + header.cells().get(i)
                    + "' (known: sku, title, description, category, condition, priceCents or price, quantity, "
                    + "shippingCents or shipping, imageUrls, lowStockThreshold)"));
      }
      if (columns.put(name, i) != null) {
        return Future.failedFuture(
            Refused.invalid("csv_duplicate_column", "Column '" + name + "' appears twice"));
      }
    }
    List<String> missing = new ArrayList<>();
    for (String required : List.of("sku", "title", "category", "quantity")) {
      if (!columns.containsKey(required)) {
        missing.add(required);
      }
    }
    if (!columns.containsKey("pricecents") && !columns.containsKey("price")) {
      missing.add("priceCents or price");
    }
    if (!missing.isEmpty()) {
      return Future.failedFuture(
          Refused.invalid("csv_missing_columns", "Missing columns: " + String.join(", ", missing)));
    }
    if (records.size() - 1 > maxRows) {
      return Future.failedFuture(
          new Refused(
              Refused.Kind.TOO_LARGE,
              "csv_too_many_rows",
              "At most " + maxRows + " rows per import; this file has " + (records.size() - 1)));
    }
    return Future.succeededFuture(columns);
  }

  /**
   * Checks records {@code from} (inclusive, 1 is the first data row) to {@code to} (exclusive):
   * refusals go to {@code results[r - 1 - offset]}, the rows that can be written are answered.
   */
  private static List<Good> check(
      List<CsvRows.Record> records,
      Map<String, Integer> columns,
      int from,
      int to,
      Set<String> seen,
      RowResult[] results,
      int offset) {
    CsvRows.Record header = records.get(0);
    List<Good> good = new ArrayList<>();
    for (int r = from; r < to; r++) {
      CsvRows.Record record = records.get(r);
      Row row = new Row(record, columns);
      String sku = row.text("sku");
      int slot = r - 1 - offset;
      if (record.error() != null) {
        results[slot] = new RowResult(record.line(), sku, "refused", null, record.error());
      } else if (record.cells().size() != header.cells().size()) {
        results[slot] =
            new RowResult(
                record.line(),
                sku,
                "refused",
                null,
                "expected " + header.cells().size() + " cells, found " + record.cells().size());
      } else if (sku != null && !seen.add(sku)) {
        results[slot] =
            new RowResult(
                record.line(),
                sku,
                "refused",
                null,
                "SKU " + sku + " appears earlier in this file");
      } else {
        List<String> problems = new ArrayList<>();
        ProductDraft draft = row.draft(problems);
        if (draft != null) {
          problems.addAll(ProductRules.problems(draft, true));
          if (draft.sku() == null) {
            problems.add(0, "sku: required");
          }
        }
        if (draft != null && problems.isEmpty()) {
          good.add(new Good(slot, r, draft));
        } else {
          results[slot] =
              new RowResult(record.line(), sku, "refused", null, String.join("; ", problems));
        }
      }
    }
    return good;
  }

  /**
   * One slice of a background import (docs: ImportJobs): records {@code from} to {@code to} checked
   * and written; answers their results in order.
   */
  Future<List<RowResult>> runSlice(
      long sellerId,
      List<CsvRows.Record> records,
      Map<String, Integer> columns,
      int from,
      int to,
      Set<String> seen) {
    RowResult[] results = new RowResult[to - from];
    List<Good> good = check(records, columns, from, to, seen, results, from - 1);
    return write(sellerId, good, records, results).map(v -> List.of(results));
  }

  private Future<Void> write(
      long sellerId, List<Good> good, List<CsvRows.Record> records, RowResult[] results) {
    if (good.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] skus = good.stream().map(g -> g.draft().sku()).toArray(String[]::new);
    return db.tx(
            conn ->
                conn.preparedQuery(EXISTING)
                    .execute(Tuple.of(sellerId).addArrayOfString(skus))
                    .compose(
                        existing -> {
                          Set<String> known = new HashSet<>();
                          existing.forEach(row -> known.add(row.getString("sku")));
                          List<Good> creates =
                              good.stream().filter(g -> !known.contains(g.draft().sku())).toList();
                          List<Good> updates =
                              good.stream().filter(g -> known.contains(g.draft().sku())).toList();
                          Future<Map<String, Long>> created =
                              creates.isEmpty()
                                  ? Future.succeededFuture(Map.of())
                                  : conn.preparedQuery(INSERT)
                                      .execute(arrays(sellerId, creates, true))
                                      .map(ProductImport::idsBySku);
                          return created.compose(
                              c ->
                                  (updates.isEmpty()
                                          ? Future.succeededFuture(Map.<String, Long>of())
                                          : conn.preparedQuery(UPDATE)
                                              .execute(arrays(sellerId, updates, false))
                                              .map(ProductImport::idsBySku))
                                      .map(
                                          u -> {
                                            for (Good g : creates) {
                                              results[g.index()] =
                                                  new RowResult(
                                                      records.get(g.record()).line(),
                                                      g.draft().sku(),
                                                      "created",
                                                      c.get(g.draft().sku()),
                                                      null);
                                            }
                                            for (Good g : updates) {
                                              results[g.index()] =
                                                  new RowResult(
                                                      records.get(g.record()).line(),
                                                      g.draft().sku(),
                                                      "updated",
                                                      u.get(g.draft().sku()),
                                                      null);
                                            }
                                            return null;
                                          }));
                        }))
        .<Void>mapEmpty()
        // a concurrent import created one of these SKUs between our read and our insert: read again
        // once
        .recover(
            e ->
                Database.isUniqueViolation(e, "products_seller_sku")
                    ? write(sellerId, good, records, results)
                    : Future.failedFuture(e));
  }

  private Tuple arrays(long sellerId, List<Good> rows, boolean creating) {
    int n = rows.size();
    String[] sku = new String[n],
        title = new String[n],
        description = new String[n],
        category = new String[n],
        condition = new String[n],
        images = new String[n];
    Long[] price = new Long[n], shipping = new Long[n];
    Integer[] stock = new Integer[n], low = new Integer[n];
    for (int i = 0; i < n; i++) {
      ProductDraft d = rows.get(i).draft();
      sku[i] = d.sku();
      // every imported row passed problems(draft, creating = true), which refuses a row without a
      // title
      title[i] = Objects.requireNonNull(d.title(), "title").trim();
      category[i] = ProductRules.normalizeCategory(d.category());
      price[i] = d.priceCents();
      stock[i] = d.quantity();
      description[i] = d.description() != null ? d.description() : creating ? "" : null;
      condition[i] = d.condition() != null ? d.condition() : creating ? "new" : null;
      shipping[i] =
          d.shippingCents() != null ? d.shippingCents() : creating ? Long.valueOf(0) : null;
      images[i] = d.imageUrls() != null ? String.join("\n", d.imageUrls()) : creating ? "" : null;
      low[i] =
          d.lowStockThreshold() != null
              ? d.lowStockThreshold()
              : creating ? Integer.valueOf(defaultLowStock) : null;
    }
    return Tuple.of(sellerId)
        .addArrayOfString(sku)
        .addArrayOfString(title)
        .addArrayOfString(description)
        .addArrayOfString(category)
        .addArrayOfString(condition)
        .addArrayOfLong(price)
        .addArrayOfInteger(stock)
        .addArrayOfLong(shipping)
        .addArrayOfString(images)
        .addArrayOfInteger(low);
  }

  private static Map<String, Long> idsBySku(
      io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows) {
    Map<String, Long> ids = new HashMap<>();
    rows.forEach(row -> ids.put(row.getString("sku"), row.getLong("id")));
    return ids;
  }

  static JsonObject report(RowResult[] results) {
    JsonArray rows = new JsonArray();
    int created = 0;
    int updated = 0;
    int refused = 0;
    for (RowResult result : results) {
      rows.add(result.toJson());
      switch (result.status()) {
        case "created" -> created++;
        case "updated" -> updated++;
        default -> refused++;
      }
    }
    return new JsonObject()
        .put("rows", results.length)
        .put("created", created)
        .put("updated", updated)
        .put("refused", refused)
        .put("results", rows);
  }

  /** One CSV data row read through the header's column positions. */
  private record Row(CsvRows.Record record, Map<String, Integer> columns) {
    @Nullable String text(String column) {
      Integer index = columns.get(column);
      if (index == null || index >= record.cells().size()) {
        return null;
      }
      String value = record.cells().get(index).trim();
      return value.isEmpty() ? null : value;
    }

    /** Null when a cell cannot be read; {@code problems} then says why. */
    @Nullable ProductDraft draft(List<String> problems) {
      Long price =
          columns.containsKey("pricecents")
              ? wholeNumber("priceCents", problems)
              : dollars("price", problems);
      Long shipping =
          columns.containsKey("shippingcents")
              ? wholeNumber("shippingCents", problems)
              : dollars("shipping", problems);
      Long quantity = wholeNumber("quantity", problems);
      Long low = wholeNumber("lowStockThreshold", problems);
      String images = text("imageurls");
      String condition = text("condition");
      if (!problems.isEmpty()) {
        return null;
      }
      return new ProductDraft(
          text("sku"),
          text("title"),
          text("description"),
          text("category"),
          condition == null ? null : condition.toLowerCase(Locale.ROOT).replace(' ', '_'),
          price,
          quantity == null ? null : Math.toIntExact(Math.min(quantity, Integer.MAX_VALUE)),
          shipping,
          images == null
              ? null
              : Arrays.stream(images.split("[|\\s]+")).filter(s -> !s.isEmpty()).toList(),
          low == null ? null : Math.toIntExact(Math.min(low, Integer.MAX_VALUE)));
    }

    private @Nullable Long wholeNumber(String name, List<String> problems) {
      String value = text(name.toLowerCase(Locale.ROOT));
      if (value == null) {
        return null;
      }
      if (!value.matches("\\d{1,15}")) {
        problems.add(name + ": '" + value + "' is not a whole number");
        return null;
      }
      return Long.parseLong(value);
    }

    /** "12.5" or "$1,299.99" -> cents, exactly; more than two decimals is refused, not rounded. */
    private @Nullable Long dollars(String name, List<String> problems) {
      String value = text(name);
      if (value == null) {
        return null;
      }
      String plain = value.replace("$", "").replace(",", "");
      if (!plain.matches("\\d{1,12}(\\.\\d{1,2})?")) {
        problems.add(
            name + ": '" + value + "' is not an amount in dollars with at most two decimals");
        return null;
      }
      return new BigDecimal(plain).movePointRight(2).longValueExact();
    }
  }
}
