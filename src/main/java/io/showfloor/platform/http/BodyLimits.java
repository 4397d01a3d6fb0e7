package io.showfloor.platform.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads an /api request body only up to its operation's limit: {@value #DEFAULT_BYTES} bytes, or
 * what the operation declares as {@code x-body-limit-bytes} in the contract (the CSV import, the
 * webhooks, forms with long texts), never more than {@code http.bodyLimitBytes}. A larger body
 * answers 413 payload_too_large before it is buffered, parsed or validated.
 *
 * <p>An operation whose contract body is {@code multipart/form-data} (a photo upload) has its file
 * parts streamed to a folder under the data directory instead of memory, under the same limit, and
 * deleted when the answer is sent (the endpoint reads them from {@code rc.fileUploads()}).
 */
final class BodyLimits {
  static final long DEFAULT_BYTES = 65_536;
  static final String EXTENSION = "x-body-limit-bytes";
  private final OpenAPIContract contract;
  private final long ceiling;
  private final Path uploads;
  private final Map<Long, BodyHandler> handlers = new ConcurrentHashMap<>();
  private final Map<Long, BodyHandler> uploadHandlers = new ConcurrentHashMap<>();

  BodyLimits(OpenAPIContract contract, long ceiling, Path uploads) {
    this.contract = contract;
    this.ceiling = ceiling;
    this.uploads = uploads;
  }

  void handle(RoutingContext rc) {
    Operation operation = contract.findOperation(rc.request().path(), rc.request().method());
    long limit = Math.min(ceiling, limitOf(operation));
    if (takesFiles(operation)) {
      uploadHandlers
          .computeIfAbsent(
              limit,
              l ->
                  BodyHandler.create(uploads.toAbsolutePath().toString())
                      .setBodyLimit(l)
                      .setDeleteUploadedFilesOnEnd(true))
          .handle(rc);
      return;
    }
    handlers.computeIfAbsent(limit, l -> BodyHandler.create(false).setBodyLimit(l)).handle(rc);
  }

  private static boolean takesFiles(@Nullable Operation operation) {
    return operation != null
        && operation.getRequestBody() != null
        && operation.getRequestBody().getContent().containsKey("multipart/form-data");
  }

  private static long limitOf(@Nullable Operation operation) {
    Object declared = operation == null ? null : operation.getExtensions().get(EXTENSION);
    return declared instanceof Number n ? n.longValue() : DEFAULT_BYTES;
  }
}
