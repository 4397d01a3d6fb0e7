package io.showfloor.search;

import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The statement for one {@link SearchRequest}. Every kind is read through its domain's read port
 * ({@code product_search}, {@code lot_directory}, {@code user_directory}, {@code
 * instrument_directory}; shows through the show domain's table and indexes). Text is matched two
 * ways, either suffices: the stemmed, weighted document against a prefix query of the words, and
 * the folded title's trigrams against the whole text ({@code %>}: word similarity ≥ 0.6, which
 * forgives a missing or swapped letter). The score adds the document's rank (title over tags over
 * description) to the title's word similarity, rounded so that a page boundary compares exactly.
 */
final class SearchSql {
  private final List<@Nullable Object> args = new ArrayList<>();
  private final StringBuilder where = new StringBuilder();

  private SearchSql() {}

  record Statement(String sql, Tuple args) {}

  static Statement of(SearchRequest r) {
    return new SearchSql().build(r);
  }

  private String arg(@Nullable Object value) {
    args.add(value);
    return "$" + args.size();
  }

  private void and(String condition) {
    where.append(" AND ").append(condition);
  }

  private Statement build(SearchRequest r) {
    SearchWords words = r.words();
    String text = words == null ? "" : "public.search_fold(" + arg(words.text()) + "::text)";
    String ts =
        words == null
            ? ""
            : "to_tsquery('english'::regconfig, public.search_fold("
                + arg(words.prefixQuery())
                + "::text))";
    String select;
    String from;
    String score;
    String price;
    String newest;
    String tie = "id";
    String tieType = "bigint";
    switch (r.kind()) {
      case PRODUCTS -> {
        select =
            "p.id, p.title, p.category, p.condition, p.price_cents, p.image_urls, p.seller_id,"
                + " u.display_name AS seller_name, p.in_stock, p.created_at";
        from = " FROM product_search p JOIN user_directory u ON u.id = p.seller_id";
        and("p.status = 'active'");
        if (words != null) {
          and("(p.search_doc @@ " + ts + " OR p.title_key %> " + text + ")");
        }
        score = textScore(words, "p.search_doc", "p.title_key", ts, text);
        price = "p.price_cents";
        newest = "p.id";
        productFilters(r, "p");
        if (r.liveOnly()) {
          and(
              "EXISTS (SELECT 1 FROM lot_directory l JOIN shows s ON s.id = l.show_id"
                  + " WHERE l.product_id = p.id AND l.status = 'open' AND s.status = 'live')");
        }
        if (r.inStockOnly()) {
          and("p.in_stock");
        }
      }
      case LOTS -> {
        select =
            "l.id, l.show_id, l.product_id, p.title, p.category, p.condition, p.image_urls,"
                + " l.status, l.current_price_cents, l.bid_count, l.ends_at, l.position,"
                + " s.title AS show_title, s.status AS show_status";
        from =
            " FROM lot_directory l JOIN product_search p ON p.id = l.product_id"
                + " JOIN shows s ON s.id = l.show_id";
        if (r.showId() != null) {
          // inside one show's run sheet every lot counts, sold ones included
          and("l.show_id = " + arg(r.showId()));
        } else {
          and("l.status IN ('queued', 'open') AND s.status IN ('scheduled', 'live')");
        }
        if (words != null) {
          and("(p.search_doc @@ " + ts + " OR p.title_key %> " + text + ")");
        }
        score = textScore(words, "p.search_doc", "p.title_key", ts, text);
        price = "l.current_price_cents";
        newest = "l.id";
        productFilters(r, "p");
        if (r.liveOnly() || r.sort() == SearchSort.ENDING_SOON) {
          and("l.status = 'open' AND s.status = 'live'");
        }
      }
      case SHOWS -> {
        select =
            "s.id, s.title, s.category, s.status, s.scheduled_at, s.started_at, s.cover_image_url,"
                + " s.host_id, u.display_name AS host_name";
        from = " FROM shows s JOIN user_directory u ON u.id = s.host_id";
        and("s.status <> 'cancelled'");
        if (words != null) {
          and(
              "(s.search_doc @@ "
                  + ts
                  + " OR public.search_fold(s.title) %> "
                  + text
                  + " OR public.search_fold(u.display_name) %> "
                  + text
                  + ")");
        }
        score =
            words == null
                ? "0"
                : "ts_rank(s.search_doc, "
                    + ts
                    + ") * 2 + greatest(word_similarity("
                    + text
                    + ", public.search_fold(s.title)), word_similarity("
                    + text
                    + ", public.search_fold(u.display_name)) * 0.8)";
        price = "0";
        newest = "s.id";
        if (r.category() != null) {
          and("s.category = " + arg(r.category()));
        }
        if (r.sellerId() != null) {
          and("s.host_id = " + arg(r.sellerId()));
        }
        if (r.liveOnly()) {
          and("s.status = 'live'");
        }
      }
      case SELLERS -> {
        select = "u.id, u.display_name, u.created_at";
        from = " FROM user_directory u";
        and("'seller' = ANY (u.roles) AND u.status = 'active'");
        if (words != null) {
          and("public.search_fold(u.display_name) %> " + text);
        }
        score =
            words == null
                ? "0"
                : "word_similarity(" + text + ", public.search_fold(u.display_name))";
        price = "0";
        newest = "u.id";
      }
      case INSTRUMENTS -> {
        select =
            "i.symbol, i.name, i.product_id, coalesce(i.last_price_cents, i.reference_price_cents)"
                + " AS price_cents, i.phase";
        from = " FROM instrument_directory i";
        and("i.status = 'approved'");
        if (words != null) {
          and(
              "(public.search_fold(i.name) %> "
                  + text
                  + " OR lower(i.symbol) LIKE public.search_fold("
                  + arg(likePrefix(words.text()))
                  + "::text))");
        }
        score =
            words == null
                ? "0"
                : "greatest(word_similarity("
                    + text
                    + ", public.search_fold(i.name)), CASE WHEN lower(i.symbol) = "
                    + text
                    + " THEN 1.5 ELSE 0 END)";
        price = "coalesce(i.last_price_cents, i.reference_price_cents)";
        newest = "extract(epoch FROM i.created_at)";
        tie = "symbol";
        tieType = "text";
        if (r.sellerId() != null) {
          and("i.seller_id = " + arg(r.sellerId()));
        }
        if (r.minPriceCents() != null) {
          and(price + " >= " + arg(r.minPriceCents()));
        }
        if (r.maxPriceCents() != null) {
          and(price + " <= " + arg(r.maxPriceCents()));
        }
      }
      default -> throw new IllegalStateException(r.kind().name());
    }
    String sortKey =
        switch (r.sort()) {
          case RELEVANCE -> words == null ? newest : "round((" + score + ")::numeric, 6)";
          case NEWEST -> newest;
          case PRICE_ASC, PRICE_DESC -> price;
          case ENDING_SOON -> "extract(epoch FROM l.ends_at) * 1000";
        };
    String direction = r.sort().descending ? "DESC" : "ASC";
    String sql =
        "SELECT * FROM (SELECT "
            + select
            + ", ("
            + sortKey
            + ")::numeric AS sort_key, "
            + (tie.equals("id") ? tieOf(r.kind()) : "i.symbol")
            + " AS tie"
            + from
            + " WHERE true"
            + where
            + ") r";
    SearchCursor after = r.after();
    if (after != null) {
      sql +=
          " WHERE (r.sort_key, r.tie) "
              + (r.sort().descending ? "<" : ">")
              + " ("
              + arg(after.key())
              + "::numeric, "
              + arg(tieType.equals("bigint") ? (Object) parseTie(after.tie()) : after.tie())
              + "::"
              + tieType
              + ")";
    }
    sql +=
        " ORDER BY r.sort_key "
            + direction
            + ", r.tie "
            + direction
            + " LIMIT "
            + arg(r.limit() + 1);
    return new Statement(sql, Tuple.from(args));
  }

  private static String tieOf(SearchRequest.Kind kind) {
    return switch (kind) {
      case PRODUCTS -> "p.id";
      case LOTS -> "l.id";
      case SHOWS -> "s.id";
      case SELLERS -> "u.id";
      case INSTRUMENTS -> "i.symbol";
    };
  }

  private static long parseTie(String tie) {
    try {
      return Long.parseLong(tie);
    } catch (NumberFormatException e) {
      throw io.showfloor.platform.Refused.invalid(
          "invalid_cursor", "after must be the nextAfter of a previous page");
    }
  }

  private void productFilters(SearchRequest r, String p) {
    if (r.category() != null) {
      and(p + ".category = " + arg(r.category()));
    }
    if (r.condition() != null) {
      and(p + ".condition = " + arg(r.condition()));
    }
    if (r.sellerId() != null) {
      and(p + ".seller_id = " + arg(r.sellerId()));
    }
    String price =
        r.kind() == SearchRequest.Kind.LOTS ? "l.current_price_cents" : p + ".price_cents";
    if (r.minPriceCents() != null) {
      and(price + " >= " + arg(r.minPriceCents()));
    }
    if (r.maxPriceCents() != null) {
      and(price + " <= " + arg(r.maxPriceCents()));
    }
  }

  private static String textScore(
      @Nullable SearchWords words, String doc, String titleKey, String ts, String text) {
    if (words == null) {
      return "0";
    }
    return "ts_rank(" + doc + ", " + ts + ") * 2 + word_similarity(" + text + ", " + titleKey + ")";
  }

  /** A LIKE prefix of the typed text with LIKE's own wildcards taken literally. */
  static String likePrefix(String text) {
    return text.toLowerCase(java.util.Locale.ROOT)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_")
        + "%";
  }
}
