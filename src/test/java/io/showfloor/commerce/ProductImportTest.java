package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSV import: one product per row, a per-row report, bad rows never stop good ones")
class ProductImportTest {

  private static JsonObject importCsv(Users.TestUser seller, String csv) {
    return seller.api().send("POST", "/api/products/import", csv, "text/csv").expect(200).json();
  }

  private static JsonObject result(JsonObject report, String sku) {
    return report.getJsonArray("results").stream()
        .map(JsonObject.class::cast)
        .filter(r -> sku.equals(r.getString("sku")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(sku + ": " + report));
  }

  @Test
  @DisplayName(
      "hundreds of rows with broken ones among them: the good rows are created, each broken row says why")
  void hundredsWithBrokenRows() {
    var seller = Users.create("seller");
    StringBuilder csv =
        new StringBuilder(
            "sku,title,description,category,condition,price,quantity,shipping,imageUrls\n");
    for (int i = 0; i < 400; i++) {
      csv.append("SKU-")
          .append(i)
          .append(",\"Item ")
          .append(i)
          .append(", boxed\",\"Line one\nline two\",games,new,")
          .append(i % 2 == 0 ? "12.50" : "\"$1,299.99\"")
          .append(',')
          .append(i % 7)
          .append(",4.99,")
          .append("https://img.example/")
          .append(i)
          .append(".jpg|https://img.example/")
          .append(i)
          .append("b.jpg\n");
    }
    csv.append("BAD-PRICE,Bad price,,games,new,12.505,1,,\n");
    csv.append("BAD-QTY,Bad quantity,,games,new,10,-2,,\n");
    csv.append("BAD-COND,Bad condition,,games,pristine,10,1,,\n");
    csv.append("BAD-URL,Bad url,,games,new,10,1,,ftp://nope\n");
    csv.append(",No sku,,games,new,10,1,,\n");
    csv.append("SHORT,Too few cells\n");
    csv.append("SKU-3,Duplicate sku,,games,new,10,1,,\n");
    csv.append("NO-TITLE,,,games,new,10,1,,\n");
    csv.append("BAD-ZERO,Free,,games,new,0,1,,\n");
    JsonObject report = importCsv(seller, csv.toString());
    assertEquals(409, report.getInteger("rows"));
    assertEquals(400, report.getInteger("created"), report.encode().substring(0, 500));
    assertEquals(9, report.getInteger("refused"));
    assertTrue(result(report, "BAD-PRICE").getString("reason").contains("price"));
    assertTrue(result(report, "BAD-QTY").getString("reason").contains("quantity"));
    assertTrue(result(report, "BAD-COND").getString("reason").contains("condition"));
    assertTrue(result(report, "BAD-URL").getString("reason").contains("imageUrls"));
    assertTrue(result(report, "SHORT").getString("reason").contains("cells"));
    assertTrue(result(report, "NO-TITLE").getString("reason").contains("title"));
    assertTrue(result(report, "BAD-ZERO").getString("reason").contains("priceCents"));
    JsonObject duplicate =
        report.getJsonArray("results").stream()
            .map(JsonObject.class::cast)
            .filter(
                r -> "SKU-3".equals(r.getString("sku")) && "refused".equals(r.getString("status")))
            .findFirst()
            .orElseThrow();
    assertTrue(duplicate.getString("reason").contains("earlier"));

    JsonObject created = result(report, "SKU-1");
    assertEquals("created", created.getString("status"));
    assertEquals(
        4,
        created.getInteger("line"),
        "each row spans two lines (the description has a line break)");
    JsonObject product =
        TestNode.api().get("/api/products/" + created.getLong("productId")).expect(200).json();
    assertEquals("Item 1, boxed", product.getString("title"));
    assertEquals(129_999, product.getLong("priceCents"));
    assertEquals(499, product.getLong("shippingCents"));
    assertEquals(2, product.getJsonArray("imageUrls").size());
    assertEquals("Line one\nline two", product.getString("description"));
  }

  @Test
  @DisplayName("a second import updates by SKU, keeps fields left empty, and creates the new SKUs")
  void updatesBySku() {
    var seller = Users.create("seller");
    importCsv(
        seller,
        "sku,title,category,priceCents,quantity,description\nA-1,First,books,500,5,Original text\n");
    JsonObject report =
        importCsv(
            seller,
            "SKU,Title,Category,PriceCents,Quantity,Description\n"
                + "A-1,First edition,books,650,2,\nA-2,Second,books,900,1,New\n");
    assertEquals("updated", result(report, "A-1").getString("status"));
    assertEquals("created", result(report, "A-2").getString("status"));
    JsonObject updated =
        TestNode.api().get("/api/products/" + result(report, "A-1").getLong("productId")).json();
    assertEquals("First edition", updated.getString("title"));
    assertEquals(650, updated.getLong("priceCents"));
    assertEquals(2, updated.getInteger("quantity"));
    assertEquals("Original text", updated.getString("description"));
    JsonObject again =
        importCsv(
            Users.create("seller"),
            "sku,title,category,priceCents,quantity\nA-1,Other seller,books,100,1\n");
    assertEquals("created", result(again, "A-1").getString("status"), "SKUs are per seller");
  }

  @Test
  @DisplayName("a file that cannot be imported at all is refused as a whole with a clear code")
  void fileLevelErrors() {
    var seller = Users.create("seller");
    seller
        .api()
        .send("POST", "/api/products/import", "sku,title\nA,b\n", "text/csv")
        .expectProblem(400, "csv_missing_columns");
    seller
        .api()
        .send(
            "POST",
            "/api/products/import",
            "sku,title,category,price,quantity,colour\n",
            "text/csv")
        .expectProblem(400, "csv_unknown_column");
    seller.api().send("POST", "/api/products/import", "", "text/csv").expect(400);
    seller
        .api()
        .send("POST", "/api/products/import", "{\"sku\":1}", "application/json")
        .expectProblem(415, "unsupported_media_type");
    Users.create()
        .api()
        .send("POST", "/api/products/import", "sku\n", "text/csv")
        .expectProblem(403, "role_required");
    TestNode.api()
        .send("POST", "/api/products/import", "sku\n", "text/csv")
        .expectProblem(401, "unauthorized");
    StringBuilder big = new StringBuilder("sku,title,category,priceCents,quantity\n");
    for (int i = 0; i < 2001; i++) {
      big.append("S").append(i).append(",t,c,1,1\n");
    }
    seller
        .api()
        .send("POST", "/api/products/import", big.toString(), "text/plain")
        .expectProblem(413, "csv_too_many_rows");
    assertTrue(
        TestNode.api()
            .get("/api/products?sellerId=" + seller.id())
            .json()
            .getJsonArray("items")
            .isEmpty());
  }

  @Test
  @DisplayName("text/plain is accepted as well as text/csv")
  void textPlain() {
    var seller = Users.create("seller");
    JsonObject report =
        seller
            .api()
            .send(
                "POST",
                "/api/products/import",
                "sku,title,category,price,quantity\nP-1,Plain,misc,1.00,1\n",
                "text/plain; charset=utf-8")
            .expect(200)
            .json();
    assertEquals(1, report.getInteger("created"));
    JsonArray items =
        TestNode.api().get("/api/products?sellerId=" + seller.id()).json().getJsonArray("items");
    assertEquals(100, items.getJsonObject(0).getLong("priceCents"));
  }
}
