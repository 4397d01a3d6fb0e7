package io.showfloor.show;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;

/** HTTP for the video room: tokens, LiveKit's webhooks, removing and muting participants. */
final class VideoEndpoints implements ApiRoutes {
  private final Video video;
  private final LiveKitWebhooks webhooks;

  VideoEndpoints(Video video, LiveKitWebhooks webhooks) {
    this.video = video;
    this.webhooks = webhooks;
  }

  @Override
  public void mount(Api api) {
    api.on(
            "createVideoToken",
            r -> r.user().compose(c -> video.token(c, r.pathLong("id"))).map(Reply::ok))
        .on(
            "livekitWebhook",
            r -> webhooks.receive(r.bodyText(), r.header("Authorization")).map(Reply::ok))
        .on(
            "removeVideoParticipant",
            r ->
                r.user()
                    .compose(c -> video.remove(c, r.pathLong("id"), r.pathLong("userId")))
                    .map(Reply::ok))
        .on(
            "muteVideoParticipant",
            r ->
                r.user()
                    .compose(c -> video.mute(c, r.pathLong("id"), r.pathLong("userId")))
                    .map(Reply::ok));
  }
}
