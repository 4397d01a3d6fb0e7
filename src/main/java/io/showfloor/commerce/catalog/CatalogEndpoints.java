package io.showfloor.commerce.catalog;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;

/** /api/products: sellers create, edit, archive and import; everyone reads and searches. */
public record CatalogEndpoints(
    RateLimiter rateLimiter,
    Catalog catalog,
    ProductImport imports,
    ImportJobs importJobs,
    int importsPerMinute)
    implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on(
        "createProduct",
        req ->
            req.withRole("seller")
                .compose(
                    seller ->
                        limit("product-write:" + seller.userId(), 120)
                            .compose(v -> catalog.create(seller, Catalog.draftOf(req.body()))))
                .map(p -> Reply.created(p.toJson())));
    api.on("getProduct", req -> catalog.get(req.pathLong("id")).map(p -> Reply.ok(p.toJson())));
    api.on(
        "updateProduct",
        req ->
            req.withRole("seller")
                .compose(
                    seller ->
                        limit("product-write:" + seller.userId(), 120)
                            .compose(
                                v ->
                                    catalog.update(
                                        seller, req.pathLong("id"), Catalog.draftOf(req.body()))))
                .map(p -> Reply.ok(p.toJson())));
    api.on(
        "archiveProduct",
        req ->
            req.withRole("seller")
                .compose(seller -> catalog.archive(seller, req.pathLong("id")))
                .map(v -> Reply.noContent()));
    api.on("searchProducts", this::search);
    api.onUnvalidatedBody("importProducts", this::importCsv);
    api.onUnvalidatedBody("startProductImportJob", this::startImportJob);
    api.on(
        "getProductImportJob",
        req ->
            req.withRole("seller")
                .compose(seller -> importJobs.get(seller.userId(), req.pathLong("id")))
                .map(Reply::ok));
  }

  private Future<Reply> search(ApiRequest req) {
    String sellerId = req.query("sellerId");
    return req.caller()
        .compose(
            caller ->
                catalog.search(
                    caller,
                    req.query("q"),
                    req.query("category"),
                    sellerId == null ? null : Long.valueOf(sellerId),
                    req.query("status"),
                    req.query("before") == null ? null : req.queryLong("before", 0),
                    (int) req.queryLong("limit", 50)))
        .map(Reply::ok);
  }

  private Future<Reply> importCsv(ApiRequest req) {
    return req.withRole("seller")
        .compose(
            seller ->
                csvType(req)
                    .compose(v -> limit("product-import:" + seller.userId(), importsPerMinute))
                    .compose(v -> imports.run(seller.userId(), req.bodyText())))
        .map(Reply::ok);
  }

  /** The background import: 202 with the job; progress over the seller's {@code me} topic. */
  private Future<Reply> startImportJob(ApiRequest req) {
    return req.withRole("seller")
        .compose(
            seller ->
                csvType(req)
                    .compose(v -> limit("product-import:" + seller.userId(), importsPerMinute))
                    .compose(v -> importJobs.create(seller.userId(), req.bodyText())))
        .map(job -> Reply.status(202, job));
  }

  private static Future<Void> csvType(ApiRequest req) {
    String type = req.header("Content-Type");
    if (type == null
        || !(type.toLowerCase().startsWith("text/csv")
            || type.toLowerCase().startsWith("text/plain"))) {
      return Future.failedFuture(
          new ApiError(
              415,
              "unsupported_media_type",
              "Unsupported media type",
              "Send the CSV as text/csv (or text/plain)"));
    }
    return Future.succeededFuture();
  }

  private Future<Void> limit(String key, int perMinute) {
    return rateLimiter.check(key, perMinute, 60);
  }
}
