package io.showfloor.account;

import io.showfloor.platform.Refused;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A checked change to the caller's public profile ({@code PATCH /api/me}): a field absent from the
 * body stays as it is; {@code bio} and {@code avatarUrl} set to null (or blank) are cleared.
 */
record ProfileChange(
    @Nullable String displayName,
    boolean bioGiven,
    @Nullable String bio,
    boolean avatarGiven,
    @Nullable String avatarUrl) {
  static final int MAX_BIO = 500;
  static final int MAX_AVATAR_URL = 500;

  static ProfileChange from(JsonObject body) {
    String name =
        body.containsKey("displayName")
            ? Identity.displayName(body.getValue("displayName") instanceof String s ? s : "")
            : null;
    String bio = blankToNull(body.getValue("bio"));
    if (bio != null) {
      bio = bio.strip();
      if (bio.codePointCount(0, bio.length()) > MAX_BIO) {
        throw Refused.invalid("invalid_bio", "The bio is at most " + MAX_BIO + " characters");
      }
      // line breaks and tabs are part of a bio; other control characters are not
      if (bio.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
        throw Refused.invalid("invalid_bio", "The bio must not contain control characters");
      }
    }
    String avatar = blankToNull(body.getValue("avatarUrl"));
    if (avatar != null) {
      avatar = avatarUrl(avatar.strip());
    }
    return new ProfileChange(
        name, body.containsKey("bio"), bio, body.containsKey("avatarUrl"), avatar);
  }

  /** An https address of a picture, or a path this node serves (an uploaded avatar). */
  private static String avatarUrl(String value) {
    Refused invalid =
        Refused.invalid(
            "invalid_avatar_url",
            "The avatar URL must be an https:// address or a /api/media/ path, at most "
                + MAX_AVATAR_URL
                + " characters");
    if (value.length() > MAX_AVATAR_URL || value.codePoints().anyMatch(Character::isISOControl)) {
      throw invalid;
    }
    if (value.startsWith("/api/media/") && !value.contains("..")) {
      return value;
    }
    try {
      URI uri = new URI(value);
      if (!"https".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null
          || uri.getUserInfo() != null) {
        throw invalid;
      }
      return value;
    } catch (URISyntaxException e) {
      throw invalid;
    }
  }

  private static @Nullable String blankToNull(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString();
    return text.isBlank() ? null : text;
  }
}
