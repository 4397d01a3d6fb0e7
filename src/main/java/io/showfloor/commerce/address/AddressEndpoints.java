package io.showfloor.commerce.address;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;

/** /api/me/addresses: the caller's address book. */
public record AddressEndpoints(Addresses addresses) implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on(
        "listAddresses",
        req -> req.user().compose(caller -> addresses.list(caller.userId())).map(Reply::ok));
    api.on(
        "createAddress",
        req ->
            req.user()
                .compose(caller -> addresses.create(caller.userId(), req.body()))
                .map(Reply::created));
    api.on(
        "updateAddress",
        req ->
            req.user()
                .compose(
                    caller -> addresses.update(caller.userId(), req.pathLong("id"), req.body()))
                .map(Reply::ok));
    api.on(
        "deleteAddress",
        req ->
            req.user()
                .compose(caller -> addresses.delete(caller.userId(), req.pathLong("id")))
                .map(v -> Reply.noContent()));
  }
}
