package io.showfloor.market.export;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an export as a chunked HTTP answer, batch by batch as PostgreSQL returns them: the next
 * batch is read only once the client has taken the last one (the response's write queue has
 * drained), so memory holds one batch whatever the range or the client's speed.
 */
final class ExportDownload {
  private static final Logger LOG = LoggerFactory.getLogger(ExportDownload.class);

  private final HttpServerResponse response;
  private final ExportRows rows;
  private final ExportFormat format;
  private boolean first = true;

  private ExportDownload(HttpServerResponse response, ExportRows rows, ExportFormat format) {
    this.response = response;
    this.rows = rows;
    this.format = format;
  }

  /**
   * Completes when the answer has ended. A failure after the head was sent cannot become a
   * problem+json any more: the connection is reset, so the client sees a broken download rather
   * than a file that looks complete.
   */
  static Future<Void> send(
      HttpServerResponse response, ExportRows rows, ExportFormat format, String fileName) {
    response
        .setChunked(true)
        .putHeader("Content-Type", format.contentType())
        .putHeader(
            "Content-Disposition",
            "attachment; filename=\"" + fileName + "." + format.extension() + "\"")
        .putHeader("Cache-Control", "no-store");
    ExportDownload download = new ExportDownload(response, rows, format);
    return response
        .write(format.head(rows))
        .compose(v -> download.pump())
        .recover(
            failure -> {
              if (!response.closed()) {
                LOG.warn("Export failed after {} was started; resetting", rows.describe(), failure);
                response.reset();
              }
              return Future.succeededFuture();
            });
  }

  private Future<Void> pump() {
    if (response.closed()) {
      return Future.failedFuture("The client went away");
    }
    return rows.next()
        .compose(
            batch -> {
              if (batch.isEmpty()) {
                return response.end(format.tail());
              }
              response.write(format.rows(rows, batch, first));
              first = false;
              return drained().compose(v -> pump());
            });
  }

  private Future<Void> drained() {
    if (!response.writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    response.drainHandler(v -> promise.tryComplete());
    response.closeHandler(v -> promise.tryFail("The client went away"));
    return promise.future();
  }

  static String fileName(JsonObject description) {
    String symbol = description.getString("symbol");
    String from = description.getString("from").replace(":", "");
    return (symbol == null ? "my" : symbol) + "-" + description.getString("kind") + "-" + from;
  }
}
