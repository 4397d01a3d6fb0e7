package io.showfloor.show;

import io.vertx.core.Future;

/** Records a show's room from start to end (LiveKit room-composite egress). */
interface ShowRecorder {
  /** Starts recording the room into a file; answers the recording (egress) id. */
  Future<String> start(String room, String filepath);

  Future<Void> stop(String recordingId);
}
