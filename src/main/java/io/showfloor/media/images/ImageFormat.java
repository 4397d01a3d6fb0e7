package io.showfloor.media.images;

import org.jspecify.annotations.Nullable;

/**
 * The image types an upload may be, recognised by their first bytes (never by the file name or the
 * declared content type). GIF is read but stored as PNG: only its first frame is kept.
 */
public enum ImageFormat {
  JPEG("jpeg", "image/jpeg", "jpg"),
  PNG("png", "image/png", "png"),
  GIF("gif", "image/png", "png");

  /** The ImageIO reader's format name. */
  public final String readerName;

  /** What the stored (re-encoded) variants are. */
  public final String storedContentType;

  public final String storedExtension;

  ImageFormat(String readerName, String storedContentType, String storedExtension) {
    this.readerName = readerName;
    this.storedContentType = storedContentType;
    this.storedExtension = storedExtension;
  }

  /** The ImageIO writer's format name for the stored variants. */
  public String writerName() {
    return this == JPEG ? "jpg" : "png";
  }

  /** The format the magic bytes announce, or null when they are none we take. */
  public static @Nullable ImageFormat sniff(byte[] head) {
    if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
      return JPEG;
    }
    if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return PNG;
    }
    if (startsWith(head, 'G', 'I', 'F', '8') && head.length > 5 && head[5] == 'a') {
      return GIF;
    }
    return null;
  }

  /** WebP, HEIC, AVIF, TIFF, BMP: images, but not ones we decode (a clearer refusal). */
  public static boolean isOtherImage(byte[] head) {
    boolean riffWebp =
        startsWith(head, 'R', 'I', 'F', 'F')
            && head.length >= 12
            && head[8] == 'W'
            && head[9] == 'E'
            && head[10] == 'B'
            && head[11] == 'P';
    boolean isoBox =
        head.length >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p';
    return riffWebp
        || isoBox
        || startsWith(head, 'I', 'I', 42, 0)
        || startsWith(head, 'M', 'M', 0, 42)
        || startsWith(head, 'B', 'M');
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
