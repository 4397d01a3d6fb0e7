package io.showfloor.show;

import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.config.Settings;
import io.showfloor.platform.http.ApiRoutes;
import io.vertx.core.Future;
import java.util.List;

/**
 * Live shows: scheduling, follows, video (LiveKit), chat and its moderation, polls, Q&A, presence,
 * clips, host trust and replays. Other domains use {@link #access()} to ask who may do what in a show.
 */
public final class Shows implements Domain {
  private final Platform platform;
  private final ShowAccess access;
  private final ShowEvents events;
  private final Presence presence;
  private final ShowService shows;
  private final Follows follows;

  public Shows(Platform platform) {
    this.platform = platform;
    Settings settings = platform.settings();
    this.access = new ShowAccess(platform.db());
    this.events = new ShowEvents(platform.events());
    this.presence = new Presence(platform.redis(), settings.integer("shows.presence.windowSeconds", 30));
    this.shows = new ShowService(platform, access, events, new PushedFollowerNotices(events));
    this.follows = new Follows(platform);
  }

  /** Host, co-host, ban and timeout checks for other domains (auctions, flash sales). */
  public ShowAccess access() {
    return access;
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(new ShowEndpoints(shows, follows, presence));
  }

  @Override
  public Future<Void> start() {
    return Future.succeededFuture();
  }
}
