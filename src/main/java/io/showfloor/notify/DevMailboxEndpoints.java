package io.showfloor.notify;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.showfloor.platform.http.PageRoutes;
import io.showfloor.platform.http.Problems;
import io.showfloor.platform.http.TcpPeer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * {@code /dev/mailbox}: the local mailbox as a web page, so a newcomer running the node without a
 * Resend key can open the mail it "sent" and click the verification link. Served only to this
 * machine (a loopback TCP peer, not through a proxy) and only while the local mailbox is in use;
 * everyone else gets the same 404 as for a page that does not exist.
 */
final class DevMailboxEndpoints implements PageRoutes {
  private static final int SHOWN = 100;
  private final LocalMailbox mailbox;
  private final PebbleTemplate page;

  DevMailboxEndpoints(LocalMailbox mailbox) {
    this.mailbox = mailbox;
    ClasspathLoader loader = new ClasspathLoader(DevMailboxEndpoints.class.getClassLoader());
    loader.setPrefix("pages");
    this.page =
        new PebbleEngine.Builder()
            .loader(loader)
            .autoEscaping(true)
            .strictVariables(true)
            .build()
            .getTemplate("dev-mailbox.html");
  }

  @Override
  public void mount(Router router) {
    router.get("/dev/mailbox").handler(this::list);
    router.get("/dev/mailbox/:id").handler(this::html);
  }

  private boolean refused(RoutingContext rc) {
    if (TcpPeer.isThisMachine(rc.request())) {
      return false;
    }
    Problems.send(rc, Problems.forStatus(404, null));
    return true;
  }

  private void list(RoutingContext rc) {
    if (refused(rc)) {
      return;
    }
    String to = rc.queryParams().get("to");
    String wanted = to == null || to.isBlank() || to.length() > 320 ? null : to;
    mailbox
        .page(wanted, SHOWN)
        .onSuccess(
            mails -> {
              StringWriter out = new StringWriter();
              try {
                java.util.HashMap<String, Object> model = new java.util.HashMap<>();
                model.put("to", wanted);
                model.put("mails", mails);
                page.evaluate(out, model);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              rc.response()
                  .putHeader("Content-Type", "text/html; charset=utf-8")
                  .putHeader("Cache-Control", "no-store")
                  .end(out.toString());
            })
        .onFailure(rc::fail);
  }

  /** One mail's HTML part as the recipient's mail client would show it. */
  private void html(RoutingContext rc) {
    if (refused(rc)) {
      return;
    }
    long id;
    try {
      id = Long.parseLong(rc.pathParam("id"));
    } catch (NumberFormatException e) {
      Problems.send(rc, Problems.forStatus(404, null));
      return;
    }
    mailbox
        .html(id)
        .onSuccess(
            html -> {
              if (html == null) {
                Problems.send(rc, Problems.forStatus(404, null));
                return;
              }
              rc.response()
                  .putHeader("Content-Type", "text/html; charset=utf-8")
                  .putHeader("Cache-Control", "no-store")
                  .end(html);
            })
        .onFailure(rc::fail);
  }
}
