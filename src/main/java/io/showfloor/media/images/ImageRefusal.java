package io.showfloor.media.images;

/** Why an upload is not taken; the edge turns each into a problem with a stable code. */
public final class ImageRefusal extends Exception {
  private static final long serialVersionUID = 1L;

  public enum Reason {
    /** The bytes are not an image at all (or a broken one). */
    NOT_AN_IMAGE,
    /** An image of a kind we do not decode (WebP, HEIC, TIFF, BMP). */
    UNSUPPORTED_TYPE,
    /** More bytes than media.maxBytes. */
    TOO_MANY_BYTES,
    /** Wider, taller or more pixels than allowed: refused before decoding (decompression bombs). */
    TOO_MANY_PIXELS
  }

  private final Reason reason;
  private final String detail;

  public ImageRefusal(Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
    this.detail = detail;
  }

  /** What to tell the uploader. */
  public String detail() {
    return detail;
  }

  public Reason reason() {
    return reason;
  }
}
