package io.showfloor.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What every request value must satisfy before the JSON-schema validator sees it, checked in one
 * linear pass. The validator alone is not enough: it checks {@code uniqueItems} before {@code
 * maxItems} (20,000 ids cost 21.7 s of CPU before their 400), and the schema cannot say "no NUL
 * byte" (PostgreSQL refuses text with one: a 500) or "no lone surrogate" (stored as '?').
 *
 * <p>So, for any value: text holds no U+0000 and no unpaired surrogate, numbers are finite and
 * integers fit in 64 bits, nesting is at most {@link #MAX_DEPTH} deep; and where the schema gives
 * {@code maxItems} or {@code maxLength} the bound is checked here, before anything costlier. Arrays
 * the schema does not bound get {@link #MAX_UNBOUNDED_ITEMS}.
 */
public final class InputScreen {
  public static final int MAX_DEPTH = 32;
  public static final int MAX_UNBOUNDED_ITEMS = 1_000;
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private InputScreen() {}

  /**
   * Why {@code value} is refused, or null when it passes; {@code schema} may be null (no bounds
   * known).
   */
  public static @Nullable String problem(
      Object value, @Nullable JsonObject schema, Function<String, @Nullable JsonObject> refs) {
    return new Walk(refs).check(value, schema, "", 0);
  }

  /**
   * The same checks with no schema: for WebSocket frames and other JSON that no contract describes.
   */
  public static @Nullable String problem(Object value) {
    return problem(value, null, ref -> null);
  }

  /**
   * Why this text cannot be stored, or null: PostgreSQL text holds no NUL, and UTF-8 no lone
   * surrogate.
   */
  public static @Nullable String textProblem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return "contains a NUL character (U+0000)";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return "contains an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
        }
      } else if (Character.isLowSurrogate(c)) {
        return "contains an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
      }
    }
    return null;
  }

  private record Walk(Function<String, @Nullable JsonObject> refs) {
    @Nullable String check(
        @Nullable Object value, @Nullable JsonObject schema, String where, int depth) {
      if (depth > MAX_DEPTH) {
        return at(where) + "is nested more than " + MAX_DEPTH + " levels deep";
      }
      schema = resolved(schema);
      if (value instanceof String text) {
        return checkText(text, schema, where);
      }
      if (value instanceof Number number) {
        return checkNumber(number, where);
      }
      if (value instanceof JsonArray array) {
        return checkArray(array.getList(), schema, where, depth);
      }
      if (value instanceof java.util.List<?> list) {
        return checkArray(list, schema, where, depth);
      }
      if (value instanceof JsonObject object) {
        return checkObject(object.getMap(), schema, where, depth);
      }
      if (value instanceof Map<?, ?> map) {
        return checkObject(map, schema, where, depth);
      }
      return null;
    }

    private @Nullable String checkText(String text, @Nullable JsonObject schema, String where) {
      Integer maxLength = bound(schema, "maxLength");
      // a string of n chars has at least n/2 code points: the exact count is only needed near the
      // bound
      if (maxLength != null
          && text.length() > maxLength
          && (text.length() > 2L * maxLength
              || text.codePointCount(0, text.length()) > maxLength)) {
        return at(where) + "must be at most " + maxLength + " characters long";
      }
      String problem = textProblem(text);
      return problem == null ? null : at(where) + problem;
    }

    private @Nullable String checkNumber(Number number, String where) {
      boolean fits = true;
      if (number instanceof Double d) {
        fits = !d.isInfinite() && !d.isNaN();
      } else if (number instanceof Float f) {
        fits = !f.isInfinite() && !f.isNaN();
      } else if (number instanceof BigInteger big) {
        fits = big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0;
      } else if (number instanceof BigDecimal big) {
        fits = big.abs().compareTo(BigDecimal.valueOf(Double.MAX_VALUE)) <= 0;
      }
      return fits
          ? null
          : at(where) + "is a number out of range (integers are 64-bit, numbers finite)";
    }

    private @Nullable String checkArray(
        java.util.List<?> items, @Nullable JsonObject schema, String where, int depth) {
      Integer maxItems = bound(schema, "maxItems");
      int limit = maxItems != null ? maxItems : MAX_UNBOUNDED_ITEMS;
      if (items.size() > limit) {
        return at(where) + "must have at most " + limit + " items";
      }
      JsonObject itemSchema =
          schema == null ? null : schema.getValue("items") instanceof JsonObject s ? s : null;
      for (int i = 0; i < items.size(); i++) {
        String problem = check(items.get(i), itemSchema, where + "/" + i, depth + 1);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }

    private @Nullable String checkObject(
        Map<?, ?> members, @Nullable JsonObject schema, String where, int depth) {
      JsonObject properties =
          schema == null ? null : schema.getValue("properties") instanceof JsonObject p ? p : null;
      JsonObject additional =
          schema == null
              ? null
              : schema.getValue("additionalProperties") instanceof JsonObject a ? a : null;
      for (Map.Entry<?, ?> member : members.entrySet()) {
        String name = String.valueOf(member.getKey());
        String problem = textProblem(name);
        if (problem != null) {
          return "The property name at " + (where.isEmpty() ? "/" : where) + " " + problem;
        }
        JsonObject memberSchema =
            properties != null && properties.getValue(name) instanceof JsonObject s
                ? s
                : additional;
        problem = check(member.getValue(), memberSchema, where + "/" + name, depth + 1);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }

    /**
     * The schema with its $ref followed (the contract has no chains worth more than a few hops).
     */
    private @Nullable JsonObject resolved(@Nullable JsonObject schema) {
      for (int hops = 0;
          schema != null && hops < 8 && schema.getValue("$ref") instanceof String ref;
          hops++) {
        JsonObject target = refs.apply(ref);
        if (target == null) {
          return schema;
        }
        schema = target;
      }
      return schema;
    }

    /**
     * A bound the schema states; with allOf, the tightest of its parts. oneOf/anyOf alternatives
     * bound nothing here (the validator still checks them, on input already cut to size).
     */
    private @Nullable Integer bound(@Nullable JsonObject schema, String keyword) {
      if (schema == null) {
        return null;
      }
      Integer bound = schema.getValue(keyword) instanceof Number n ? n.intValue() : null;
      if (schema.getValue("allOf") instanceof JsonArray parts) {
        for (Object part : parts) {
          Integer inner = part instanceof JsonObject p ? bound(resolved(p), keyword) : null;
          if (inner != null && (bound == null || inner < bound)) {
            bound = inner;
          }
        }
      }
      return bound;
    }

    private static String at(String where) {
      return where.isEmpty() ? "The value " : "The value at " + where + " ";
    }
  }
}
