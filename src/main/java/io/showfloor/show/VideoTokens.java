package io.showfloor.show;

import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanPublishData;
import io.livekit.server.CanSubscribe;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.showfloor.platform.Refused;
import io.showfloor.platform.security.Caller;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * LiveKit access tokens for a show's room: the host and co-hosts may publish, everyone else only
 * subscribes, users banned from the show get none. Tokens are short-lived: they only gate joining.
 */
final class VideoTokens {
  private final LiveKitSettings settings;

  VideoTokens(LiveKitSettings settings) {
    this.settings = settings;
  }

  static String identity(long userId) {
    return "user-" + userId;
  }

  /** The user id behind an identity made by {@link #identity(long)}, or -1. */
  static long userIdOf(String identity) {
    if (identity == null || !identity.startsWith("user-")) {
      return -1;
    }
    try {
      return Long.parseLong(identity.substring(5));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Signs and verifies one throwaway token so the SDK's classes are loaded. */
  String warmUp() {
    AccessToken token = new AccessToken(settings.apiKey(), settings.apiSecret());
    token.setIdentity("warm-up");
    token.addGrants(new RoomJoin(true));
    String jwt = token.toJwt();
    try {
      new io.livekit.server.WebhookReceiver(settings.apiKey(), settings.apiSecret())
          .receive("{}", jwt);
    } catch (Exception expected) {
      // no sha256 claim: refused, as it should be; the classes are loaded now
    }
    return jwt;
  }

  JsonObject mint(ShowAccess.Standing standing, Caller caller) {
    ShowAccess.ShowRef show = standing.show();
    if (standing.banned()) {
      throw Refused.forbidden("banned_from_show", "You are banned from this show");
    }
    boolean publisher = standing.role().runsShow();
    if (show.isOver()) {
      throw Refused.conflict("show_over", "This show has " + show.status());
    }
    // hosts join early to set up their camera; viewers join once the show is live
    if (!publisher && !show.isLive()) {
      throw Refused.conflict("show_not_live", "The show has not started yet");
    }
    String identity = identity(caller.userId());
    AccessToken token = new AccessToken(settings.apiKey(), settings.apiSecret());
    token.setIdentity(identity);
    token.setName(caller.displayName() == null ? identity : caller.displayName());
    token.setMetadata(
        new JsonObject()
            .put("userId", caller.userId())
            .put("role", standing.role().wire())
            .encode());
    long ttlMillis = settings.tokenTtlSeconds() * 1000L;
    token.setTtl(ttlMillis);
    token.addGrants(
        new RoomJoin(true),
        new RoomName(Show.roomName(show.id())),
        new CanSubscribe(true),
        new CanPublish(publisher),
        new CanPublishData(publisher));
    return new JsonObject()
        .put("url", settings.url())
        .put("token", token.toJwt())
        .put("identity", identity)
        .put("room", Show.roomName(show.id()))
        .put("canPublish", publisher)
        .put("expiresAt", Instant.now().plusMillis(ttlMillis).toString())
        .put("devKey", !settings.configured());
  }
}
