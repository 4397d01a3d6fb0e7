package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.showfloor.commerce.catalog.CsvRows;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSV reading follows RFC 4180")
class CsvRowsTest {

  @Test
  @DisplayName(
      "quoted cells keep commas, line breaks and doubled quotes; records remember their first line")
  void quoted() {
    List<CsvRows.Record> records =
        CsvRows.parse("\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n\n3,,\n");
    assertEquals(4, records.size());
    assertEquals(List.of("a", "b", "c"), records.get(0).cells());
    assertEquals(List.of("1", "x, y", "say \"hi\""), records.get(1).cells());
    assertEquals(List.of("2", "two\nlines", "z"), records.get(2).cells());
    assertEquals(3, records.get(2).line());
    assertEquals(List.of("3", "", ""), records.get(3).cells());
    assertEquals(6, records.get(3).line());
    assertNull(records.get(1).error());
  }

  @Test
  @DisplayName(
      "text after a closing quote marks its record as broken and the next line is read; an unclosed quote ends the file with an error")
  void broken() {
    List<CsvRows.Record> records =
        CsvRows.parse("a,b\nx\"y,1\n\"ok\"z,2\n5,6\n3,\"never closed\n4,5\n");
    // a quote inside an unquoted cell is kept as text (Commons CSV's RFC 4180 reading)
    assertEquals(List.of("x\"y", "1"), records.get(1).cells());
    assertNull(records.get(1).error());
    assertNotNull(records.get(2).error());
    assertEquals(3, records.get(2).line());
    assertEquals(List.of("5", "6"), records.get(3).cells());
    assertEquals(4, records.get(3).line());
    assertEquals(5, records.size());
    assertNotNull(records.get(4).error());
    assertEquals(5, records.get(4).line());
  }
}
