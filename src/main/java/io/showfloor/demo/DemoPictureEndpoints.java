package io.showfloor.demo;

import io.showfloor.platform.http.PageRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The living demo's pictures (products, show covers, the camera placeholder), drawn with java.awt
 * on first request, kept in memory and served at {@code /demo/images/<name>.png} only on a node
 * started with --demo. Every picture carries a "SIMULATED" band, so nobody takes it for a photo.
 */
final class DemoPictureEndpoints implements PageRoutes {
  static final String PATH = "/demo/images/";
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,80}");
  private static final int SIZE = 480;

  static {
    // a server has no display; must be set before the first AWT class loads
    System.setProperty("java.awt.headless", "true");
  }

  private final Vertx vertx;
  private final Map<String, Future<Buffer>> drawn = new ConcurrentHashMap<>();

  DemoPictureEndpoints(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void mount(Router router) {
    router.get(PATH + ":file").handler(this::serve);
  }

  private void serve(RoutingContext rc) {
    String file = rc.pathParam("file");
    String name = file.endsWith(".png") ? file.substring(0, file.length() - 4) : "";
    if (!NAME.matcher(name).matches() || !DemoScript.hasPicture(name)) {
      rc.next(); // the router's 404 problem
      return;
    }
    drawn
        .computeIfAbsent(name, n -> vertx.executeBlocking(() -> Buffer.buffer(draw(n))))
        .onSuccess(
            png ->
                rc.response()
                    .putHeader("Content-Type", "image/png")
                    .putHeader("Cache-Control", "public, max-age=86400")
                    .end(png))
        .onFailure(rc::fail);
  }

  /** A gradient in colours picked from the name, the title in large letters, a SIMULATED band. */
  static byte[] draw(String name) {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      float hue = (name.hashCode() & 0xffff) / 65_535f;
      g.setPaint(
          new GradientPaint(
              0,
              0,
              Color.getHSBColor(hue, 0.55f, 0.95f),
              SIZE,
              SIZE,
              Color.getHSBColor((hue + 0.15f) % 1f, 0.75f, 0.55f)));
      g.fillRect(0, 0, SIZE, SIZE);
      g.setColor(new Color(255, 255, 255, 60));
      g.setStroke(new BasicStroke(18));
      g.drawOval(SIZE / 4, SIZE / 5, SIZE / 2, SIZE / 2);
      g.setColor(Color.WHITE);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
      int y = 150;
      for (String line : wrap(DemoScript.pictureTitle(name), g, SIZE - 60)) {
        g.drawString(line, 30, y);
        y += 44;
      }
      g.setColor(new Color(0, 0, 0, 150));
      g.fillRect(0, SIZE - 70, SIZE, 70);
      g.setColor(Color.WHITE);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
      g.drawString("SIMULATED · Showfloor demo", 30, SIZE - 28);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static List<String> wrap(String text, Graphics2D g, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (g.getFontMetrics().stringWidth(candidate) > width && line.length() > 0) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
