package io.showfloor.media;

import io.showfloor.media.storage.MediaKeys;
import io.showfloor.media.storage.MediaStore;
import io.showfloor.platform.Refused;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

/**
 * Photo uploads ({@code multipart/form-data}), the avatar, and the stored files themselves, served
 * with a year-long immutable cache lifetime: a file's name is the hash of its bytes.
 *
 * <p>vertx-openapi 5.0 validates a multipart body by parsing the buffered body, which Vert.x's
 * BodyHandler never fills for multipart (the parts go to files), so the upload operations are bound
 * unvalidated and check their one part here; the contract still documents them.
 */
final class MediaEndpoints implements ApiRoutes {
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private final MediaUploads uploads;
  private final MediaStore store;
  private final ProfilePictures pictures;
  private final long maxBytes;

  MediaEndpoints(MediaUploads uploads, MediaStore store, ProfilePictures pictures, long maxBytes) {
    this.uploads = uploads;
    this.store = store;
    this.pictures = pictures;
    this.maxBytes = maxBytes;
  }

  @Override
  public void mount(Api api) {
    api.onUnvalidatedBody(
            "uploadMedia",
            r ->
                r.verifiedUser()
                    .compose(
                        c ->
                            file(r)
                                .compose(
                                    bytes ->
                                        uploads.upload(
                                            c.userId(),
                                            MediaPurpose.of(
                                                r.context().request().getFormAttribute("purpose")),
                                            bytes)))
                    .map(Reply::created))
        .onUnvalidatedBody(
            "uploadAvatar",
            r ->
                r.user()
                    .compose(
                        c ->
                            file(r)
                                .compose(
                                    bytes -> uploads.upload(c.userId(), MediaPurpose.AVATAR, bytes))
                                .compose(
                                    upload ->
                                        pictures
                                            .set(c.userId(), upload.getString("url"))
                                            .map(v -> upload)))
                    .map(
                        upload ->
                            Reply.ok(
                                new JsonObject()
                                    .put("avatarUrl", upload.getString("url"))
                                    .put("upload", upload))))
        .on(
            "removeAvatar",
            r -> r.user().compose(c -> pictures.set(c.userId(), null)).map(v -> Reply.noContent()))
        .on("getMediaFile", this::serve);
  }

  /** The one file part's bytes, refused by its size before it is read. */
  private Future<byte[]> file(ApiRequest request) {
    RoutingContext rc = request.context();
    String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null
        || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      return Future.failedFuture(
          Refused.invalid(
              "multipart_required", "Send the image as multipart/form-data in a part named file"));
    }
    FileUpload file = null;
    for (FileUpload upload : rc.fileUploads()) {
      if ("file".equals(upload.name())) {
        if (file != null) {
          return Future.failedFuture(
              Refused.invalid("one_file_only", "Send one image per request"));
        }
        file = upload;
      }
    }
    if (file == null) {
      return Future.failedFuture(
          Refused.invalid("file_required", "The image goes in a part named file"));
    }
    if (file.size() > maxBytes) {
      return Future.failedFuture(
          new Refused(
              Refused.Kind.TOO_LARGE,
              "image_too_large",
              "The file is " + file.size() + " bytes; at most " + maxBytes + " are taken"));
    }
    return rc.vertx().fileSystem().readFile(file.uploadedFileName()).map(b -> b.getBytes());
  }

  /** A stored file; its name never changes meaning, so caches may keep it for a year. */
  private Future<Reply> serve(ApiRequest request) {
    String key = request.path("key");
    if (!MediaKeys.isKey(key)) {
      return Future.failedFuture(Refused.notFound("media_not_found", "No such file"));
    }
    String etag = "\"" + key.substring(0, key.indexOf('.')) + "\"";
    RoutingContext rc = request.context();
    if (etag.equals(rc.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      rc.response()
          .setStatusCode(304)
          .putHeader(HttpHeaders.ETAG, etag)
          .putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
          .end();
      return Future.succeededFuture(Reply.noContent());
    }
    return store
        .get(key)
        .map(
            bytes -> {
              if (bytes == null) {
                throw Refused.notFound("media_not_found", "No such file");
              }
              rc.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, MediaKeys.contentType(key))
                  .putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
                  .putHeader(HttpHeaders.ETAG, etag)
                  // already compressed: gzip would only cost CPU
                  .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY)
                  .end(bytes);
              return Reply.noContent(); // not written: the answer above has ended the response
            });
  }
}
