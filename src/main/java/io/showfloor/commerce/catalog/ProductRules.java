package io.showfloor.commerce.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules a product's fields obey, in one place for the JSON API (where the contract checks them
 * first) and the CSV import (where nothing else does). Mirrors commerce.yaml's ProductFields.
 */
public final class ProductRules {
  public static final Set<String> CONDITIONS =
      Set.of("new", "like_new", "good", "fair", "poor", "refurbished");
  public static final long MAX_PRICE_CENTS = 100_000_000L;
  public static final long MAX_SHIPPING_CENTS = 1_000_000L;
  public static final int MAX_QUANTITY = 1_000_000;
  public static final int MAX_IMAGES = 10;
  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  // an http(s) URL, or a photo uploaded here (POST /api/media answers /api/media/<sha256>.<ext>)
  private static final Pattern IMAGE_URL =
      Pattern.compile("https?://[^\\s\"<>]{1,490}|/api/media/[0-9a-f]{64}\\.(jpg|png)");

  private ProductRules() {}

  /** Every broken rule, as short sentences naming the field; empty when the draft is fine. */
  public static List<String> problems(ProductDraft d, boolean creating) {
    List<String> problems = new ArrayList<>();
    if (d.sku() != null && !SKU.matcher(d.sku()).matches()) {
      problems.add("sku: 1 to 64 letters, digits, '.', '_' or '-'");
    }
    text(problems, "title", d.title(), 1, 200, creating);
    text(problems, "description", d.description(), 0, 5000, false);
    text(problems, "category", d.category(), 1, 60, creating);
    if (d.condition() != null && !CONDITIONS.contains(d.condition())) {
      problems.add("condition: one of " + String.join(", ", CONDITIONS.stream().sorted().toList()));
    }
    range(problems, "priceCents", d.priceCents(), 1, MAX_PRICE_CENTS, creating);
    range(
        problems,
        "quantity",
        d.quantity() == null ? null : d.quantity().longValue(),
        0,
        MAX_QUANTITY,
        creating);
    range(problems, "shippingCents", d.shippingCents(), 0, MAX_SHIPPING_CENTS, false);
    range(
        problems,
        "lowStockThreshold",
        d.lowStockThreshold() == null ? null : d.lowStockThreshold().longValue(),
        0,
        MAX_QUANTITY,
        false);
    if (d.imageUrls() != null) {
      if (d.imageUrls().size() > MAX_IMAGES) {
        problems.add("imageUrls: at most " + MAX_IMAGES);
      }
      for (String url : d.imageUrls()) {
        if (url == null || !IMAGE_URL.matcher(url).matches()) {
          problems.add("imageUrls: '" + shorten(url) + "' is not an http(s) URL");
          break;
        }
      }
    }
    return problems;
  }

  /** Categories compare case-insensitively and without surrounding spaces. */
  public static @Nullable String normalizeCategory(@Nullable String category) {
    return category == null ? null : category.trim().toLowerCase(Locale.ROOT);
  }

  private static void text(
      List<String> problems,
      String field,
      @Nullable String value,
      int min,
      int max,
      boolean required) {
    if (value == null) {
      if (required) {
        problems.add(field + ": required");
      }
      return;
    }
    int length = value.trim().length();
    if (length < min || value.length() > max) {
      problems.add(field + ": " + min + " to " + max + " characters");
    }
  }

  private static void range(
      List<String> problems,
      String field,
      @Nullable Long value,
      long min,
      long max,
      boolean required) {
    if (value == null) {
      if (required) {
        problems.add(field + ": required");
      }
      return;
    }
    if (value < min || value > max) {
      problems.add(field + ": between " + min + " and " + max);
    }
  }

  private static String shorten(@Nullable String s) {
    return s == null ? "" : s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
