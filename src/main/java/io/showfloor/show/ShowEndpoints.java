package io.showfloor.show;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;

/** HTTP for the show itself: schedule, edit, cancel, start, end, staff, lists, follows. */
final class ShowEndpoints implements ApiRoutes {
  private final ShowService shows;
  private final Follows follows;
  private final Presence presence;

  ShowEndpoints(ShowService shows, Follows follows, Presence presence) {
    this.shows = shows;
    this.follows = follows;
    this.presence = presence;
  }

  @Override
  public void mount(Api api) {
    api.on("createShow", this::create)
        .on("listShows", this::list)
        .on("getShow", this::get)
        .on(
            "updateShow",
            r ->
                r.user()
                    .compose(c -> shows.edit(c, r.pathLong("id"), r.body()))
                    .map(s -> Reply.ok(s.toJson())))
        .on(
            "cancelShow",
            r ->
                r.user()
                    .compose(c -> shows.cancel(c, r.pathLong("id")))
                    .map(s -> Reply.ok(s.toJson())))
        .on(
            "startShow",
            r ->
                r.user()
                    .compose(c -> shows.start(c, r.pathLong("id")))
                    .map(s -> Reply.ok(s.toJson())))
        .on(
            "endShow",
            r ->
                r.user()
                    .compose(c -> shows.end(c, r.pathLong("id")))
                    .map(s -> Reply.ok(s.toJson())))
        .on("listShowStaff", r -> shows.staff(r.pathLong("id")).map(Reply::ok))
        .on(
            "putShowStaff",
            r ->
                r.user()
                    .compose(
                        c ->
                            shows.addStaff(
                                c,
                                r.pathLong("id"),
                                r.pathLong("userId"),
                                r.body().getString("role")))
                    .map(Reply::ok))
        .on(
            "deleteShowStaff",
            r ->
                r.user()
                    .compose(c -> shows.removeStaff(c, r.pathLong("id"), r.pathLong("userId")))
                    .map(v -> Reply.noContent()))
        .on(
            "followHost",
            r ->
                r.user().compose(c -> follows.follow(c, r.pathLong("id"), r.body())).map(Reply::ok))
        .on(
            "unfollowHost",
            r ->
                r.user()
                    .compose(c -> follows.unfollow(c, r.pathLong("id")))
                    .map(v -> Reply.noContent()))
        .on("listFollowing", r -> r.user().compose(follows::following).map(Reply::ok));
  }

  private Future<Reply> create(ApiRequest request) {
    String key = request.idempotencyKey();
    return request
        .withRole("creator")
        .compose(c -> shows.schedule(c, request.body(), key))
        .map(show -> Reply.created(show.toJson()));
  }

  private Future<Reply> list(ApiRequest request) {
    String hostId = request.query("hostId");
    String before = request.query("before");
    return shows
        .list(
            request.query("status"),
            request.query("category"),
            hostId == null ? null : request.queryLong("hostId", 0),
            ShowListFilter.of(request::query),
            (int) request.queryLong("limit", 50),
            before == null ? null : request.queryLong("before", 0))
        .map(Reply::ok);
  }

  private Future<Reply> get(ApiRequest request) {
    long id = request.pathLong("id");
    return shows
        .get(id)
        .compose(
            show ->
                show.isLive()
                    ? presence.count(id).map(n -> show.toJson().put("viewerCount", n))
                    : Future.succeededFuture(show.toJson().put("viewerCount", 0L)))
        .map(Reply::ok);
  }
}
