package io.showfloor.media;

import io.showfloor.media.images.ImageHeader;
import io.showfloor.media.images.ImageRefusal;
import io.showfloor.media.images.ImageVariants;
import io.showfloor.media.storage.MediaStore;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Takes an uploaded image: checks its bytes and header (type by magic bytes, size, pixels) before
 * anything is decoded, re-encodes a display size and a thumbnail (dropping EXIF), stores both
 * through the {@link MediaStore} and records the upload. A refusal stores nothing.
 */
final class MediaUploads {
  static final String URL_PREFIX = "/api/media/";
  private static final String INSERT =
      """
      INSERT INTO media_uploads (owner_id, purpose, source_type, width, height, bytes,
                                 display_key, display_width, display_height,
                                 thumbnail_key, thumbnail_width, thumbnail_height)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      RETURNING id, owner_id, purpose, display_key, display_width, display_height,
                thumbnail_key, thumbnail_width, thumbnail_height, created_at""";

  private final Database db;
  private final RateLimiter rateLimiter;
  private final MediaStore store;
  private final MediaSettings settings;
  // decoding takes width × height × 4 bytes; two at a time bounds the memory uploads can take
  private final WorkerExecutor decoders;

  MediaUploads(
      Database db,
      RateLimiter rateLimiter,
      MediaStore store,
      MediaSettings settings,
      WorkerExecutor decoders) {
    this.db = db;
    this.rateLimiter = rateLimiter;
    this.store = store;
    this.settings = settings;
    this.decoders = decoders;
  }

  Future<JsonObject> upload(long ownerId, MediaPurpose purpose, byte[] bytes) {
    return rateLimiter
        .check("media-upload:user:" + ownerId, settings.uploadsPerMinute(), 60)
        .compose(v -> decoders.executeBlocking(() -> variants(bytes), false))
        .compose(
            made ->
                store
                    .put(
                        made.pair().display().key(),
                        made.pair().display().bytes(),
                        made.pair().display().contentType())
                    .compose(
                        v ->
                            store.put(
                                made.pair().thumbnail().key(),
                                made.pair().thumbnail().bytes(),
                                made.pair().thumbnail().contentType()))
                    .compose(
                        v -> db.one(INSERT, insertTuple(ownerId, purpose, bytes.length, made))))
        .map(MediaUploads::toJson);
  }

  private record Made(ImageHeader header, ImageVariants.Pair pair) {}

  private Made variants(byte[] bytes) {
    try {
      ImageHeader header = ImageHeader.read(bytes, settings.limits());
      return new Made(header, ImageVariants.of(bytes, header, settings.limits()));
    } catch (ImageRefusal refusal) {
      throw refused(refusal);
    }
  }

  /** The stable codes of docs/MEDIA.md. */
  static Refused refused(ImageRefusal refusal) {
    return switch (refusal.reason()) {
      case NOT_AN_IMAGE -> Refused.invalid("not_an_image", refusal.detail());
      case UNSUPPORTED_TYPE -> Refused.invalid("unsupported_image_type", refusal.detail());
      case TOO_MANY_BYTES ->
          new Refused(Refused.Kind.TOO_LARGE, "image_too_large", refusal.detail());
      case TOO_MANY_PIXELS ->
          new Refused(Refused.Kind.TOO_LARGE, "too_many_pixels", refusal.detail());
    };
  }

  private static Tuple insertTuple(long ownerId, MediaPurpose purpose, int size, Made made) {
    ImageVariants.Variant display = made.pair().display();
    ImageVariants.Variant thumbnail = made.pair().thumbnail();
    return Tuple.tuple()
        .addLong(ownerId)
        .addString(purpose.wire())
        .addString(made.header().format().name().toLowerCase(java.util.Locale.ROOT))
        .addInteger(made.header().width())
        .addInteger(made.header().height())
        .addInteger(size)
        .addString(display.key())
        .addInteger(display.width())
        .addInteger(display.height())
        .addString(thumbnail.key())
        .addInteger(thumbnail.width())
        .addInteger(thumbnail.height());
  }

  static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("purpose", row.getString("purpose"))
        .put("url", URL_PREFIX + row.getString("display_key"))
        .put("width", row.getInteger("display_width"))
        .put("height", row.getInteger("display_height"))
        .put("thumbnailUrl", URL_PREFIX + row.getString("thumbnail_key"))
        .put("thumbnailWidth", row.getInteger("thumbnail_width"))
        .put("thumbnailHeight", row.getInteger("thumbnail_height"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
  }
}
