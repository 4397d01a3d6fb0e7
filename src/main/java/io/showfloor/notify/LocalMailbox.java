package io.showfloor.notify;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The mail provider used when no Resend key is configured: mail is stored in PostgreSQL and shown
 * at GET /api/dev/mailbox. Keyed by outbox row, so a redelivered mail is stored once.
 */
public final class LocalMailbox implements MailPort {
  private static final String STORE =
      """
      INSERT INTO local_mailbox (outbox_id, to_address, from_address, subject, text_body, html_body)
      VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (outbox_id) DO NOTHING""";
  private static final String STORE_ALL =
      """
      INSERT INTO local_mailbox (outbox_id, to_address, from_address, subject, text_body, html_body)
      SELECT m.id, m.to_address, $6, m.subject, m.text_body, m.html_body
      FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS m(id, to_address, subject, text_body, html_body)
      ORDER BY m.id
      ON CONFLICT (outbox_id) DO NOTHING""";
  private static final String LIST =
      """
      SELECT to_address, from_address, subject, text_body, html_body, created_at FROM local_mailbox
      WHERE $1::text IS NULL OR lower(to_address) = lower($1)
      ORDER BY id DESC LIMIT $2""";

  private static final String PAGE =
      """
      SELECT id, to_address, from_address, subject, text_body, html_body IS NOT NULL AS has_html, created_at
      FROM local_mailbox WHERE $1::text IS NULL OR lower(to_address) = lower($1)
      ORDER BY id DESC LIMIT $2""";
  private static final String HTML = "SELECT html_body FROM local_mailbox WHERE id = $1";
  // the links a mail's text part carries, shown clickable on the dev mailbox page
  private static final java.util.regex.Pattern LINK =
      java.util.regex.Pattern.compile("https?://[^\\s\"<>]+");

  private final Database db;
  private final String from;

  public LocalMailbox(Database db, String from) {
    this.db = db;
    this.from = from;
  }

  @Override
  public Future<Void> send(OutgoingMail mail) {
    return db.query(
            STORE,
            Tuple.of(mail.outboxId(), mail.to(), from, mail.subject(), mail.text(), mail.html()))
        .mapEmpty();
  }

  /** The whole batch in one statement (one commit instead of one per mail); all stored or none. */
  @Override
  public List<Future<Void>> sendAll(List<OutgoingMail> mails) {
    if (mails.size() == 1) {
      return List.of(send(mails.get(0)));
    }
    Tuple args =
        Tuple.tuple()
            .addArrayOfLong(mails.stream().map(OutgoingMail::outboxId).toArray(Long[]::new))
            .addArrayOfString(mails.stream().map(OutgoingMail::to).toArray(String[]::new))
            .addArrayOfString(mails.stream().map(OutgoingMail::subject).toArray(String[]::new))
            .addArrayOfString(mails.stream().map(OutgoingMail::text).toArray(String[]::new))
            .addArrayOfString(mails.stream().map(OutgoingMail::html).toArray(String[]::new))
            .addString(from);
    Future<Void> stored = db.query(STORE_ALL, args).mapEmpty();
    return Collections.nCopies(mails.size(), stored);
  }

  @Override
  public boolean isLocal() {
    return true;
  }

  /** The dev mailbox page's view (every address when {@code to} is null), newest first. */
  Future<List<Map<String, Object>>> page(@Nullable String to, int limit) {
    return db.query(PAGE, Tuple.of(to, limit))
        .map(
            rows -> {
              List<Map<String, Object>> mails = new ArrayList<>();
              for (Row row : rows) {
                String text = row.getString("text_body");
                List<String> links = new ArrayList<>();
                var found = LINK.matcher(text == null ? "" : text);
                while (found.find()) {
                  links.add(found.group());
                }
                Map<String, Object> mail = new HashMap<>();
                mail.put("id", row.getLong("id"));
                mail.put("to", row.getString("to_address"));
                mail.put("from", row.getString("from_address"));
                mail.put("subject", row.getString("subject"));
                mail.put("text", text == null ? "" : text);
                mail.put("hasHtml", row.getBoolean("has_html"));
                mail.put("links", links);
                mail.put("createdAt", String.valueOf(row.getOffsetDateTime("created_at")));
                mails.add(mail);
              }
              return mails;
            });
  }

  /** One mail's HTML part, or null. */
  Future<@Nullable String> html(long id) {
    return db.one(HTML, Tuple.of(id)).map(row -> row == null ? null : row.getString("html_body"));
  }

  /** The mails stored for an address (every address when {@code to} is null), newest first. */
  public Future<JsonArray> list(String to, int limit) {
    return db.query(LIST, Tuple.of(to, limit))
        .map(
            rows -> {
              JsonArray mails = new JsonArray();
              for (Row row : rows) {
                mails.add(
                    new JsonObject()
                        .put("to", row.getString("to_address"))
                        .put("from", row.getString("from_address"))
                        .put("subject", row.getString("subject"))
                        .put("text", row.getString("text_body"))
                        .put("html", row.getString("html_body"))
                        .put(
                            "createdAt",
                            row.getOffsetDateTime("created_at").toInstant().toString()));
              }
              return mails;
            });
  }
}
