package io.showfloor.platform.http;

import io.vertx.ext.web.Router;

/**
 * Routes outside the API contract that a domain serves (generated demo images, the dev mailbox):
 * mounted on every HTTP verticle after the contract's operations and before the web app.
 */
public interface PageRoutes {
  void mount(Router router);
}
