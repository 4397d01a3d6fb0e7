package io.showfloor.show;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import org.jspecify.annotations.Nullable;

/** HTTP for chat, its moderation, pins, reactions and chat settings. */
final class ChatEndpoints implements ApiRoutes {
  private final Chat chat;
  private final ChatSettings settings;
  private final Reactions reactions;
  private final ShowSanctions sanctions;

  ChatEndpoints(Chat chat, ChatSettings settings, Reactions reactions, ShowSanctions sanctions) {
    this.chat = chat;
    this.settings = settings;
    this.reactions = reactions;
    this.sanctions = sanctions;
  }

  @Override
  public void mount(Api api) {
    api.on("postChatMessage", this::post)
        .on(
            "listChatMessages",
            r ->
                chat.list(r.pathLong("id"), (int) r.queryLong("limit", 50), before(r))
                    .map(Reply::ok))
        .on(
            "deleteChatMessage",
            r ->
                r.user()
                    .compose(c -> chat.delete(c, r.pathLong("id"), r.pathLong("messageId")))
                    .map(v -> Reply.noContent()))
        .on(
            "getChatSettings",
            r -> r.user().compose(c -> settings.get(c, r.pathLong("id"))).map(Reply::ok))
        .on(
            "putChatSettings",
            r ->
                r.user()
                    .compose(c -> settings.update(c, r.pathLong("id"), r.body()))
                    .map(Reply::ok))
        .on(
            "getPlatformBlockedWords",
            r -> r.withRole("moderator").compose(c -> settings.platformWords()).map(Reply::ok))
        .on(
            "putPlatformBlockedWords",
            r ->
                r.withRole("moderator")
                    .compose(c -> settings.replacePlatformWords(c, r.body().getJsonArray("words")))
                    .map(Reply::ok))
        .on(
            "pinChatMessage",
            r ->
                r.user()
                    .compose(c -> chat.pin(c, r.pathLong("id"), r.body()))
                    .map(m -> Reply.ok(m.toJson())))
        .on(
            "unpinChatMessage",
            r -> r.user().compose(c -> chat.unpin(c, r.pathLong("id"))).map(v -> Reply.noContent()))
        .on(
            "postReaction",
            r ->
                r.user()
                    .compose(c -> reactions.react(c, r.pathLong("id"), r.body().getString("emoji")))
                    .map(Reply::ok))
        .on(
            "timeoutUser",
            r ->
                r.user()
                    .compose(c -> sanctions.timeout(c, r.pathLong("id"), r.body()))
                    .map(Reply::created))
        .on(
            "liftTimeout",
            r ->
                r.user()
                    .compose(c -> sanctions.liftTimeout(c, r.pathLong("id"), r.pathLong("userId")))
                    .map(v -> Reply.noContent()))
        .on(
            "banUser",
            r ->
                r.user()
                    .compose(c -> sanctions.ban(c, r.pathLong("id"), r.body()))
                    .map(Reply::created))
        .on(
            "unbanUser",
            r ->
                r.user()
                    .compose(c -> sanctions.unban(c, r.pathLong("id"), r.pathLong("userId")))
                    .map(v -> Reply.noContent()))
        .on(
            "listSanctions",
            r -> r.user().compose(c -> sanctions.sanctions(c, r.pathLong("id"))).map(Reply::ok));
  }

  private Future<Reply> post(ApiRequest request) {
    String key = request.idempotencyKey();
    return request
        .user()
        .compose(c -> chat.send(c, request.pathLong("id"), request.body().getString("text"), key))
        .map(m -> Reply.created(m.toJson()));
  }

  static @Nullable Long before(ApiRequest request) {
    return request.query("before") == null ? null : request.queryLong("before", 0);
  }
}
