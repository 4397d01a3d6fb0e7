package io.showfloor.show;

import io.vertx.core.Future;

/**
 * What a change announces once its transaction has committed (frames on show:&lt;id&gt;, kicks).
 */
@FunctionalInterface
public interface AfterCommit {
  AfterCommit NOTHING = () -> Future.succeededFuture();

  Future<Void> run();
}
