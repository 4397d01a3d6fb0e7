package io.showfloor.subscription;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;

/** /api/me/subscription: the caller's plan and billing, and the ways to change it. */
record SubscriptionEndpoints(SubscriptionService service) implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on(
        "getMySubscription",
        req -> req.user().compose(caller -> service.view(caller.userId())).map(Reply::ok));
    api.on(
        "subscribeToPro",
        req ->
            req.verifiedUser()
                .compose(caller -> service.subscribe(caller.userId()))
                .map(Reply::created));
    api.on(
        "cancelSubscription",
        req -> req.user().compose(caller -> service.cancel(caller.userId())).map(Reply::ok));
    api.on(
        "resumeSubscription",
        req -> req.user().compose(caller -> service.resume(caller.userId())).map(Reply::ok));
    api.on(
        "startSubscriptionCheckout",
        req ->
            req.verifiedUser().compose(caller -> service.checkout(caller.userId())).map(Reply::ok));
    api.on(
        "openBillingPortal",
        req -> req.user().compose(caller -> service.portal(caller.userId())).map(Reply::ok));
  }
}
