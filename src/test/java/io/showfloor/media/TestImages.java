package io.showfloor.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Images made in the test: real ones, one with EXIF, and hostile ones. */
final class TestImages {
  static final String EXIF_MARKER = "Exif";
  static final String SECRET_PLACE = "GPS-51.5007N-0.1246W";

  private TestImages() {}

  static byte[] jpeg(int width, int height) {
    return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpg");
  }

  static byte[] png(int width, int height) {
    return encode(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
  }

  /**
   * A JPEG with an APP1 Exif segment carrying a "position" right after the start-of-image marker,
   * as a phone writes it.
   */
  static byte[] jpegWithExif(int width, int height) {
    byte[] plain = jpeg(width, height);
    byte[] payload =
        ("Exif\0\0" + "MM\0*" + SECRET_PLACE + " camera=TestPhone")
            .getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8);
    out.write(0xFF);
    out.write(0xE1);
    int length = payload.length + 2;
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(payload);
    out.write(plain, 2, plain.length - 2);
    return out.toByteArray();
  }

  /**
   * A PNG of a few hundred bytes that announces {@code width} × {@code height} pixels and carries a
   * deflated stream of zeros: decoded, it would take width × height × 4 bytes.
   */
  static byte[] pngBomb(int width, int height) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
      DataOutputStream header = new DataOutputStream(ihdr);
      header.writeInt(width);
      header.writeInt(height);
      header.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB
      chunk(out, "IHDR", ihdr.toByteArray());
      Deflater deflater = new Deflater(9);
      deflater.setInput(new byte[1_000_000]);
      deflater.finish();
      byte[] buffer = new byte[64 * 1024];
      int n = deflater.deflate(buffer);
      byte[] idat = java.util.Arrays.copyOf(buffer, n);
      chunk(out, "IDAT", idat);
      chunk(out, "IEND", new byte[0]);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] webp() {
    byte[] bytes = new byte[64];
    System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
    System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 8);
    return bytes;
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data)
      throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(data.length);
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    d.write(typeBytes);
    d.write(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    d.writeInt((int) crc.getValue());
  }

  private static BufferedImage picture(int width, int height, int type) {
    BufferedImage image = new BufferedImage(width, height, type);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(30, 90, 200));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.ORANGE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    return image;
  }

  private static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
