package io.showfloor.show;

import io.showfloor.platform.Refused;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** HTTP for clips, host profiles with the verified badge and trust score, and replays. */
final class ShowPageEndpoints implements ApiRoutes {
  private final Clips clips;
  private final HostProfiles hosts;
  private final Replays replays;

  ShowPageEndpoints(Clips clips, HostProfiles hosts, Replays replays) {
    this.clips = clips;
    this.hosts = hosts;
    this.replays = replays;
  }

  @Override
  public void mount(Api api) {
    api.on(
            "createClip",
            r ->
                r.user()
                    .compose(c -> clips.create(c, r.pathLong("id"), r.body()))
                    .map(Reply::created))
        .on("listShowClips", r -> clips.ofShow(r.pathLong("id")).map(Reply::ok))
        .on(
            "listClips",
            r ->
                clips
                    .ofProduct(r.queryLong("productId", 0), (int) r.queryLong("limit", 50))
                    .map(Reply::ok))
        .on("getClip", r -> clips.get(r.pathLong("id")).map(Reply::ok))
        .on(
            "deleteClip",
            r ->
                r.user()
                    .compose(c -> clips.delete(c, r.pathLong("id")))
                    .map(v -> Reply.noContent()))
        .on("getHostProfile", r -> hosts.profile(r.pathLong("id")).map(Reply::ok))
        .on(
            "getMyHostVerification",
            r ->
                r.user()
                    .compose(
                        c ->
                            hosts
                                .verification(c.userId())
                                .recover(
                                    e ->
                                        Refused.is(e, "verification_not_found")
                                            ? Future.succeededFuture(
                                                new JsonObject()
                                                    .put("hostId", c.userId())
                                                    .put("status", "none"))
                                            : Future.failedFuture(e)))
                    .map(Reply::ok))
        .on(
            "requestHostVerification",
            r ->
                r.withRole("creator")
                    .compose(
                        c ->
                            hosts.requestVerification(
                                c, Fields.optionalText(r.body(), "note", 2000)))
                    .map(Reply::created))
        .on(
            "listHostVerifications",
            r -> r.withRole("admin").compose(c -> hosts.pending()).map(Reply::ok))
        .on(
            "reviewHostVerification",
            r ->
                r.withRole("admin")
                    .compose(
                        c ->
                            hosts.review(
                                c,
                                r.pathLong("id"),
                                r.body().getString("decision"),
                                Fields.optionalText(r.body(), "note", 2000)))
                    .map(Reply::ok))
        .on(
            "getReplay",
            r ->
                r.caller()
                    .compose(c -> replays.replay(r.pathLong("id"), c.userId()))
                    .map(Reply::ok))
        .on(
            "getReplayChat",
            r ->
                replays
                    .chat(
                        r.pathLong("id"), r.queryLong("after", 0), (int) r.queryLong("limit", 200))
                    .map(Reply::ok));
  }
}
