package io.showfloor.market.export;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** How rows become bytes: a CSV file with a header row, or one JSON object with a rows array. */
public enum ExportFormat {
  CSV("text/csv; charset=utf-8", "csv") {
    @Override
    Buffer head(ExportRows rows) {
      return csv(List.of(rows.columns()));
    }

    @Override
    Buffer rows(ExportRows rows, List<JsonObject> batch, boolean first) {
      List<String> columns = rows.columns();
      return csv(batch.stream().map(row -> columns.stream().map(row::getValue).toList()).toList());
    }

    @Override
    Buffer tail() {
      return Buffer.buffer();
    }
  },
  JSON("application/json", "json") {
    @Override
    Buffer head(ExportRows rows) {
      // the description with an empty rows array, left open: `…,"rows":[` (rows follow, then `]}`)
      String closed = rows.describe().copy().put("rows", new JsonArray()).encode();
      return Buffer.buffer(closed.substring(0, closed.length() - 2));
    }

    @Override
    Buffer rows(ExportRows rows, List<JsonObject> batch, boolean first) {
      Buffer out = Buffer.buffer();
      for (int i = 0; i < batch.size(); i++) {
        if (!first || i > 0) {
          out.appendString(",");
        }
        out.appendBuffer(batch.get(i).toBuffer());
      }
      return out;
    }

    @Override
    Buffer tail() {
      return Buffer.buffer("]}");
    }
  };

  // RFC 4180: comma-separated, CRLF line ends, quotes only where a field needs them
  private static final CSVFormat CSV_FORMAT = CSVFormat.RFC4180;

  private final String contentType;
  private final String extension;

  ExportFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  public static ExportFormat of(String name) {
    return "json".equals(name) ? JSON : CSV;
  }

  String contentType() {
    return contentType;
  }

  String extension() {
    return extension;
  }

  abstract Buffer head(ExportRows rows);

  abstract Buffer rows(ExportRows rows, List<JsonObject> batch, boolean first);

  abstract Buffer tail();

  /** Records as CSV lines; a null field is an empty one. */
  private static Buffer csv(List<? extends List<?>> records) {
    StringBuilder out = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(out, CSV_FORMAT)) {
      for (List<?> record : records) {
        printer.printRecord(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not fail
    }
    return Buffer.buffer(out.toString());
  }
}
