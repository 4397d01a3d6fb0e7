package io.showfloor.show;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;

/** HTTP for presence heartbeats. */
final class PresenceEndpoints implements ApiRoutes {
  private final Heartbeats heartbeats;

  PresenceEndpoints(Heartbeats heartbeats) {
    this.heartbeats = heartbeats;
  }

  @Override
  public void mount(Api api) {
    api.on(
            "heartbeat",
            r ->
                r.caller()
                    .compose(
                        c ->
                            heartbeats.beat(
                                c, r.pathLong("id"), r.body().getString("sessionId"), r.ip()))
                    .map(Reply::ok))
        .on(
            "leaveShow",
            r ->
                r.caller()
                    .compose(c -> heartbeats.leave(c, r.pathLong("id"), r.query("sessionId")))
                    .map(v -> Reply.noContent()));
  }
}
