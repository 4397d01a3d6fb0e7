package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The show's video room: tokens to join it, and moderation that reaches into it when LiveKit is
 * configured.
 */
final class Video {
  private static final Logger LOG = LoggerFactory.getLogger(Video.class);
  private final RateLimiter rateLimiter;
  private final ShowAccess access;
  private final VideoTokens tokens;
  private final @Nullable RoomControl rooms;

  /**
   * {@code rooms} is null when LiveKit is not configured (dev key): nothing to remove people from.
   */
  Video(
      RateLimiter rateLimiter, ShowAccess access, VideoTokens tokens, @Nullable RoomControl rooms) {
    this.rateLimiter = rateLimiter;
    this.access = access;
    this.tokens = tokens;
    this.rooms = rooms;
  }

  Future<JsonObject> token(Caller caller, long showId) {
    return rateLimiter
        .check("video-token:" + caller.userId(), 30, 60)
        .compose(v -> access.standing(showId, caller.userId()))
        .map(standing -> tokens.mint(standing, caller));
  }

  Future<JsonObject> remove(Caller caller, long showId, long userId) {
    return requireRooms()
        .compose(
            r ->
                requireModeratorOver(caller, showId, userId)
                    .compose(v -> r.remove(Show.roomName(showId), VideoTokens.identity(userId))))
        .map(v -> new JsonObject().put("userId", userId).put("removed", true));
  }

  Future<JsonObject> mute(Caller caller, long showId, long userId) {
    return requireRooms()
        .compose(
            r ->
                requireModeratorOver(caller, showId, userId)
                    .compose(v -> r.mute(Show.roomName(showId), VideoTokens.identity(userId))))
        .map(n -> new JsonObject().put("userId", userId).put("mutedTracks", n));
  }

  /**
   * After a ban: takes the user out of the room when LiveKit is configured. Best effort — the ban
   * is committed and their next token is refused either way; answers removed, not_configured or
   * failed.
   */
  Future<String> kick(long showId, long userId) {
    if (rooms == null) {
      return Future.succeededFuture("not_configured");
    }
    return rooms
        .remove(Show.roomName(showId), VideoTokens.identity(userId))
        .map("removed")
        .recover(
            e -> {
              LOG.warn("Could not remove user {} from the video of show {}", userId, showId, e);
              return Future.succeededFuture("failed");
            });
  }

  /** The room control, or 409 video_not_configured when LiveKit is not configured. */
  private Future<RoomControl> requireRooms() {
    return rooms == null
        ? Future.failedFuture(
            Refused.conflict("video_not_configured", "LiveKit is not configured on this server"))
        : Future.succeededFuture(rooms);
  }

  private Future<Void> requireModeratorOver(Caller caller, long showId, long userId) {
    return access
        .requireModerator(showId, caller)
        .compose(s -> access.standing(showId, userId))
        .map(
            target -> {
              if (target.role() == ShowAccess.Role.HOST) {
                throw Refused.conflict(
                    "cannot_moderate_host", "The host cannot be moderated in their own show");
              }
              return null;
            });
  }
}
