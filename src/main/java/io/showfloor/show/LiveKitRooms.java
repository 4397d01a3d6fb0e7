package io.showfloor.show;

import io.livekit.server.RoomServiceClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.List;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.TrackInfo;
import retrofit2.Response;

/**
 * {@link RoomControl} through LiveKit's room service (Twirp over HTTP). The SDK's calls block on
 * OkHttp, so they run on a worker thread.
 */
final class LiveKitRooms implements RoomControl {
  private final Vertx vertx;
  private final RoomServiceClient client;

  LiveKitRooms(Vertx vertx, LiveKitSettings settings) {
    this.vertx = vertx;
    this.client =
        RoomServiceClient.createClient(settings.httpUrl(), settings.apiKey(), settings.apiSecret());
  }

  @Override
  public Future<Void> remove(String room, String identity) {
    return vertx.executeBlocking(
        () -> {
          Response<Void> response = client.removeParticipant(room, identity).execute();
          if (!response.isSuccessful() && response.code() != 404) {
            throw failure("remove", response);
          }
          return null;
        },
        false);
  }

  @Override
  public Future<Integer> mute(String room, String identity) {
    return vertx.executeBlocking(
        () -> {
          Response<ParticipantInfo> participant = client.getParticipant(room, identity).execute();
          if (participant.code() == 404) {
            return 0;
          }
          if (!participant.isSuccessful() || participant.body() == null) {
            throw failure("look up", participant);
          }
          int muted = 0;
          List<TrackInfo> tracks = participant.body().getTracksList();
          for (TrackInfo track : tracks) {
            if (track.getMuted()) {
              continue;
            }
            Response<TrackInfo> response =
                client.mutePublishedTrack(room, identity, track.getSid(), true).execute();
            if (!response.isSuccessful()) {
              throw failure("mute", response);
            }
            muted++;
          }
          return muted;
        },
        false);
  }

  private static IOException failure(String action, Response<?> response) {
    String detail;
    try (var body = response.errorBody()) {
      detail = body == null ? "" : body.string();
    } catch (IOException e) {
      detail = "";
    }
    return new IOException(
        "LiveKit refused to " + action + " a participant: HTTP " + response.code() + " " + detail);
  }
}
