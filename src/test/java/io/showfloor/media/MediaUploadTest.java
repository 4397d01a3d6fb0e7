package io.showfloor.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.Multipart;
import io.showfloor.testing.Products;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Photo uploads")
class MediaUploadTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Api.Response upload(
      Users.TestUser user, String purpose, String name, String type, byte[] bytes) {
    return new Multipart()
        .field("purpose", purpose)
        .file("file", name, type, bytes)
        .send(user.api(), "POST", "/api/media");
  }

  private static HttpResponse<byte[]> fetch(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestNode.api().base() + path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static long uploadsOf(long userId) {
    return TestNode.get()
        .platform()
        .db()
        .one("SELECT count(*) AS n FROM media_uploads WHERE owner_id = $1", Tuple.of(userId))
        .await()
        .getLong("n");
  }

  private static long storedFiles() throws IOException {
    Path folder = TestNode.get().platform().settings().dataDir().resolve("media");
    if (!Files.exists(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.count();
    }
  }

  @Test
  @DisplayName(
      "a phone photo is stored re-encoded at two sizes, without its EXIF, under a content hash, cached for a year")
  void photoWithExif() throws Exception {
    Users.TestUser seller = Users.create("seller");
    byte[] original = TestImages.jpegWithExif(2400, 1800);
    assertTrue(new String(original, StandardCharsets.ISO_8859_1).contains(TestImages.SECRET_PLACE));

    JsonObject upload =
        upload(seller, "product", "IMG_0001.HEIC", "application/octet-stream", original)
            .expect(201)
            .json();
    assertEquals("product", upload.getString("purpose"));
    assertEquals(1600, upload.getInteger("width"));
    assertEquals(1200, upload.getInteger("height"));
    assertEquals(320, upload.getInteger("thumbnailWidth"));
    assertTrue(upload.getString("url").matches("/api/media/[0-9a-f]{64}\\.jpg"), upload.encode());

    HttpResponse<byte[]> display = fetch(upload.getString("url"));
    assertEquals(200, display.statusCode());
    assertEquals("image/jpeg", display.headers().firstValue("Content-Type").orElse(""));
    assertEquals(
        "public, max-age=31536000, immutable",
        display.headers().firstValue("Cache-Control").orElse(""));
    String stored = new String(display.body(), StandardCharsets.ISO_8859_1);
    assertFalse(stored.contains(TestImages.SECRET_PLACE), "the EXIF position must be gone");
    assertFalse(stored.contains(TestImages.EXIF_MARKER), "no EXIF block at all");
    BufferedImage shown = ImageIO.read(new ByteArrayInputStream(display.body()));
    assertEquals(1600, shown.getWidth());
    assertEquals(1200, shown.getHeight());
    String hash =
        upload.getString("url").substring("/api/media/".length(), "/api/media/".length() + 64);
    assertEquals(
        hash,
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(display.body())),
        "the name is the SHA-256 of the bytes served");

    BufferedImage thumbnail =
        ImageIO.read(new ByteArrayInputStream(fetch(upload.getString("thumbnailUrl")).body()));
    assertEquals(320, thumbnail.getWidth());
    assertEquals(240, thumbnail.getHeight());

    HttpResponse<byte[]> again =
        fetch(upload.getString("url"), "If-None-Match", "\"" + hash + "\"");
    assertEquals(304, again.statusCode());
  }

  @Test
  @DisplayName("a PNG with transparency stays a PNG; a small image is never enlarged")
  void smallPng() {
    Users.TestUser user = Users.create();
    JsonObject upload =
        upload(user, "report", "a.png", "image/png", TestImages.png(200, 100)).expect(201).json();
    assertTrue(upload.getString("url").endsWith(".png"));
    assertEquals(200, upload.getInteger("width"));
    assertEquals(200, upload.getInteger("thumbnailWidth"));
  }

  @Test
  @DisplayName(
      "a text file named like a photo, a WebP, an over-pixel-limit PNG bomb and an oversized file are refused and nothing is stored")
  void refusals() throws Exception {
    Users.TestUser user = Users.create();
    long filesBefore = storedFiles();

    upload(
            user,
            "product",
            "photo.jpg",
            "image/jpeg",
            "<?php echo 'hello'; ?>".getBytes(StandardCharsets.UTF_8))
        .expectProblem(400, "not_an_image");
    upload(user, "product", "photo.webp", "image/webp", TestImages.webp())
        .expectProblem(400, "unsupported_image_type");
    byte[] truncated = java.util.Arrays.copyOf(TestImages.jpeg(400, 300), 20);
    upload(user, "product", "cut.jpg", "image/jpeg", truncated).expectProblem(400, "not_an_image");

    byte[] bomb = TestImages.pngBomb(50_000, 50_000);
    assertTrue(bomb.length < 2_000, "the bomb is small: " + bomb.length);
    long started = System.nanoTime();
    upload(user, "product", "bomb.png", "image/png", bomb).expectProblem(413, "too_many_pixels");
    assertTrue(
        System.nanoTime() - started < 2_000_000_000L, "refused from the header, without decoding");
    upload(user, "product", "wide.png", "image/png", TestImages.pngBomb(12_001, 10))
        .expectProblem(413, "too_many_pixels");

    byte[] big = new byte[8 * 1024 * 1024 + 100];
    System.arraycopy(TestImages.jpeg(10, 10), 0, big, 0, 3);
    upload(user, "product", "big.jpg", "image/jpeg", big).expectProblem(413, "image_too_large");
    byte[] huge = new byte[9 * 1024 * 1024];
    upload(user, "product", "huge.jpg", "image/jpeg", huge).expectProblem(413, "payload_too_large");

    upload(user, "wallpaper", "a.png", "image/png", TestImages.png(10, 10))
        .expectProblem(400, "invalid_purpose");
    user.api()
        .post("/api/media", new JsonObject().put("file", "x"))
        .expectProblem(400, "multipart_required");
    new Multipart()
        .field("purpose", "product")
        .send(user.api(), "POST", "/api/media")
        .expectProblem(400, "file_required");

    assertEquals(0, uploadsOf(user.id()));
    assertEquals(filesBefore, storedFiles(), "no file was written");
  }

  @Test
  @DisplayName("uploads need a signed-in, verified user; unknown files are 404")
  void access() throws Exception {
    new Multipart()
        .field("purpose", "product")
        .file("file", "a.png", "image/png", TestImages.png(10, 10))
        .send(TestNode.api(), "POST", "/api/media")
        .expectProblem(401, "unauthorized");
    upload(Users.unverified(), "product", "a.png", "image/png", TestImages.png(10, 10))
        .expectProblem(403, "email_not_verified");
    TestNode.api()
        .get("/api/media/" + "0".repeat(64) + ".jpg")
        .expectProblem(404, "media_not_found");
    assertEquals(400, fetch("/api/media/..%2F..%2Fjwt-secret").statusCode());
  }

  @Test
  @DisplayName("an avatar upload sets the account's avatarUrl; removing it clears it")
  void avatar() {
    Users.TestUser user = Users.unverified();
    JsonObject answer =
        new Multipart()
            .file("file", "me.jpg", "image/jpeg", TestImages.jpeg(800, 800))
            .send(user.api(), "POST", "/api/me/avatar")
            .expect(200)
            .json();
    String url = answer.getString("avatarUrl");
    assertEquals("avatar", answer.getJsonObject("upload").getString("purpose"));
    assertEquals(url, user.api().get("/api/me").expect(200).json().getString("avatarUrl"));
    TestNode.api().get(url).expect(200);
    user.api().delete("/api/me/avatar").expect(204);
    assertNull(user.api().get("/api/me").expect(200).json().getString("avatarUrl"));
  }

  @Test
  @DisplayName("a product and a show cover can use uploaded photos")
  void productAndCover() {
    Users.TestUser seller = Users.create("seller", "creator");
    String photo =
        upload(seller, "product", "p.jpg", "image/jpeg", TestImages.jpeg(640, 480))
            .expect(201)
            .json()
            .getString("url");
    JsonObject product =
        Products.create(
            seller,
            new JsonObject().put("imageUrls", new io.vertx.core.json.JsonArray().add(photo)));
    assertEquals(photo, product.getJsonArray("imageUrls").getString(0));
    TestNode.api().get("/api/products/" + product.getLong("id")).expect(200);

    String cover =
        upload(seller, "show_cover", "c.png", "image/png", TestImages.png(1280, 720))
            .expect(201)
            .json()
            .getString("url");
    JsonObject show =
        seller
            .api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Cover test")
                    .put("category", "sneakers")
                    .put("coverImageUrl", cover)
                    .put("scheduledAt", OffsetDateTime.now().plusDays(1).toString()))
            .expect(201)
            .json();
    assertEquals(cover, show.getString("coverImageUrl"));
  }
}
