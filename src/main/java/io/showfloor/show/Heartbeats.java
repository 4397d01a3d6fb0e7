package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * "I am watching", from HTTP ({@code POST /api/shows/{id}/presence}) or the socket ({@code
 * {op:"presence", showId}}). Signed-in viewers count once however many tabs they have; anonymous
 * viewers send a random sessionId of their own, and one address may keep only a few of those alive.
 */
final class Heartbeats {
  private static final Pattern SESSION = Pattern.compile("^[A-Za-z0-9_-]{8,64}$");
  private final RateLimiter rateLimiter;
  private final ShowAccess access;
  private final Presence presence;
  private final int heartbeatSeconds;
  private final java.util.List<WatchListener> watchers =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  Heartbeats(RateLimiter rateLimiter, ShowAccess access, Presence presence) {
    this.rateLimiter = rateLimiter;
    this.access = access;
    this.presence = presence;
    this.heartbeatSeconds = Math.max(1, presence.windowSeconds() / 3);
  }

  void onWatching(WatchListener listener) {
    watchers.add(listener);
  }

  /**
   * {@code address} is the client's IP over HTTP, null over the socket (whose connection is already
   * limited).
   */
  Future<JsonObject> beat(
      Caller caller, long showId, @Nullable String sessionId, @Nullable String address) {
    String member = member(caller, sessionId);
    Future<Void> perAddress =
        caller.isAnonymous() && address != null
            ? rateLimiter.check("presence-ip:" + showId + ":" + address, 60, 60)
            : Future.succeededFuture();
    return perAddress
        .compose(v -> rateLimiter.check("presence:" + showId + ":" + member, 30, 60))
        .compose(v -> access.standing(showId, caller.userId()))
        .compose(
            standing -> {
              if (!standing.show().isLive()) {
                return Future.failedFuture(
                    Refused.conflict("show_not_live", "The show is not live"));
              }
              if (standing.banned()) {
                return Future.failedFuture(
                    Refused.forbidden("banned_from_show", "You are banned from this show"));
              }
              return presence
                  .heartbeat(showId, member)
                  .onSuccess(
                      count -> {
                        if (!caller.isAnonymous() && !standing.role().runsShow()) {
                          watchers.forEach(w -> w.watching(showId, caller.userId()));
                        }
                      });
            })
        .map(
            count ->
                new JsonObject()
                    .put("showId", showId)
                    .put("viewerCount", count)
                    .put("heartbeatSeconds", heartbeatSeconds)
                    .put("windowSeconds", presence.windowSeconds()));
  }

  Future<Void> leave(Caller caller, long showId, String sessionId) {
    String member = member(caller, sessionId);
    return access.find(showId).compose(show -> presence.leave(showId, member));
  }

  private static String member(Caller caller, @Nullable String sessionId) {
    if (sessionId != null && !SESSION.matcher(sessionId).matches()) {
      throw Refused.invalid("invalid_session_id", "sessionId is 8 to 64 letters, digits, - or _");
    }
    if (caller.isAnonymous() && sessionId == null) {
      throw Refused.invalid("session_id_required", "Anonymous viewers send a sessionId");
    }
    return Presence.member(caller.userId(), sessionId);
  }
}
