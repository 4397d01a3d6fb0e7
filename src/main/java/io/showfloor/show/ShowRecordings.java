package io.showfloor.show;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When LiveKit egress is configured ({@code livekit.egress.enabled}), a show is recorded from the
 * moment it goes live until it ends; the file's location arrives later with the egress_ended
 * webhook and becomes the show's recording (and its clips' video). Recording is best effort: a show
 * goes live even when the recorder refuses, and the failure is logged.
 */
final class ShowRecordings {
  private static final Logger LOG = LoggerFactory.getLogger(ShowRecordings.class);
  private final Database db;
  private final @Nullable ShowRecorder recorder;

  /** {@code recorder} null: recording is off. */
  ShowRecordings(Database db, @Nullable ShowRecorder recorder) {
    this.db = db;
    this.recorder = recorder;
  }

  Future<Void> started(Show show) {
    if (recorder == null) {
      return Future.succeededFuture();
    }
    return recorder
        .start(show.roomName(), "shows/" + show.roomName() + "-{time}.mp4")
        .compose(
            egressId ->
                db.query(
                    "UPDATE shows SET recording_egress_id = $2 WHERE id = $1",
                    Tuple.of(show.id(), egressId)))
        .<Void>mapEmpty()
        .recover(
            e -> {
              LOG.warn("Show {} is live but not recorded: {}", show.id(), e.toString());
              return Future.succeededFuture();
            });
  }

  Future<Void> ended(Show show) {
    if (recorder == null) {
      return Future.succeededFuture();
    }
    return db.one("SELECT recording_egress_id FROM shows WHERE id = $1", Tuple.of(show.id()))
        .compose(
            row ->
                row == null || row.getString("recording_egress_id") == null
                    ? Future.<Void>succeededFuture()
                    : recorder.stop(row.getString("recording_egress_id")))
        .recover(
            e -> {
              LOG.warn("Could not stop the recording of show {}: {}", show.id(), e.toString());
              return Future.succeededFuture();
            });
  }
}
