package io.showfloor.search;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Suggestions as you type: a few products, shows, sellers and instruments whose names are nearest
 * the typed text, in one round trip. Only the trigram indexes of folded names are read (no ranking
 * of full documents), which keeps it fast on a large catalogue (bench/run-search.sh).
 */
final class Suggestions {
  static final String SQL =
      """
      SELECT * FROM (
      (SELECT 'product' AS kind, p.id::text AS key, p.title AS label, p.price_cents AS cents,
              1 - (p.title_key <->> public.search_fold($1::text)) AS score
         FROM product_search p
        WHERE p.status = 'active'
        ORDER BY p.title_key <->> public.search_fold($1::text) LIMIT 5)
      UNION ALL
      (SELECT 'show', s.id::text, s.title, NULL, word_similarity(public.search_fold($1::text), public.search_fold(s.title))
                     + CASE WHEN s.status = 'live' THEN 0.5 ELSE 0 END AS score
         FROM shows s
        WHERE s.status IN ('scheduled', 'live') AND public.search_fold(s.title) %> public.search_fold($1::text)
        ORDER BY score DESC, s.id DESC LIMIT 3)
      UNION ALL
      (SELECT 'seller', u.id::text, u.display_name, NULL,
              word_similarity(public.search_fold($1::text), public.search_fold(u.display_name)) AS score
         FROM user_directory u
        WHERE public.search_fold(u.display_name) %> public.search_fold($1::text) AND 'seller' = ANY (u.roles)
          AND u.status = 'active'
        ORDER BY score DESC, u.id DESC LIMIT 2)
      UNION ALL
      (SELECT 'instrument', i.symbol, i.name, coalesce(i.last_price_cents, i.reference_price_cents),
              greatest(word_similarity(public.search_fold($1::text), public.search_fold(i.name)),
                       CASE WHEN lower(i.symbol) LIKE public.search_fold($1::text) || '%' THEN 1 ELSE 0 END) AS score
         FROM instrument_directory i
        WHERE i.status = 'approved'
          AND (public.search_fold(i.name) %> public.search_fold($1::text) OR lower(i.symbol) LIKE public.search_fold($1::text) || '%')
        ORDER BY score DESC, i.symbol LIMIT 2)
      ) suggested WHERE score >= $2
      """;

  /** Nearest is not near enough below this word similarity (the search's own threshold). */
  static final double MIN_SCORE = 0.5;

  private final Database db;

  Suggestions(Database db) {
    this.db = db;
  }

  Future<JsonObject> suggest(String typed) {
    String text = typed.strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      return Future.succeededFuture(new JsonObject().put("items", new JsonArray()));
    }
    return db.query(SQL, Tuple.of(text, MIN_SCORE))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              for (Row r : rows) {
                items.add(item(r));
              }
              return new JsonObject().put("q", text).put("items", items);
            });
  }

  private static JsonObject item(Row r) {
    String kind = r.getString("kind");
    String key = r.getString("key");
    String href =
        switch (kind) {
          case "product" -> "/products/" + key;
          case "show" -> "/shows/" + key;
          case "seller" -> "/hosts/" + key;
          default -> "/market/" + key;
        };
    return new JsonObject()
        .put("kind", kind)
        .put("key", key)
        .put("label", r.getString("label"))
        .put("priceCents", r.getLong("cents"))
        .put("href", href);
  }
}
