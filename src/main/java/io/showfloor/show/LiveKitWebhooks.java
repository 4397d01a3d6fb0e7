package io.showfloor.show;

import io.livekit.server.WebhookReceiver;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import livekit.LivekitEgress.EgressInfo;
import livekit.LivekitEgress.FileInfo;
import livekit.LivekitWebhook.WebhookEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiveKit's webhooks, verified with the SDK's {@link WebhookReceiver} (a JWT signed with our API
 * secret whose sha256 claim covers the body) and applied exactly once: the event id is inserted in
 * the same transaction as the state change, so LiveKit's retries and replays change nothing.
 */
final class LiveKitWebhooks {
  private static final Logger LOG = LoggerFactory.getLogger(LiveKitWebhooks.class);
  private final WebhookReceiver receiver;
  private final Database db;
  private final ShowEvents events;
  private final ShowAccess access;
  private final Video video;

  LiveKitWebhooks(
      LiveKitSettings settings, Database db, ShowEvents events, ShowAccess access, Video video) {
    this.receiver = new WebhookReceiver(settings.apiKey(), settings.apiSecret());
    this.db = db;
    this.events = events;
    this.access = access;
    this.video = video;
  }

  Future<JsonObject> receive(String body, String authorization) {
    WebhookEvent event = verify(body, authorization);
    if (event.getId().isBlank() || event.getEvent().isBlank()) {
      return Future.failedFuture(
          Refused.invalid("invalid_webhook", "The webhook has no event id or type"));
    }
    String room = roomOf(event);
    long showId = Show.showIdOfRoom(room);
    OffsetDateTime at =
        event.getCreatedAt() > 0
            ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(event.getCreatedAt()), ZoneOffset.UTC)
            : OffsetDateTime.now(ZoneOffset.UTC);
    return db.tx(
            tx ->
                tx.preparedQuery("SELECT id FROM shows WHERE id = $1 FOR UPDATE")
                    .execute(Tuple.of(showId))
                    .compose(
                        rows -> {
                          Long known = rows.iterator().hasNext() ? showId : null;
                          return tx.preparedQuery(
                                  """
                      INSERT INTO livekit_webhook_events (event_id, event, room_name, show_id) VALUES ($1, $2, $3, $4)
                      ON CONFLICT (event_id) DO NOTHING""")
                              .execute(Tuple.of(event.getId(), event.getEvent(), room, known))
                              .compose(
                                  inserted -> {
                                    if (inserted.rowCount() == 0) {
                                      return Future.succeededFuture(new Applied(false, null));
                                    }
                                    return known == null
                                        ? Future.succeededFuture(new Applied(true, null))
                                        : apply(tx, event, known, at);
                                  });
                        }))
        .compose(
            applied -> {
              JsonObject answer =
                  new JsonObject()
                      .put("event", event.getEvent())
                      .put("id", event.getId())
                      .put("applied", applied.fresh());
              Future<Void> published =
                  applied.publish() == null
                      ? Future.succeededFuture()
                      : events.publish(
                          showId,
                          applied.publish().getString("type"),
                          applied.publish().getJsonObject("data"));
              return published
                  .compose(
                      v ->
                          applied.fresh() && "participant_joined".equals(event.getEvent())
                              ? removeIfBanned(showId, event.getParticipant().getIdentity())
                              : Future.succeededFuture())
                  .map(answer);
            });
  }

  /**
   * A user banned after their token was minted can still join until it expires: take them out as
   * they arrive.
   */
  private Future<Void> removeIfBanned(long showId, String identity) {
    long userId = VideoTokens.userIdOf(identity);
    if (userId < 0) {
      return Future.succeededFuture();
    }
    return access
        .standing(showId, userId)
        .compose(
            standing ->
                standing.banned()
                    ? video.kick(showId, userId).mapEmpty()
                    : Future.<Void>succeededFuture())
        .recover(e -> Future.succeededFuture());
  }

  private WebhookEvent verify(String body, String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw Refused.unauthenticated(
          "invalid_webhook_signature", "The Authorization header is missing");
    }
    try {
      return receiver.receive(
          body, authorization.startsWith("Bearer ") ? authorization.substring(7) : authorization);
    } catch (Exception e) {
      if (e instanceof com.google.protobuf.InvalidProtocolBufferException) {
        // signed correctly (the checksum matched) but not an event we can read
        throw Refused.invalid("invalid_webhook", "The webhook body is not a LiveKit event");
      }
      // a bad signature, a foreign key, an expired token or a body that does not match its checksum
      LOG.warn("Refused a LiveKit webhook: {}", e.toString());
      throw Refused.unauthenticated(
          "invalid_webhook_signature",
          "The webhook is not signed by our LiveKit key or was altered");
    }
  }

  private static @Nullable String roomOf(WebhookEvent event) {
    if (event.hasRoom()) {
      return event.getRoom().getName();
    }
    if (event.hasEgressInfo()) {
      return event.getEgressInfo().getRoomName();
    }
    return null;
  }

  /** Whether the event was new, and the show event to publish after the commit (or null). */
  private record Applied(boolean fresh, @Nullable JsonObject publish) {}

  private Future<Applied> apply(
      SqlConnection tx, WebhookEvent event, long showId, OffsetDateTime at) {
    return switch (event.getEvent()) {
      case "room_started" ->
          update(
              tx,
              "UPDATE shows SET room_started_at = $2, room_finished_at = NULL WHERE id = $1",
              Tuple.of(showId, at),
              "video.room",
              new JsonObject().put("state", "started").put("at", Show.iso(at)));
      case "room_finished" ->
          update(
                  tx,
                  "UPDATE shows SET room_finished_at = $2 WHERE id = $1",
                  Tuple.of(showId, at),
                  null,
                  null)
              .compose(
                  a ->
                      update(
                          tx,
                          "UPDATE show_video_participants SET left_at = $2 WHERE show_id = $1 AND left_at IS NULL",
                          Tuple.of(showId, at),
                          "video.room",
                          new JsonObject().put("state", "finished").put("at", Show.iso(at))));
      case "participant_joined" ->
          update(
              tx,
              """
              INSERT INTO show_video_participants (show_id, identity, joined_at) VALUES ($1, $2, $3)
              ON CONFLICT (show_id, identity) DO UPDATE SET joined_at = EXCLUDED.joined_at, left_at = NULL""",
              Tuple.of(showId, event.getParticipant().getIdentity(), at),
              null,
              null);
      case "participant_left" ->
          update(
              tx,
              "UPDATE show_video_participants SET left_at = $3 WHERE show_id = $1 AND identity = $2 AND left_at IS NULL",
              Tuple.of(showId, event.getParticipant().getIdentity(), at),
              null,
              null);
      case "egress_ended" -> recordingEnded(tx, showId, event.getEgressInfo());
      default -> Future.succeededFuture(new Applied(true, null));
    };
  }

  private Future<Applied> recordingEnded(SqlConnection tx, long showId, EgressInfo egress) {
    String location = egress.hasFile() ? egress.getFile().getLocation() : "";
    for (FileInfo file : egress.getFileResultsList()) {
      if (location.isBlank()) {
        location = file.getLocation();
      }
    }
    if (location.isBlank()) {
      return Future.succeededFuture(new Applied(true, null));
    }
    String url = location;
    return update(
        tx,
        "UPDATE shows SET recording_url = $2 WHERE id = $1",
        Tuple.of(showId, url),
        "video.recording",
        new JsonObject().put("recordingUrl", url).put("egressId", egress.getEgressId()));
  }

  private static Future<Applied> update(
      SqlConnection tx, String sql, Tuple args, @Nullable String type, @Nullable JsonObject data) {
    return tx.preparedQuery(sql)
        .execute(args)
        .map(
            r ->
                new Applied(
                    true,
                    type == null ? null : new JsonObject().put("type", type).put("data", data)));
  }
}
