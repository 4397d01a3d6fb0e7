package io.showfloor.show;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A show as stored; {@link #toJson()} is what clients see. */
public record Show(
    long id,
    long hostId,
    String hostName,
    boolean hostVerified,
    String title,
    String description,
    String category,
    String coverImageUrl,
    OffsetDateTime scheduledAt,
    String status,
    OffsetDateTime startedAt,
    OffsetDateTime endedAt,
    OffsetDateTime cancelledAt,
    int slowModeSeconds,
    Long pinnedMessageId,
    OffsetDateTime roomStartedAt,
    OffsetDateTime roomFinishedAt,
    String recordingUrl,
    int videoParticipants,
    int peakViewers,
    int viewerSamples,
    long viewerSampleSum,
    boolean requireSavedCard,
    OffsetDateTime createdAt) {

  /**
   * The columns {@link #from(Row)} reads; the query must alias shows as s and join the host as u.
   */
  static final String COLUMNS =
      """
      s.id, s.host_id, u.display_name AS host_name,
      EXISTS (SELECT 1 FROM host_verifications v WHERE v.host_id = s.host_id AND v.status = 'verified') AS host_verified,
      s.title, s.description, s.category, s.cover_image_url, s.scheduled_at, s.status, s.started_at, s.ended_at,
      s.cancelled_at, s.slow_mode_seconds, s.pinned_message_id, s.room_started_at, s.room_finished_at,
      s.recording_url,
      (SELECT count(*)::int FROM show_video_participants p WHERE p.show_id = s.id AND p.left_at IS NULL) AS video_participants,
      s.peak_viewers, s.viewer_samples, s.viewer_sample_sum, s.require_saved_card, s.created_at""";

  static final String FROM = " FROM shows s JOIN user_directory u ON u.id = s.host_id ";

  static Show from(Row r) {
    return new Show(
        r.getLong("id"),
        r.getLong("host_id"),
        r.getString("host_name"),
        r.getBoolean("host_verified"),
        r.getString("title"),
        r.getString("description"),
        r.getString("category"),
        r.getString("cover_image_url"),
        r.getOffsetDateTime("scheduled_at"),
        r.getString("status"),
        r.getOffsetDateTime("started_at"),
        r.getOffsetDateTime("ended_at"),
        r.getOffsetDateTime("cancelled_at"),
        r.getInteger("slow_mode_seconds"),
        r.getLong("pinned_message_id"),
        r.getOffsetDateTime("room_started_at"),
        r.getOffsetDateTime("room_finished_at"),
        r.getString("recording_url"),
        r.getInteger("video_participants"),
        r.getInteger("peak_viewers"),
        r.getInteger("viewer_samples"),
        r.getLong("viewer_sample_sum"),
        r.getBoolean("require_saved_card"),
        r.getOffsetDateTime("created_at"));
  }

  public boolean isLive() {
    return "live".equals(status);
  }

  public boolean isScheduled() {
    return "scheduled".equals(status);
  }

  public boolean isEnded() {
    return "ended".equals(status);
  }

  /** The LiveKit room of this show. */
  public String roomName() {
    return roomName(id);
  }

  public static String roomName(long showId) {
    return "show-" + showId;
  }

  /** The show id of a room name made by {@link #roomName(long)}, or -1 for any other room. */
  public static long showIdOfRoom(@Nullable String room) {
    if (room == null || !room.startsWith("show-")) {
      return -1;
    }
    try {
      return Long.parseLong(room.substring(5));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Mean of the viewer counts sampled while live, rounded to the nearest viewer. */
  public long averageViewers() {
    return viewerSamples == 0 ? 0 : Math.round((double) viewerSampleSum / viewerSamples);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("hostId", hostId)
        .put(
            "host",
            new JsonObject()
                .put("id", hostId)
                .put("displayName", hostName)
                .put("verified", hostVerified))
        .put("title", title)
        .put("description", description)
        .put("category", category)
        .put("coverImageUrl", coverImageUrl)
        .put("scheduledAt", iso(scheduledAt))
        .put("status", status)
        .put("startedAt", iso(startedAt))
        .put("endedAt", iso(endedAt))
        .put("cancelledAt", iso(cancelledAt))
        .put("slowModeSeconds", slowModeSeconds)
        .put("requireSavedCard", requireSavedCard)
        .put("pinnedMessageId", pinnedMessageId)
        .put("room", roomName())
        .put(
            "video",
            new JsonObject()
                .put("roomStartedAt", iso(roomStartedAt))
                .put("roomFinishedAt", iso(roomFinishedAt))
                .put("recordingUrl", recordingUrl)
                .put("participants", videoParticipants))
        .put("peakViewers", peakViewers)
        .put("averageViewers", averageViewers())
        .put("createdAt", iso(createdAt));
  }

  static @Nullable String iso(@Nullable OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
