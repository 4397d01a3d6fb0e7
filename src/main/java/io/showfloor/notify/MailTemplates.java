package io.showfloor.notify;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every mail's bodies, from the Pebble templates in {@code src/main/resources/mail/}: a message
 * template ({@code <name>.html} and {@code <name>.txt}) extends the one layout ({@code
 * layout.html}, {@code layout.txt}). The HTML engine escapes every value (names, titles, links);
 * the text engine leaves them as they are. Notices written as plain text go through the {@code
 * notice} template, so they get the layout too.
 */
public final class MailTemplates {
  private static final MailTemplates SHARED = new MailTemplates();
  // a paragraph that is only a link, optionally labelled ("Watch: https://…"): shown as a button
  private static final Pattern LINK_PARAGRAPH =
      Pattern.compile("(?:([^\\n:]{1,40}):\\s+)?(https?://\\S+)");

  private final PebbleEngine html;
  private final PebbleEngine text;

  private MailTemplates() {
    this.html = engine(true);
    this.text = engine(false);
  }

  /** The templates are read once and kept; the engines are safe to share between threads. */
  public static MailTemplates shared() {
    return SHARED;
  }

  private static PebbleEngine engine(boolean escapeHtml) {
    ClasspathLoader loader = new ClasspathLoader(MailTemplates.class.getClassLoader());
    loader.setPrefix("mail");
    return new PebbleEngine.Builder()
        .loader(loader)
        .autoEscaping(escapeHtml)
        .defaultEscapingStrategy("html")
        .strictVariables(true)
        .newLineTrimming(false)
        .build();
  }

  /** Renders {@code <name>.html} and {@code <name>.txt} with the model (and the subject). */
  public Mail render(String name, String subject, Map<String, Object> model) {
    Map<String, Object> context = new HashMap<>(model);
    context.put("subject", subject);
    return new Mail(
        subject, render(text, name + ".txt", context), render(html, name + ".html", context));
  }

  /**
   * A notice written as plain text (paragraphs separated by blank lines) in the layout; a paragraph
   * that is only a link becomes a button in the HTML part.
   */
  public Mail notice(String subject, String plainText) {
    List<Map<String, Object>> paragraphs = new ArrayList<>();
    for (String paragraph : plainText.strip().split("\\n\\s*\\n")) {
      Matcher link = LINK_PARAGRAPH.matcher(paragraph.strip());
      Map<String, Object> item = new HashMap<>();
      if (link.matches()) {
        item.put("link", link.group(2));
        item.put("label", link.group(1) == null ? "Open" : link.group(1));
      } else {
        item.put("link", null);
        item.put("lines", List.of(paragraph.strip().split("\\n")));
      }
      paragraphs.add(item);
    }
    return render("notice", subject, Map.of("text", plainText.strip(), "paragraphs", paragraphs));
  }

  private static String render(PebbleEngine engine, String template, Map<String, Object> context) {
    StringWriter out = new StringWriter();
    try {
      engine.getTemplate(template).evaluate(out, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
