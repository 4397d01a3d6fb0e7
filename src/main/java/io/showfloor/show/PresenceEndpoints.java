package io.showfloor.show;

import io.showfloor.platform.Platform;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Heartbeats of the people watching a live show. Signed-in viewers are counted once however many
 * tabs they have; anonymous viewers send a random sessionId of their own.
 */
final class PresenceEndpoints implements ApiRoutes {
  private final Platform platform;
  private final ShowAccess access;
  private final Presence presence;
  private final int heartbeatSeconds;

  PresenceEndpoints(Platform platform, ShowAccess access, Presence presence) {
    this.platform = platform;
    this.access = access;
    this.presence = presence;
    this.heartbeatSeconds = Math.max(1, presence.windowSeconds() / 3);
  }

  @Override
  public void mount(Api api) {
    api.on("heartbeat", this::heartbeat).on("leaveShow", this::leave);
  }

  private Future<Reply> heartbeat(ApiRequest request) {
    long showId = request.pathLong("id");
    String sessionId = request.body().getString("sessionId");
    return request.caller().compose(caller -> {
      String member = member(caller, sessionId);
      // anonymous viewers choose their own session ids, so one address may only keep a few of them alive
      Future<Void> perAddress = caller.isAnonymous()
          ? platform.rateLimiter().check("presence-ip:" + showId + ":" + request.ip(), 60, 60) : Future.succeededFuture();
      return perAddress.compose(v -> platform.rateLimiter().check("presence:" + showId + ":" + member, 30, 60))
          .compose(v -> access.standing(showId, caller.userId()))
          .compose(standing -> {
            if (!standing.show().isLive()) {
              return Future.failedFuture(ApiError.conflict("show_not_live", "The show is not live"));
            }
            if (standing.banned()) {
              return Future.failedFuture(ApiError.forbidden("banned_from_show", "You are banned from this show"));
            }
            return presence.heartbeat(showId, member);
          });
    }).map(count -> Reply.ok(new JsonObject().put("viewerCount", count).put("heartbeatSeconds", heartbeatSeconds)
        .put("windowSeconds", presence.windowSeconds())));
  }

  private Future<Reply> leave(ApiRequest request) {
    long showId = request.pathLong("id");
    String sessionId = request.query("sessionId");
    return request.caller().compose(caller -> access.find(showId).compose(show -> presence.leave(showId, member(caller, sessionId))))
        .map(v -> Reply.noContent());
  }

  private static String member(Caller caller, String sessionId) {
    if (caller.isAnonymous() && sessionId == null) {
      throw ApiError.badRequest("session_id_required", "Anonymous viewers send a sessionId");
    }
    return Presence.member(caller.userId(), sessionId);
  }
}
