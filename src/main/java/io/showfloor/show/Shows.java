package io.showfloor.show;

import io.showfloor.notify.Notify;
import io.showfloor.platform.DemoSeed;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.vertx.core.Future;
import java.util.List;

/**
 * Live shows: scheduling, follows, video (LiveKit), chat and its moderation, polls, Q&A, presence,
 * clips, host trust and replays. Other domains use {@link #access()} to ask who may do what in a
 * show.
 */
public final class Shows implements Domain {
  private final Platform platform;
  private final ShowAccess access;
  private final ShowEvents events;
  private final Presence presence;
  private final ShowService shows;
  private final Follows follows;
  private final VideoTokens tokens;
  private final Video video;
  private final LiveKitWebhooks webhooks;
  private final Chat chat;
  private final ChatSettings chatSettings;
  private final Reactions reactions;
  private final ShowSanctions sanctions;
  private final Polls polls;
  private final Questions questions;
  private final AudienceSampler sampler;
  private final ShowSnapshots snapshots;
  private final Clips clips;
  private final HostProfiles hosts;
  private final Replays replays;
  private final Heartbeats heartbeats;
  private final ShowEnforcement enforcement;

  public Shows(Platform platform, Notify notify) {
    this.platform = platform;
    ShowSettings settings = ShowSettings.from(platform.settings());
    platform
        .polledCounts()
        .register(
            "showfloor.shows.live",
            "Shows live now (the whole cluster)",
            "SELECT count(*) FROM shows WHERE status = 'live'");
    this.access = new ShowAccess(platform.db());
    this.events = new ShowEvents(platform.events());
    this.presence = new Presence(platform.redis(), settings.presenceWindowSeconds());
    LiveKitSettings livekit = settings.livekit();
    boolean recording = settings.recordingEnabled();
    this.shows =
        new ShowService(
            platform.db(),
            platform.rateLimiter(),
            access,
            events,
            new StoredFollowerNotices(
                notify.notifications(), notify.outbox(), platform.http().publicUrl()),
            new ShowRecordings(
                platform.db(), recording ? new LiveKitRecorder(platform.vertx(), livekit) : null));
    this.follows = new Follows(platform.db(), platform.rateLimiter());
    this.tokens = new VideoTokens(livekit);
    this.video =
        new Video(
            platform.rateLimiter(),
            access,
            tokens,
            livekit.configured() ? new LiveKitRooms(platform.vertx(), livekit) : null);
    this.webhooks = new LiveKitWebhooks(livekit, platform.db(), events, access, video);
    ShowModerationLog moderationLog = new ShowModerationLog();
    this.chat =
        new Chat(
            platform.db(),
            platform.redis(),
            platform.rateLimiter(),
            settings,
            access,
            events,
            moderationLog);
    this.chatSettings = new ChatSettings(platform.db(), access, events, moderationLog);
    this.reactions = new Reactions(platform.db(), platform.rateLimiter(), access, events);
    this.sanctions =
        new ShowSanctions(platform.db(), access, events, video, presence, moderationLog);
    this.enforcement = new ShowEnforcement(chat, sanctions, moderationLog, shows);
    this.polls = new Polls(platform.db(), access, events);
    this.questions = new Questions(platform.db(), platform.rateLimiter(), access, events);
    this.sampler =
        new AudienceSampler(
            platform.vertx(),
            platform.db(),
            platform.redis(),
            presence,
            events,
            settings.presenceSampleSeconds());
    this.snapshots =
        new ShowSnapshots(platform.db(), access, presence, chat, reactions, polls, questions);
    this.clips = new Clips(platform.db(), platform.rateLimiter(), access, events);
    this.hosts = new HostProfiles(platform.db(), follows);
    this.replays =
        new Replays(
            platform.db(), platform.vertx().eventBus(), shows, polls, questions, clips, reactions);
    this.heartbeats = new Heartbeats(platform.rateLimiter(), access, presence);
    shows.onEnd((tx, showId) -> polls.closeOpen(tx, showId));
    shows.onEnd(sampler::finalSample);
  }

  /** Other domains hear of signed-in viewers watching live shows (the loyalty streak). */
  public void onWatching(WatchListener listener) {
    heartbeats.onWatching(listener);
  }

  /** Host, co-host, ban and timeout checks for other domains (auctions, flash sales). */
  public ShowAccess access() {
    return access;
  }

  /** For platform moderators: delete, time out and ban through the show's own code paths. */
  public ShowEnforcement enforcement() {
    return enforcement;
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(
        new ShowEndpoints(shows, follows, presence),
        new VideoEndpoints(video, webhooks),
        new ChatEndpoints(chat, chatSettings, reactions, sanctions),
        new EngagementEndpoints(polls, questions),
        new PresenceEndpoints(heartbeats),
        new ShowPageEndpoints(clips, hosts, replays));
  }

  @Override
  public List<DemoSeed> demoSeeds() {
    return List.of(ShowDemo.seed(), ShowDemo.simulatedPast());
  }

  @Override
  public Future<Void> start() {
    // the LiveKit SDK's first token loads Kotlin, auth0-jwt and protobuf (seconds on a busy
    // machine):
    // do it on a worker now rather than on an event loop at the first viewer's request
    platform.vertx().executeBlocking(() -> tokens.warmUp(), false);
    sampler.start();
    return ShowSocketOps.register(platform.vertx(), snapshots, heartbeats, chat);
  }
}
