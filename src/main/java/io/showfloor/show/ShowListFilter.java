package io.showfloor.show;

import io.showfloor.platform.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The narrowing of GET /api/shows beyond status, category and host: {@code q} (the show's title,
 * description, category or host name, typos and accents forgiven, as in platform search) and a
 * price range that at least one of the show's lots falls in (its current price, cents).
 */
record ShowListFilter(
    @Nullable String q, @Nullable Long minPriceCents, @Nullable Long maxPriceCents) {
  static final long MAX_PRICE_CENTS = 100_000_000_000L;

  static ShowListFilter of(Function<String, @Nullable String> query) {
    String q = query.apply("q");
    Long min = price(query.apply("minPrice"), "minPrice");
    Long max = price(query.apply("maxPrice"), "maxPrice");
    if (min != null && max != null && min > max) {
      throw Refused.invalid(
          "price_range_invalid", "minPrice (" + min + ") is above maxPrice (" + max + ")");
    }
    return new ShowListFilter(q == null || q.isBlank() ? null : q.strip(), min, max);
  }

  private static @Nullable Long price(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    long cents;
    try {
      cents = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw Refused.invalid("price_range_invalid", name + " must be a whole number of cents");
    }
    if (cents < 0 || cents > MAX_PRICE_CENTS) {
      throw Refused.invalid(
          "price_range_invalid", name + " is in cents, from 0 to " + MAX_PRICE_CENTS);
    }
    return cents;
  }

  /** The extra conditions, numbering parameters from {@code first}. */
  String where(int first) {
    StringBuilder sql = new StringBuilder();
    int n = first;
    if (q != null) {
      sql.append(" AND (s.search_doc @@ plainto_tsquery('english'::regconfig, public.search_fold($")
          .append(n)
          .append("::text)) OR public.search_fold(s.title) %> public.search_fold($")
          .append(n)
          .append("::text) OR public.search_fold(u.display_name) %> public.search_fold($")
          .append(n)
          .append("::text))");
      n++;
    }
    if (minPriceCents != null || maxPriceCents != null) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM lot_directory l WHERE l.show_id = s.id"
              + " AND l.status <> 'cancelled'");
      if (minPriceCents != null) {
        sql.append(" AND l.current_price_cents >= $").append(n++);
      }
      if (maxPriceCents != null) {
        sql.append(" AND l.current_price_cents <= $").append(n++);
      }
      sql.append(")");
    }
    return sql.toString();
  }

  List<Object> args() {
    List<Object> args = new ArrayList<>();
    if (q != null) {
      args.add(q);
    }
    if (minPriceCents != null) {
      args.add(minPriceCents);
    }
    if (maxPriceCents != null) {
      args.add(maxPriceCents);
    }
    return args;
  }
}
