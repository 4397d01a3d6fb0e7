package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads request fields the contract cannot fully judge: text that is blank once trimmed, lengths in
 * characters a person sees (code points), URLs and times. Failures are 400s with a stable code.
 */
final class Fields {
  private static final Pattern WEB_URL =
      // or a photo uploaded here (POST /api/media answers /api/media/<sha256>.<ext>)
      Pattern.compile(
          "^https?://[^\\s/$.?#][^\\s]*$|^/api/media/[0-9a-f]{64}\\.(jpg|png)$",
          Pattern.CASE_INSENSITIVE);

  private Fields() {}

  /** The trimmed text of a required field, 1..max code points. */
  static String text(JsonObject body, String field, int max) {
    String value = optionalText(body, field, max);
    if (value == null || value.isEmpty()) {
      throw Refused.invalid("invalid_" + snake(field), field + " must not be blank");
    }
    return value;
  }

  /** The trimmed text of an optional field (null when absent), at most max code points. */
  static @Nullable String optionalText(JsonObject body, String field, int max) {
    String raw = body.getString(field);
    if (raw == null) {
      return null;
    }
    String value = raw.strip();
    if (value.codePointCount(0, value.length()) > max) {
      throw Refused.invalid(
          "invalid_" + snake(field), field + " must be at most " + max + " characters");
    }
    return value;
  }

  static @Nullable String url(JsonObject body, String field) {
    String value = optionalText(body, field, 2048);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!WEB_URL.matcher(value).matches()) {
      throw Refused.invalid("invalid_" + snake(field), field + " must be an http or https URL");
    }
    return value;
  }

  static @Nullable OffsetDateTime time(JsonObject body, String field) {
    String raw = body.getString(field);
    if (raw == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw);
    } catch (DateTimeParseException e) {
      throw Refused.invalid(
          "invalid_" + snake(field),
          field + " must be an ISO-8601 time with an offset, e.g. 2030-01-31T18:00:00Z");
    }
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
  }
}
