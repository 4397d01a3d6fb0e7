package io.showfloor.platform.infra;

import io.showfloor.platform.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One running node per data folder. The operating system drops the lock when the process dies, even
 * by kill -9, so holding it proves that whatever the pid files name was left by a node that is gone
 * (and may be reclaimed), never by a node still running on the same folder.
 */
public final class DataFolderLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataFolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static DataFolderLock take(Path dataDir) {
    Path file = dataDir.resolve("run").resolve("node.lock");
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.US_ASCII).trim();
        channel.close();
        throw new ConfigException(
            "The data folder "
                + dataDir
                + " is in use by another running node"
                + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                + ". Stop it, or set dataDir (DATA_DIR) to another folder.");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      return new DataFolderLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock the data folder " + dataDir, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
