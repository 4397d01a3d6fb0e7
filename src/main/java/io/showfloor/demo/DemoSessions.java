package io.showfloor.demo;

import io.vertx.core.Future;

/**
 * The living demo's port to accounts: a bearer token ({@code "Bearer …"}) for a person of the demo
 * world, so the scripted hosts and bots act through the public API like any client.
 */
@FunctionalInterface
public interface DemoSessions {
  Future<String> bearer(String email);
}
