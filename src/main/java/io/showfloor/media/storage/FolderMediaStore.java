package io.showfloor.media.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import java.nio.file.Path;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Files in a folder (by default {@code <dataDir>/media}). Each file is written under a temporary
 * name and moved into place, so a reader never sees half a file, and a crash mid-write leaves only
 * a stray temporary file.
 */
public final class FolderMediaStore implements MediaStore {
  private final FileSystem fs;
  private final Path folder;

  public FolderMediaStore(Vertx vertx, Path folder) {
    this.fs = vertx.fileSystem();
    this.folder = folder.toAbsolutePath();
  }

  @Override
  public Future<Void> put(String key, byte[] bytes, String contentType) {
    String target = file(key);
    String temporary = folder.resolve(".incoming-" + UUID.randomUUID()).toString();
    return fs.mkdirs(folder.toString())
        .compose(v -> fs.writeFile(temporary, Buffer.buffer(bytes)))
        .compose(
            v ->
                fs.move(
                    temporary,
                    target,
                    new CopyOptions().setReplaceExisting(true).setAtomicMove(true)));
  }

  @Override
  public Future<@Nullable Buffer> get(String key) {
    String path = file(key);
    return fs.exists(path)
        .compose(
            exists -> exists ? fs.readFile(path) : Future.<@Nullable Buffer>succeededFuture(null));
  }

  @Override
  public String describe() {
    return "folder " + folder;
  }

  private String file(String key) {
    if (!MediaKeys.isKey(key)) {
      throw new IllegalArgumentException("Not a media key: " + key);
    }
    return folder.resolve(key).toString();
  }
}
