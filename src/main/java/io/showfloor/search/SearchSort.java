package io.showfloor.search;

import io.showfloor.platform.Refused;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The orders a result list can take; keyset pages follow (sort key, tie-breaker) in that order. */
enum SearchSort {
  RELEVANCE(true),
  NEWEST(true),
  PRICE_ASC(false),
  PRICE_DESC(true),
  /** open lots whose countdown ends first; only lots have one */
  ENDING_SOON(false);

  final boolean descending;

  SearchSort(boolean descending) {
    this.descending = descending;
  }

  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SearchSort of(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return RELEVANCE;
    }
    for (SearchSort sort : values()) {
      if (sort.key().equals(value)) {
        return sort;
      }
    }
    throw Refused.invalid(
        "unknown_sort",
        "sort is one of "
            + Arrays.stream(values()).map(SearchSort::key).collect(Collectors.joining(", ")));
  }
}
