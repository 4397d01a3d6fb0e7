package io.showfloor.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.jspecify.annotations.Nullable;

/**
 * argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane), always on a worker thread: a hash takes
 * tens of milliseconds, far too long for an event loop. Hashes are PHC strings ($argon2id$v=19$…),
 * so the parameters can be raised later and old hashes still verify.
 */
final class PasswordHasher {
  private static final Argon2Function ARGON2ID =
      Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
  private final Vertx vertx;
  // verified against for unknown emails, so they take as long as known ones (no enumeration by
  // timing)
  private final String decoy;

  PasswordHasher(Vertx vertx) {
    this.vertx = vertx;
    this.decoy = hashNow("decoy password that no account has");
  }

  /** The password policy, estimator included, off the event loop; fails with weak_password. */
  Future<Void> screen(String password, @Nullable String email, @Nullable String displayName) {
    return vertx.executeBlocking(
        () -> {
          PasswordPolicy.check(password, email, displayName);
          return null;
        },
        false);
  }

  Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hashNow(password), false);
  }

  /**
   * True when the password matches; false for a mismatch or a hash that is not argon2 (fixtures).
   */
  Future<Boolean> verify(String password, String hash) {
    return vertx.executeBlocking(() -> verifyNow(password, hash), false);
  }

  /** Spends the time of a verification and answers false: for logins to unknown emails. */
  Future<Boolean> verifyNobody(String password) {
    return verify(password, decoy).map(false);
  }

  static String hashNow(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
  }

  private static boolean verifyNow(String password, String hash) {
    if (hash == null || !hash.startsWith("$argon2")) {
      return false;
    }
    try {
      return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
