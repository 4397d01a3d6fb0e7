package io.showfloor.moderation;

import io.showfloor.account.Suspensions;
import io.showfloor.media.PhotoAttachments;
import io.showfloor.notify.Notify;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.show.ShowEnforcement;
import java.util.List;

/**
 * Platform moderation: users report chat messages, users, shows, products, reviews and market
 * listings; moderators work one queue (with the market's surveillance flags in it) and act through
 * each domain's own code; every action lands in an append-only audit trail. See docs/MODERATION.md.
 * (A show's own moderation by its host and co-hosts is {@code show.Moderation}.)
 */
public final class PlatformModeration implements Domain {
  private final List<ApiRoutes> routes;

  public PlatformModeration(
      Platform platform,
      Notify notify,
      Suspensions suspensions,
      ShowEnforcement shows,
      CatalogActions catalog,
      ListingActions listings,
      PhotoAttachments photos) {
    ModerationSettings settings = ModerationSettings.from(platform.settings());
    Queue queue = new Queue(platform.db());
    AuditTrail audit = new AuditTrail(platform.db());
    shows.onLogged(audit::fromShow);
    catalog.onReviewHidden(audit::fromReviews);
    catalog.onBuyerProtectionRuling(audit::fromBuyerProtection);
    QueueActions actions =
        new QueueActions(
            platform.db(),
            queue,
            audit,
            shows,
            catalog,
            listings,
            suspensions,
            notify.notifications());
    SuspensionLifts lifts =
        new SuspensionLifts(platform.db(), suspensions, audit, notify.notifications());
    ConsoleSuspensions console =
        new ConsoleSuspensions(platform.db(), suspensions, audit, notify.notifications());
    this.routes =
        List.of(
            new ModerationEndpoints(
                new Reports(
                    platform.db(),
                    platform.rateLimiter(),
                    settings,
                    new ReportTargets(platform.db()),
                    photos),
                queue,
                actions,
                console,
                lifts,
                audit));
  }

  @Override
  public List<ApiRoutes> routes() {
    return routes;
  }
}
