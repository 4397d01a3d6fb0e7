package io.showfloor.media.images;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An upload's type and dimensions, read from its magic bytes and its header only: a PNG's IHDR, a
 * JPEG's start-of-frame, a GIF's screen descriptor. Nothing is decoded here, so a small file that
 * claims 50,000 × 50,000 pixels (a decompression bomb) is refused before it can take the memory.
 */
public record ImageHeader(ImageFormat format, int width, int height) {

  /** Checks {@code bytes} against {@code limits}; refuses with the first rule broken. */
  public static ImageHeader read(byte[] bytes, ImageLimits limits) throws ImageRefusal {
    if (bytes.length > limits.maxBytes()) {
      throw new ImageRefusal(
          ImageRefusal.Reason.TOO_MANY_BYTES,
          "The file is " + bytes.length + " bytes; at most " + limits.maxBytes() + " are taken");
    }
    byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, 16));
    ImageFormat format = ImageFormat.sniff(head);
    if (format == null) {
      if (ImageFormat.isOtherImage(head)) {
        throw new ImageRefusal(
            ImageRefusal.Reason.UNSUPPORTED_TYPE,
            "This kind of image is not taken; send a JPEG, PNG or GIF");
      }
      throw new ImageRefusal(
          ImageRefusal.Reason.NOT_AN_IMAGE, "The file is not a JPEG, PNG or GIF image");
    }
    int width;
    int height;
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName);
      if (in == null || !readers.hasNext()) {
        throw new IllegalStateException("No ImageIO reader for " + format);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        width = reader.getWidth(0);
        height = reader.getHeight(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalStateException) {
        throw (IllegalStateException) e;
      }
      throw new ImageRefusal(
          ImageRefusal.Reason.NOT_AN_IMAGE, "The image's header cannot be read: it is damaged");
    }
    if (width <= 0 || height <= 0) {
      throw new ImageRefusal(ImageRefusal.Reason.NOT_AN_IMAGE, "The image has no pixels");
    }
    if (width > limits.maxSide()
        || height > limits.maxSide()
        || (long) width * height > limits.maxPixels()) {
      throw new ImageRefusal(
          ImageRefusal.Reason.TOO_MANY_PIXELS,
          "The image is "
              + width
              + " × "
              + height
              + " pixels; at most "
              + limits.maxSide()
              + " on a side and "
              + limits.maxPixels()
              + " in all are taken");
    }
    return new ImageHeader(format, width, height);
  }
}
