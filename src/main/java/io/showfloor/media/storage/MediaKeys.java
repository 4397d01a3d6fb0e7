package io.showfloor.media.storage;

import java.util.regex.Pattern;

/** A stored file's name: the SHA-256 of its bytes in hex, and its extension. */
public final class MediaKeys {
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}\\.(jpg|png)");

  private MediaKeys() {}

  public static boolean isKey(String key) {
    return KEY.matcher(key).matches();
  }

  public static String contentType(String key) {
    return key.endsWith(".png") ? "image/png" : "image/jpeg";
  }
}
