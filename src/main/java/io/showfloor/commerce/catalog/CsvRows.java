package io.showfloor.commerce.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads a seller's CSV with Apache Commons CSV (RFC 4180: commas, double-quoted cells that may hold
 * commas, line breaks and doubled quotes; CRLF or LF; a UTF-8 byte-order mark ignored; blank lines
 * skipped). Each record keeps the line it started on, for reports. A record Commons CSV cannot read
 * (text after a closing quote) is reported on its line and reading goes on at the next line, so one
 * broken row never costs the others; a quoted cell never closed makes the rest unreadable.
 */
public final class CsvRows {
  /** One record: the line it starts on (1-based) and its cells, or the reason it cannot be read. */
  public record Record(int line, List<String> cells, @Nullable String error) {}

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(false).get();

  private CsvRows() {}

  public static List<Record> parse(String text) {
    String rest = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<Record> records = new ArrayList<>();
    int lineBase = 0; // physical lines before `rest`
    while (!rest.isEmpty()) {
      Integer failedAt = readUntilFailure(rest, lineBase, records);
      if (failedAt == null) {
        break;
      }
      // go on after the broken record's first line
      int skip = 0;
      int lines = failedAt - lineBase;
      for (int i = 0; i < lines && skip >= 0; i++) {
        skip = rest.indexOf('\n', skip) + 1;
        if (skip == 0) {
          skip = -1;
        }
      }
      if (skip <= 0) {
        break;
      }
      rest = rest.substring(skip);
      lineBase = failedAt;
    }
    return records;
  }

  /**
   * Adds the records of {@code text} until one cannot be read; answers the (1-based, whole-file)
   * line of the broken record, or null when the text was read to its end.
   */
  private static @Nullable Integer readUntilFailure(
      String text, int lineBase, List<Record> records) {
    try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
      Iterator<CSVRecord> iterator = parser.iterator();
      long consumed = 0; // line breaks consumed up to the end of the last good record
      int scanned = 0; // where the line count below stands, so 50,000 rows are counted once
      int line = 1;
      while (true) {
        CSVRecord record;
        try {
          if (!iterator.hasNext()) {
            return null;
          }
          record = iterator.next();
        } catch (UncheckedIOException e) {
          int broken = lineBase + (int) consumed + 1;
          String message = String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
          if (message.contains("EOF reached before encapsulated token finished")) {
            records.add(
                new Record(
                    broken,
                    List.of(),
                    "a quoted cell is never closed; the rest of the file cannot be read"));
            return null;
          }
          records.add(new Record(broken, List.of(), "text after a closing quote"));
          return broken;
        }
        int position = (int) Math.min(record.getCharacterPosition(), text.length());
        // the position of a record after skipped blank lines is where those lines began
        while (position < text.length()
            && (text.charAt(position) == '\n' || text.charAt(position) == '\r')) {
          position++;
        }
        for (; scanned < position; scanned++) {
          if (text.charAt(scanned) == '\n') {
            line++;
          }
        }
        records.add(new Record(lineBase + line, record.toList(), null));
        consumed = parser.getCurrentLineNumber();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
