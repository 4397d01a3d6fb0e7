package io.showfloor.show;

import io.vertx.core.json.JsonObject;

/** The words of a follower notice, shared by its in-app and mail forms. */
final class ShowNoticeText {
  private ShowNoticeText() {}

  static JsonObject payload(Show show, FollowerNotices.Kind kind) {
    return new JsonObject()
        .put("showId", show.id())
        .put("hostId", show.hostId())
        .put("hostName", show.hostName())
        .put("title", show.title())
        .put("scheduledAt", Show.iso(show.scheduledAt()))
        .put("message", headline(show, kind));
  }

  static String headline(Show show, FollowerNotices.Kind kind) {
    return switch (kind) {
      case SCHEDULED ->
          show.hostName()
              + " scheduled \""
              + show.title()
              + "\" for "
              + show.scheduledAt().toInstant();
      case LIVE -> show.hostName() + " is live now: \"" + show.title() + "\"";
    };
  }

  static String mailText(Show show, FollowerNotices.Kind kind, String publicUrl) {
    return headline(show, kind)
        + "\n\nWatch: "
        + publicUrl
        + "/shows/"
        + show.id()
        + "\n\nYou get this mail because you follow "
        + show.hostName()
        + ". Change it on the host's page (notifications) or unfollow there.";
  }
}
