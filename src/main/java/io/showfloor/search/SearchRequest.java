package io.showfloor.search;

import io.showfloor.platform.Refused;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One search as the caller asked it, checked: what to look for ({@link Kind}), the words, the
 * filters that apply to that kind, the order and where the previous page stopped. Anything that
 * does not fit is refused here, before a query is built, with a stable code.
 */
record SearchRequest(
    Kind kind,
    @Nullable SearchWords words,
    @Nullable String category,
    @Nullable Long minPriceCents,
    @Nullable Long maxPriceCents,
    @Nullable String condition,
    boolean liveOnly,
    @Nullable Long sellerId,
    boolean inStockOnly,
    @Nullable Long showId,
    SearchSort sort,
    @Nullable SearchCursor after,
    int limit) {

  /** Above this a price filter is a mistake (a billion dollars), not a shopper's wish. */
  static final long MAX_PRICE_CENTS = 100_000_000_000L;

  static final Set<String> CONDITIONS =
      Set.of("new", "like_new", "good", "fair", "poor", "refurbished");

  /** What a search can find; each kind takes only the filters and sorts that mean something. */
  enum Kind {
    PRODUCTS(
        Set.of("category", "minPrice", "maxPrice", "condition", "live", "sellerId", "inStock"),
        Set.of(
            SearchSort.RELEVANCE, SearchSort.NEWEST, SearchSort.PRICE_ASC, SearchSort.PRICE_DESC)),
    LOTS(
        Set.of("category", "minPrice", "maxPrice", "condition", "live", "sellerId", "showId"),
        Set.of(SearchSort.values())),
    SHOWS(Set.of("category", "live", "sellerId"), Set.of(SearchSort.RELEVANCE, SearchSort.NEWEST)),
    SELLERS(Set.of(), Set.of(SearchSort.RELEVANCE, SearchSort.NEWEST)),
    INSTRUMENTS(
        Set.of("minPrice", "maxPrice", "sellerId"),
        Set.of(
            SearchSort.RELEVANCE, SearchSort.NEWEST, SearchSort.PRICE_ASC, SearchSort.PRICE_DESC));

    final Set<String> filters;
    final Set<SearchSort> sorts;

    Kind(Set<String> filters, Set<SearchSort> sorts) {
      this.filters = filters;
      this.sorts = sorts;
    }

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final List<String> FILTERS =
      List.of(
          "category", "minPrice", "maxPrice", "condition", "live", "sellerId", "inStock", "showId");

  /** Reads the query string (already screened and typed by the contract). */
  static SearchRequest of(Function<String, @Nullable String> query) {
    Kind kind = kind(query.apply("kind"));
    for (String filter : FILTERS) {
      String value = query.apply(filter);
      if (value != null && !value.isBlank() && !kind.filters.contains(filter)) {
        throw Refused.invalid(
            "filter_not_available",
            "Searching "
                + kind.key()
                + " cannot filter by "
                + filter
                + "; it can filter by "
                + String.join(", ", kind.filters.stream().sorted().toList()));
      }
    }
    SearchSort sort = SearchSort.of(query.apply("sort"));
    if (!kind.sorts.contains(sort)) {
      throw Refused.invalid(
          "sort_not_available", "Searching " + kind.key() + " cannot sort by " + sort.key());
    }
    @Nullable Long min = price(query.apply("minPrice"), "minPrice");
    @Nullable Long max = price(query.apply("maxPrice"), "maxPrice");
    if (min != null && max != null && min > max) {
      throw Refused.invalid(
          "price_range_invalid", "minPrice (" + min + ") is above maxPrice (" + max + ")");
    }
    String condition = blankToNull(query.apply("condition"));
    if (condition != null && !CONDITIONS.contains(condition)) {
      throw Refused.invalid(
          "unknown_condition",
          "condition is one of " + String.join(", ", CONDITIONS.stream().sorted().toList()));
    }
    String cursor = blankToNull(query.apply("after"));
    return new SearchRequest(
        kind,
        SearchWords.of(query.apply("q")),
        blankToNull(query.apply("category")),
        min,
        max,
        condition,
        flag(query.apply("live"), "live"),
        id(query.apply("sellerId"), "sellerId"),
        flag(query.apply("inStock"), "inStock"),
        id(query.apply("showId"), "showId"),
        sort,
        cursor == null ? null : SearchCursor.parse(cursor, sort),
        limit(query.apply("limit")));
  }

  private static Kind kind(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return Kind.PRODUCTS;
    }
    for (Kind kind : Kind.values()) {
      if (kind.key().equals(value)) {
        return kind;
      }
    }
    throw Refused.invalid(
        "unknown_kind", "kind is one of products, lots, shows, sellers, instruments");
  }

  private static @Nullable Long price(@Nullable String value, String name) {
    @Nullable Long cents = number(value, name, "price_range_invalid");
    if (cents != null && (cents < 0 || cents > MAX_PRICE_CENTS)) {
      throw Refused.invalid(
          "price_range_invalid", name + " is in cents, from 0 to " + MAX_PRICE_CENTS);
    }
    return cents;
  }

  private static @Nullable Long id(@Nullable String value, String name) {
    @Nullable Long id = number(value, name, "validation_failed");
    if (id != null && id < 1) {
      throw Refused.invalid("validation_failed", name + " must be a positive id");
    }
    return id;
  }

  private static @Nullable Long number(@Nullable String value, String name, String code) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw Refused.invalid(code, name + " must be a whole number");
    }
  }

  private static boolean flag(@Nullable String value, String name) {
    if (value == null || value.isBlank() || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw Refused.invalid("validation_failed", name + " is true or false");
  }

  private static int limit(@Nullable String value) {
    @Nullable Long limit = number(value, "limit", "validation_failed");
    if (limit == null) {
      return 24;
    }
    if (limit < 1 || limit > 100) {
      throw Refused.invalid("validation_failed", "limit is from 1 to 100");
    }
    return limit.intValue();
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
