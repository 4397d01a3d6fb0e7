package io.showfloor.media;

import io.showfloor.media.images.ImageLimits;
import io.showfloor.media.storage.S3MediaStore;
import io.showfloor.platform.config.Settings;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * {@code media.*} in config/default.json, read once: the limits of an upload, the sizes kept, the
 * per-user upload rate, and where files go (a folder, or S3 when {@code media.s3.bucket} is set).
 */
record MediaSettings(
    ImageLimits limits, int uploadsPerMinute, Path folder, S3MediaStore.@Nullable Settings s3) {

  static MediaSettings from(Settings settings) {
    ImageLimits limits =
        new ImageLimits(
            settings.positiveLong("media.maxBytes", 8L * 1024 * 1024),
            settings.within("media.maxSide", 12_000, 16, 65_535),
            settings.positiveLong("media.maxPixels", 25_000_000L),
            settings.within("media.displaySide", 1600, 16, 8192),
            settings.within("media.thumbnailSide", 320, 16, 2048));
    String folder = settings.string("media.folder", null);
    String bucket = settings.string("media.s3.bucket", null);
    S3MediaStore.Settings s3 =
        bucket == null
            ? null
            : new S3MediaStore.Settings(
                text(settings, "media.s3.endpoint", ""),
                text(settings, "media.s3.region", "us-east-1"),
                bucket,
                text(settings, "media.s3.prefix", ""),
                text(settings, "media.s3.accessKeyId", ""),
                text(settings, "media.s3.secretAccessKey", ""),
                settings.bool("media.s3.pathStyle", true));
    return new MediaSettings(
        limits,
        settings.positive("media.uploadsPerMinute", 30),
        folder == null ? settings.dataDir().resolve("media") : Path.of(folder),
        s3);
  }

  private static String text(Settings settings, String path, String fallback) {
    String value = settings.string(path, null);
    return value == null ? fallback : value;
  }
}
