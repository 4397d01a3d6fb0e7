package io.showfloor.show;

import io.livekit.server.AudioMixing;
import io.livekit.server.EgressServiceClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import livekit.LivekitEgress.EgressInfo;
import livekit.LivekitEgress.EncodedFileOutput;
import livekit.LivekitEgress.EncodedFileType;
import livekit.LivekitEgress.EncodingOptionsPreset;
import retrofit2.Response;

/**
 * {@link ShowRecorder} through LiveKit's egress service; where files land is LiveKit's egress
 * configuration.
 */
final class LiveKitRecorder implements ShowRecorder {
  private final Vertx vertx;
  private final EgressServiceClient client;

  LiveKitRecorder(Vertx vertx, LiveKitSettings settings) {
    this.vertx = vertx;
    this.client =
        EgressServiceClient.createClient(
            settings.httpUrl(), settings.apiKey(), settings.apiSecret());
  }

  @Override
  public Future<String> start(String room, String filepath) {
    return vertx.executeBlocking(
        () -> {
          EncodedFileOutput file =
              EncodedFileOutput.newBuilder()
                  .setFileType(EncodedFileType.MP4)
                  .setFilepath(filepath)
                  .build();
          Response<EgressInfo> response =
              client
                  .startRoomCompositeEgress(
                      room,
                      file,
                      "speaker",
                      EncodingOptionsPreset.H264_720P_30,
                      null,
                      false,
                      false,
                      "",
                      AudioMixing.DEFAULT_MIXING)
                  .execute();
          if (!response.isSuccessful() || response.body() == null) {
            throw new IOException(
                "LiveKit refused to record " + room + ": HTTP " + response.code());
          }
          return response.body().getEgressId();
        },
        false);
  }

  @Override
  public Future<Void> stop(String recordingId) {
    return vertx.executeBlocking(
        () -> {
          Response<EgressInfo> response = client.stopEgress(recordingId).execute();
          if (!response.isSuccessful() && response.code() != 404) {
            throw new IOException(
                "LiveKit refused to stop recording " + recordingId + ": HTTP " + response.code());
          }
          return null;
        },
        false);
  }
}
