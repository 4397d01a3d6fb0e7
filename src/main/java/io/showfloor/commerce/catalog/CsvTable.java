package io.showfloor.commerce.catalog;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads CSV as RFC 4180 describes it: comma-separated cells, double-quoted cells may hold commas,
 * line breaks and doubled quotes; CRLF or LF line ends; a UTF-8 byte-order mark is ignored. Blank
 * lines are skipped. Each record keeps the line it started on, for reports.
 */
public final class CsvTable {
  /** One record: the line it starts on (1-based) and its cells, or the reason it cannot be read. */
  public record Record(int line, List<String> cells, @Nullable String error) {}

  private CsvTable() {}

  public static List<Record> parse(String text) {
    List<Record> records = new ArrayList<>();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int line = 1;
    int n = text.length();
    while (i < n) {
      int startLine = line;
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean cellWasQuoted = false;
      boolean recordDone = false;
      String error = null;
      while (i < n && !recordDone) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              cell.append('"');
              i += 2;
            } else {
              quoted = false;
              i++;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            cell.append(c);
            i++;
          }
          continue;
        }
        switch (c) {
          case '"' -> {
            if (cell.length() == 0 && !cellWasQuoted) {
              quoted = true;
              cellWasQuoted = true;
            } else if (error == null) {
              error =
                  "a quote inside an unquoted cell (quote the whole cell and double inner quotes)";
            }
            i++;
          }
          case ',' -> {
            cells.add(cell.toString());
            cell.setLength(0);
            cellWasQuoted = false;
            i++;
          }
          case '\r' -> i++;
          case '\n' -> {
            line++;
            i++;
            recordDone = true;
          }
          default -> {
            if (cellWasQuoted && error == null) {
              error = "text after a closing quote";
            }
            cell.append(c);
            i++;
          }
        }
      }
      if (quoted) {
        records.add(
            new Record(
                startLine,
                List.of(),
                "a quoted cell is never closed; the rest of the file cannot be read"));
        break;
      }
      cells.add(cell.toString());
      boolean blank = cells.size() == 1 && cells.get(0).isBlank() && !cellWasQuoted;
      if (!blank) {
        records.add(new Record(startLine, List.copyOf(cells), error));
      }
    }
    return records;
  }
}
