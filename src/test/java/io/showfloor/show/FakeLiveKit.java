package io.showfloor.show;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import livekit.LivekitEgress.EgressInfo;
import livekit.LivekitEgress.EgressStatus;
import livekit.LivekitEgress.RoomCompositeEgressRequest;
import livekit.LivekitEgress.StopEgressRequest;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.TrackInfo;
import livekit.LivekitRoom.MuteRoomTrackRequest;
import livekit.LivekitRoom.MuteRoomTrackResponse;
import livekit.LivekitRoom.RoomParticipantIdentity;

/**
 * A local stand-in for LiveKit's room service (Twirp: POST
 * /twirp/livekit.RoomService/&lt;Method&gt; with protobuf bodies). It checks each call is signed
 * with the API secret and carries a roomAdmin grant for that room, answers like LiveKit, and
 * records what it was asked.
 */
final class FakeLiveKit implements AutoCloseable {
  /**
   * One call as LiveKit saw it (for egress calls: identity = the file path, trackSid = the egress
   * id).
   */
  record Call(String method, String room, String identity, String trackSid, JsonObject video) {}

  final String apiKey;
  final String apiSecret;
  final List<Call> calls = new CopyOnWriteArrayList<>();

  /** Identities currently connected; removing anyone else answers Twirp not_found like LiveKit. */
  final Set<String> connected = ConcurrentHashMap.newKeySet();

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;

  FakeLiveKit(String apiKey, String apiSecret) {
    this.apiKey = apiKey;
    this.apiSecret = apiSecret;
    this.server =
        vertx
            .createHttpServer()
            .requestHandler(req -> req.body().onSuccess(body -> handle(req, body)))
            .listen(0, "127.0.0.1")
            .await();
  }

  String url() {
    return "ws://127.0.0.1:" + server.actualPort();
  }

  private void handle(HttpServerRequest req, Buffer body) {
    try {
      String auth = req.getHeader("Authorization");
      JsonObject claims = LiveKitJwt.verifiedClaims(auth.substring("Bearer ".length()), apiSecret);
      if (!apiKey.equals(claims.getString("iss"))) {
        twirpError(req, 401, "unauthenticated");
        return;
      }
      JsonObject video = claims.getJsonObject("video", new JsonObject());
      String method = req.path().substring(req.path().lastIndexOf('/') + 1);
      switch (method) {
        case "RemoveParticipant" -> {
          RoomParticipantIdentity who = RoomParticipantIdentity.parseFrom(body.getBytes());
          calls.add(new Call(method, who.getRoom(), who.getIdentity(), null, video));
          if (connected.remove(who.getIdentity())) {
            protobuf(req, new byte[0]);
          } else {
            twirpError(req, 404, "not_found");
          }
        }
        case "GetParticipant" -> {
          RoomParticipantIdentity who = RoomParticipantIdentity.parseFrom(body.getBytes());
          calls.add(new Call(method, who.getRoom(), who.getIdentity(), null, video));
          if (!connected.contains(who.getIdentity())) {
            twirpError(req, 404, "not_found");
            return;
          }
          protobuf(
              req,
              ParticipantInfo.newBuilder()
                  .setIdentity(who.getIdentity())
                  .addTracks(TrackInfo.newBuilder().setSid("TR_mic").setMuted(false))
                  .addTracks(TrackInfo.newBuilder().setSid("TR_cam").setMuted(false))
                  .addTracks(TrackInfo.newBuilder().setSid("TR_old").setMuted(true))
                  .build()
                  .toByteArray());
        }
        case "MutePublishedTrack" -> {
          MuteRoomTrackRequest mute = MuteRoomTrackRequest.parseFrom(body.getBytes());
          calls.add(
              new Call(method, mute.getRoom(), mute.getIdentity(), mute.getTrackSid(), video));
          protobuf(
              req,
              MuteRoomTrackResponse.newBuilder()
                  .setTrack(
                      TrackInfo.newBuilder().setSid(mute.getTrackSid()).setMuted(mute.getMuted()))
                  .build()
                  .toByteArray());
        }
        case "StartRoomCompositeEgress" -> {
          RoomCompositeEgressRequest start = RoomCompositeEgressRequest.parseFrom(body.getBytes());
          String egressId = "EG_" + calls.size();
          calls.add(
              new Call(
                  method, start.getRoomName(), start.getFile().getFilepath(), egressId, video));
          protobuf(
              req,
              EgressInfo.newBuilder()
                  .setEgressId(egressId)
                  .setRoomName(start.getRoomName())
                  .setStatus(EgressStatus.EGRESS_STARTING)
                  .build()
                  .toByteArray());
        }
        case "StopEgress" -> {
          StopEgressRequest stop = StopEgressRequest.parseFrom(body.getBytes());
          calls.add(new Call(method, null, null, stop.getEgressId(), video));
          protobuf(
              req,
              EgressInfo.newBuilder()
                  .setEgressId(stop.getEgressId())
                  .setStatus(EgressStatus.EGRESS_ENDING)
                  .build()
                  .toByteArray());
        }
        default -> twirpError(req, 404, "bad_route");
      }
    } catch (Exception | AssertionError e) {
      twirpError(req, 401, "unauthenticated");
    }
  }

  private static void protobuf(HttpServerRequest req, byte[] bytes) {
    req.response().putHeader("Content-Type", "application/protobuf").end(Buffer.buffer(bytes));
  }

  private static void twirpError(HttpServerRequest req, int status, String code) {
    req.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("code", code).put("msg", code).encode());
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
