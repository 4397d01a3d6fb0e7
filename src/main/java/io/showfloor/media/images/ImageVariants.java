package io.showfloor.media.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import net.coobird.thumbnailator.Thumbnails;

/**
 * The two files kept of an upload, re-encoded by Thumbnailator: the display size and the thumbnail.
 * Re-encoding keeps only pixels, so EXIF (camera, GPS position, time) and every other metadata
 * block is dropped; the EXIF orientation is applied first, so a phone photo stands the right way
 * up. The original bytes are never stored.
 */
public final class ImageVariants {
  private static final double JPEG_QUALITY = 0.85;

  /** One stored file: its bytes and a name made of their SHA-256 (so the URL never goes stale). */
  public record Variant(String key, byte[] bytes, String contentType, int width, int height) {}

  public record Pair(Variant display, Variant thumbnail) {}

  private ImageVariants() {}

  /** Call only after {@link ImageHeader#read} accepted the bytes: this decodes the whole image. */
  public static Pair of(byte[] bytes, ImageHeader header, ImageLimits limits) throws ImageRefusal {
    try {
      // decoded once, turned upright by the EXIF orientation; both sizes are made from it
      BufferedImage upright =
          Thumbnails.of(new ByteArrayInputStream(bytes)).scale(1.0).asBufferedImage();
      return new Pair(
          variant(upright, header.format(), limits.displaySide()),
          variant(upright, header.format(), limits.thumbnailSide()));
    } catch (IOException | RuntimeException e) {
      // a header that reads but pixels that do not (truncated, or a JPEG colour model ImageIO
      // lacks)
      throw new ImageRefusal(
          ImageRefusal.Reason.NOT_AN_IMAGE, "The image cannot be decoded: it is damaged");
    }
  }

  private static Variant variant(BufferedImage image, ImageFormat format, int side)
      throws IOException {
    var builder = Thumbnails.of(image);
    if (Math.max(image.getWidth(), image.getHeight()) <= side) {
      builder.scale(1.0); // never enlarge a small image
    } else {
      builder.size(side, side);
    }
    BufferedImage sized = builder.asBufferedImage();
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    Thumbnails.of(sized)
        .scale(1.0)
        .outputFormat(format.writerName())
        .outputQuality(format == ImageFormat.JPEG ? JPEG_QUALITY : 1.0)
        .toOutputStream(encoded);
    byte[] stored = encoded.toByteArray();
    return new Variant(
        sha256(stored) + "." + format.storedExtension,
        stored,
        format.storedContentType,
        sized.getWidth(),
        sized.getHeight());
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
