package io.showfloor.media.storage;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Where stored image files live, by key (a content hash and an extension): a folder under the data
 * directory by default ({@link FolderMediaStore}), S3-compatible object storage when {@code
 * media.s3.bucket} is set ({@link S3MediaStore}). Keys name their content, so a put of a key that
 * exists writes the same bytes again and is harmless.
 */
public interface MediaStore {
  Future<Void> put(String key, byte[] bytes, String contentType);

  /** The file's bytes, or null when there is no such key. */
  Future<@Nullable Buffer> get(String key);

  /** For logs and health: "folder /path" or "s3 bucket at endpoint". */
  String describe();
}
