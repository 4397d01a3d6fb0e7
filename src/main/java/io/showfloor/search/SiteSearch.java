package io.showfloor.search;

import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.vertx.core.Future;
import java.util.List;

/**
 * Finding things across the platform: products, lots, shows, sellers and instruments by words that
 * may be misspelt, folded, plural or half typed (docs/SEARCH.md). It owns no table: it reads each
 * domain's search port (views and indexes created by their migrations, V025, V039_60, V070, V071).
 */
public final class SiteSearch implements Domain {
  private final SearchEndpoints endpoints;
  private final LinkPreviews previews;
  private final Platform platform;

  public SiteSearch(Platform platform) {
    this.platform = platform;
    this.previews = new LinkPreviews(platform.db());
    this.endpoints =
        new SearchEndpoints(new SearchService(platform.db()), new Suggestions(platform.db()));
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(endpoints);
  }

  /** Link previews and the sitemap answer the web edge on this node's local event bus. */
  @Override
  public Future<Void> start() {
    return previews.listen(platform.vertx());
  }
}
