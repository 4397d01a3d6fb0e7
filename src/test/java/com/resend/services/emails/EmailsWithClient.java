package com.resend.services.emails;

import com.resend.core.net.IHttpClient;

/**
 * resend-java keeps the constructor that takes an HTTP client package-private and its base URL
 * fixed, so tests reach the real {@link Emails} service through this door with a fake client.
 */
public final class EmailsWithClient {
  private EmailsWithClient() {}

  public static Emails create(String apiKey, IHttpClient<?> client) {
    return new Emails(apiKey, client);
  }
}
