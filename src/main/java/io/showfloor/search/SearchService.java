package io.showfloor.search;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Runs searches: one statement per request, read-only, on the pool. */
final class SearchService {
  private final Database db;

  SearchService(Database db) {
    this.db = db;
  }

  Future<JsonObject> search(SearchRequest request) {
    SearchSql.Statement statement = SearchSql.of(request);
    return db.query(statement.sql(), statement.args())
        .map(rows -> SearchResults.page(request, rows));
  }
}
