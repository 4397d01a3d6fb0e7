package io.showfloor.search;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;

/** GET /api/search and /api/search/suggest: open to everyone, signed in or not. */
record SearchEndpoints(SearchService search, Suggestions suggestions) implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on("search", this::search).on("suggest", this::suggest);
  }

  private Future<Reply> search(ApiRequest req) {
    return Future.succeededFuture()
        .compose(v -> search.search(SearchRequest.of(req::query)))
        .map(Reply::ok);
  }

  private Future<Reply> suggest(ApiRequest req) {
    String q = req.query("q");
    return suggestions.suggest(q == null ? "" : q).map(Reply::ok);
  }
}
