package io.showfloor.media.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Files as objects in an S3-compatible bucket (AWS S3, MinIO, R2, …) through the AWS SDK v2, whose
 * calls block: each runs on a worker thread. Objects are written with the same long cache lifetime
 * the node serves them with, so a CDN in front of the bucket may serve them directly.
 */
public final class S3MediaStore implements MediaStore {
  /** What {@code media.s3.*} says. An empty endpoint means AWS itself. */
  public record Settings(
      String endpoint,
      String region,
      String bucket,
      String prefix,
      String accessKeyId,
      String secretAccessKey,
      boolean pathStyle) {}

  private final Vertx vertx;
  private final S3Client client;
  private final Settings settings;

  public S3MediaStore(Vertx vertx, Settings settings) {
    this.vertx = vertx;
    this.settings = settings;
    AwsCredentialsProvider credentials =
        settings.accessKeyId().isEmpty()
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .forcePathStyle(settings.pathStyle())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            // a plain signed PUT with Content-Length: what every S3-compatible store accepts
            // (the SDK's default since 2.30 streams aws-chunked bodies with trailing checksums)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (!settings.endpoint().isEmpty()) {
      builder.endpointOverride(URI.create(settings.endpoint()));
    }
    this.client = builder.build();
  }

  @Override
  public Future<Void> put(String key, byte[] bytes, String contentType) {
    PutObjectRequest request =
        PutObjectRequest.builder()
            .bucket(settings.bucket())
            .key(objectKey(key))
            .contentType(contentType)
            .cacheControl("public, max-age=31536000, immutable")
            .build();
    return vertx.executeBlocking(
        () -> {
          client.putObject(request, RequestBody.fromBytes(bytes));
          return null;
        },
        false);
  }

  @Override
  public Future<@Nullable Buffer> get(String key) {
    GetObjectRequest request =
        GetObjectRequest.builder().bucket(settings.bucket()).key(objectKey(key)).build();
    return vertx.executeBlocking(
        () -> {
          try {
            return Buffer.buffer(client.getObjectAsBytes(request).asByteArray());
          } catch (NoSuchKeyException e) {
            return null;
          } catch (S3Exception e) {
            if (e.statusCode() == 404) {
              return null;
            }
            throw e;
          }
        },
        false);
  }

  @Override
  public String describe() {
    return "s3 bucket "
        + settings.bucket()
        + (settings.endpoint().isEmpty() ? "" : " at " + settings.endpoint());
  }

  public void close() {
    client.close();
  }

  private String objectKey(String key) {
    if (!MediaKeys.isKey(key)) {
      throw new IllegalArgumentException("Not a media key: " + key);
    }
    return settings.prefix() + key;
  }
}
