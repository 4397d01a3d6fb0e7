package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.showfloor.commerce.catalog.CsvTable;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSV reading follows RFC 4180")
class CsvTableTest {

  @Test
  @DisplayName(
      "quoted cells keep commas, line breaks and doubled quotes; records remember their first line")
  void quoted() {
    List<CsvTable.Record> records =
        CsvTable.parse("\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n\n3,,\n");
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
      "a stray quote marks its record as broken; an unclosed quote ends the file with an error")
  void broken() {
    List<CsvTable.Record> records =
        CsvTable.parse("a,b\nx\"y,1\n\"ok\"z,2\n3,\"never closed\n4,5\n");
    assertNotNull(records.get(1).error());
    assertNotNull(records.get(2).error());
    assertEquals(4, records.size());
    assertNotNull(records.get(3).error());
    assertEquals(4, records.get(3).line());
  }
}
