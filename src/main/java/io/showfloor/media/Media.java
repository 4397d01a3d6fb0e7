package io.showfloor.media;

import io.showfloor.media.storage.FolderMediaStore;
import io.showfloor.media.storage.MediaStore;
import io.showfloor.media.storage.S3MediaStore;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Photos: product images, show covers, avatars, and photos attached to reports and return requests
 * (docs/MEDIA.md). Other domains store the URLs it answers, or read uploads through the {@code
 * media_directory} view.
 */
public final class Media implements Domain {
  private static final Logger LOG = LoggerFactory.getLogger(Media.class);
  private final MediaStore store;
  private final MediaUploads uploads;
  private final ProfilePictures pictures;
  private final MediaSettings settings;
  private final PhotoAttachments photoAttachments = new PhotoAttachments();

  public Media(Platform platform, ProfilePictures pictures) {
    this.settings = MediaSettings.from(platform.settings());
    S3MediaStore.Settings s3 = settings.s3();
    this.store =
        s3 == null
            ? new FolderMediaStore(platform.vertx(), settings.folder())
            : new S3MediaStore(platform.vertx(), s3);
    this.pictures = pictures;
    this.uploads =
        new MediaUploads(
            platform.db(),
            platform.rateLimiter(),
            store,
            settings,
            platform.vertx().createSharedWorkerExecutor("media-images", 2));
  }

  /** How other domains check and show the photos users attach to what they file. */
  public PhotoAttachments photoAttachments() {
    return photoAttachments;
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(new MediaEndpoints(uploads, store, pictures, settings.limits().maxBytes()));
  }

  @Override
  public Future<Void> start() {
    LOG.info("Media files are kept in {}", store.describe());
    return Future.succeededFuture();
  }
}
