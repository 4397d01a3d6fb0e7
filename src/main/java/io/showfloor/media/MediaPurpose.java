package io.showfloor.media;

import io.showfloor.platform.Refused;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What an upload is for; kept with it, so a report cannot borrow someone's avatar. */
enum MediaPurpose {
  PRODUCT,
  SHOW_COVER,
  AVATAR,
  REPORT,
  RETURN;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static MediaPurpose of(@Nullable String wire) {
    if (wire != null) {
      for (MediaPurpose purpose : values()) {
        if (purpose.wire().equals(wire)) {
          return purpose;
        }
      }
    }
    throw Refused.invalid(
        "invalid_purpose", "purpose is one of product, show_cover, avatar, report, return");
  }
}
