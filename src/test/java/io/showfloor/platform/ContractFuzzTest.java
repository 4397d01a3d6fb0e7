package io.showfloor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.ContractOperations;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reads the contract the node serves and sends every operation hostile input: NUL bytes and lone
 * surrogates in every body field and parameter, numbers no 64-bit integer or double holds, wrong
 * types, arrays of 5,001 items, nesting 100 and 5,000 levels deep, 1 MB strings. Starting from a
 * body that is otherwise valid, it puts one bad value at a time into each field, so each request is
 * refused because of that value. Every answer must be a 4xx problem+json within a second, and no
 * row may be written: the fuzzing user's rows in every table that refers to users, and the users
 * table. It runs as a user with every role, so authorization never answers first.
 */
@DisplayName(
    "Every operation of the contract refuses hostile input quickly, with a 4xx problem, writing nothing")
class ContractFuzzTest {
  private static final String SLOT = "__fuzz_slot__";
  private static final long MAX_MILLIS = 1000;
  private static final String MEGABYTE_STRING = "\"" + "x".repeat(1_048_576) + "\"";
  private static final String DEEP_ARRAYS = "[".repeat(5_000) + "]".repeat(5_000);
  private static final String NESTED_100 = "{\"a\":".repeat(100) + "1" + "}".repeat(100);

  private JsonObject contract;
  private final List<String> failures = new ArrayList<>();
  private int sent;
  private long slowestMillis;
  private String slowest = "";

  private record Attack(String name, String json) {}

  @Test
  @DisplayName(
      "NUL, lone surrogates, huge numbers, wrong types, oversized arrays, deep nesting and 1 MB strings to every operation")
  void everyOperation() {
    contract = ContractOperations.served();
    TestUser fuzzer = Users.create("admin", "moderator", "seller", "creator");
    Map<String, Long> before = writtenRows(fuzzer.id());
    long started = System.nanoTime();
    int operations = 0;
    for (Map.Entry<String, Object> path : contract.getJsonObject("paths")) {
      JsonObject item = (JsonObject) path.getValue();
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation && !"parameters".equals(method)) {
          fuzz(fuzzer.api(), method.toUpperCase(), path.getKey(), item, operation);
          operations++;
        }
      }
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000;
    System.out.println(
        "Contract fuzz: "
            + sent
            + " requests to "
            + operations
            + " operations in "
            + seconds
            + " s; slowest "
            + slowestMillis
            + " ms ("
            + slowest
            + ")");
    assertTrue(
        operations >= 150, "expected the whole contract, found " + operations + " operations");
    assertTrue(sent >= 2_000, "sent only " + sent);
    assertTrue(
        failures.isEmpty(),
        failures.size()
            + " answers were wrong:\n"
            + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    assertEquals(before, writtenRows(fuzzer.id()), "a refused request wrote rows");
  }

  @Test
  @DisplayName(
      "every array a request may carry has maxItems, and every string a bound (maxLength, enum, or a date format)")
  void everyRequestValueIsBounded() {
    contract = ContractOperations.served();
    List<String> unbounded = new ArrayList<>();
    for (Map.Entry<String, Object> path : contract.getJsonObject("paths")) {
      JsonObject item = (JsonObject) path.getValue();
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject operation)
            || "parameters".equals(method)) {
          continue;
        }
        String where = method.toUpperCase() + " " + path.getKey();
        for (JsonArray list :
            new JsonArray[] {
              item.getJsonArray("parameters"), operation.getJsonArray("parameters")
            }) {
          if (list != null) {
            list.forEach(
                p -> {
                  JsonObject parameter = resolve((JsonObject) p);
                  unboundedIn(
                      parameter.getJsonObject("schema", new JsonObject()),
                      where + " " + parameter.getString("name"),
                      unbounded,
                      0);
                });
          }
        }
        JsonObject body = bodyOf(operation);
        if (body != null) {
          body.getJsonObject("content", new JsonObject())
              .forEach(
                  c ->
                      unboundedIn(
                          ((JsonObject) c.getValue()).getJsonObject("schema", new JsonObject()),
                          where + " body",
                          unbounded,
                          0));
        }
      }
    }
    assertTrue(unbounded.isEmpty(), "unbounded request values:\n" + String.join("\n", unbounded));
  }

  private void unboundedIn(JsonObject raw, String where, List<String> out, int depth) {
    JsonObject schema = flattened(raw);
    String type = typeOf(schema);
    if (depth > 10) {
      return;
    }
    if ("array".equals(type) || schema.containsKey("items")) {
      if (!schema.containsKey("maxItems")) {
        out.add(where + " has no maxItems");
      }
      unboundedIn(schema.getJsonObject("items", new JsonObject()), where + "[]", out, depth + 1);
    } else if ("string".equals(type)
        && !schema.containsKey("maxLength")
        && !schema.containsKey("enum")
        && !schema.containsKey("const")
        && !List.of("date", "date-time").contains(schema.getString("format", ""))) {
      out.add(where + " is a string with no maxLength");
    }
    schema
        .getJsonObject("properties", new JsonObject())
        .forEach(
            p -> unboundedIn((JsonObject) p.getValue(), where + "." + p.getKey(), out, depth + 1));
  }

  private void fuzz(
      Api api, String method, String template, JsonObject item, JsonObject operation) {
    List<JsonObject> parameters = new ArrayList<>();
    for (JsonArray list :
        new JsonArray[] {item.getJsonArray("parameters"), operation.getJsonArray("parameters")}) {
      if (list != null) {
        list.forEach(p -> parameters.add(resolve((JsonObject) p)));
      }
    }
    Map<String, String> validPath = new LinkedHashMap<>();
    Map<String, String> validQuery = new LinkedHashMap<>();
    for (JsonObject p : parameters) {
      String value = String.valueOf(valid(p.getJsonObject("schema", new JsonObject())));
      if ("path".equals(p.getString("in"))) {
        validPath.put(p.getString("name"), value);
      } else if ("query".equals(p.getString("in")) && p.getBoolean("required", false)) {
        validQuery.put(p.getString("name"), value);
      }
    }
    for (JsonObject p : parameters) {
      String name = p.getString("name");
      JsonObject schema = resolve(p.getJsonObject("schema", new JsonObject()));
      // Java's HTTP client sends no NUL in a header: EdgeInputTest sends that one over a raw socket
      List<String> attacks =
          "header".equals(p.getString("in")) ? headerAttacks(schema) : parameterAttacks(schema);
      for (String bad : attacks) {
        Map<String, String> pathValues = new LinkedHashMap<>(validPath);
        Map<String, String> query = new LinkedHashMap<>(validQuery);
        Api caller = api;
        switch (p.getString("in")) {
          case "path" -> pathValues.put(name, bad);
          case "query" -> query.put(name, bad);
          case "header" -> caller = api.with(name, bad);
          default -> {
            continue;
          }
        }
        String url = url(template, pathValues, query);
        String body = bodyOf(operation) == null ? null : "{}";
        check(
            caller,
            method,
            url,
            body == null ? null : body.getBytes(StandardCharsets.UTF_8),
            "application/json",
            name + "=" + abbreviate(bad));
      }
    }
    JsonObject requestBody = bodyOf(operation);
    if (requestBody == null) {
      return;
    }
    String url = url(template, validPath, validQuery);
    JsonObject content = requestBody.getJsonObject("content", new JsonObject());
    if (content.containsKey("application/json")) {
      fuzzJsonBody(
          api,
          method,
          url,
          resolve(
              content.getJsonObject("application/json").getJsonObject("schema", new JsonObject())));
    } else if (content.containsKey("text/plain")) {
      for (byte[] text :
          List.of(
              "sku,title\nA\0B,x\n".getBytes(StandardCharsets.UTF_8),
              new byte[] {'s', 'k', 'u', '\n', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'},
              ("sku,title\n" + "x".repeat(1_100_000)).getBytes(StandardCharsets.UTF_8))) {
        check(api, method, url, text, "text/csv", "text body of " + text.length + " bytes");
      }
    }
  }

  private void fuzzJsonBody(Api api, String method, String url, JsonObject schema) {
    Object base = valid(schema);
    if (base instanceof JsonObject object && object.isEmpty()) {
      object.put("fuzz", "x"); // a free-form object: give the attacks a field to sit in
    }
    List<List<Object>> slots = new ArrayList<>();
    slots(base, new ArrayList<>(), slots);
    for (List<Object> slot : slots) {
      Object target = at(schema, slot);
      for (Attack attack : valueAttacks(target instanceof JsonObject s ? s : null)) {
        String text = withSlot(base, slot).replace("\"" + SLOT + "\"", attack.json());
        check(
            api,
            method,
            url,
            text.getBytes(StandardCharsets.UTF_8),
            "application/json",
            attack.name()
                + " at /"
                + slot.stream().map(String::valueOf).collect(Collectors.joining("/")));
      }
    }
    // whole-body attacks, once per operation
    List<Object> first = slots.get(slots.size() - 1);
    for (Attack attack :
        List.of(
            new Attack("1 MB string", MEGABYTE_STRING),
            new Attack("5,000-deep arrays", DEEP_ARRAYS))) {
      String text = withSlot(base, first).replace("\"" + SLOT + "\"", attack.json());
      check(
          api,
          method,
          url,
          text.getBytes(StandardCharsets.UTF_8),
          "application/json",
          attack.name());
      check(
          api,
          method,
          url,
          attack.json().getBytes(StandardCharsets.UTF_8),
          "application/json",
          attack.name() + " as the body");
    }
  }

  private void check(
      Api api, String method, String url, byte[] body, String contentType, String what) {
    long start = System.nanoTime();
    Api.Response response =
        body == null
            ? api.send(method, url, null, null)
            : api.sendBytes(method, url, body, contentType);
    long millis = (System.nanoTime() - start) / 1_000_000;
    sent++;
    if (millis > slowestMillis) {
      slowestMillis = millis;
      slowest = method + " " + url + " " + what;
    }
    String call = method + " " + url + " with " + what;
    String type = String.valueOf(response.header("Content-Type"));
    if (response.status() < 400 || response.status() >= 500) {
      failures.add(call + " answered " + response.status() + ": " + abbreviate(response.body()));
    } else if (!type.startsWith("application/problem+json")
        || !response.body().contains("\"code\"")) {
      failures.add(call + " answered " + response.status() + " " + type + ", not a problem");
    } else if (millis > MAX_MILLIS) {
      failures.add(call + " took " + millis + " ms");
    }
  }

  /** Values no parameter accepts, whatever its type (percent-encoded for the URL). */
  private List<String> parameterAttacks(JsonObject schema) {
    List<String> attacks = new ArrayList<>(List.of("a%00b", "%00"));
    String type = typeOf(schema);
    if ("integer".equals(type) || "number".equals(type)) {
      attacks.addAll(List.of("1e400", "9223372036854775808", "-9223372036854775809", "abc", "NaN"));
    } else if ("boolean".equals(type)) {
      attacks.add("maybe");
    } else if (schema.containsKey("enum")) {
      attacks.add("not-one-of-them");
    } else if (schema.getValue("maxLength") instanceof Number max && max.intValue() < 3000) {
      attacks.add("x".repeat(max.intValue() + 1));
    }
    return attacks;
  }

  private static List<String> headerAttacks(JsonObject schema) {
    String type = typeOf(schema);
    if ("integer".equals(type) || "number".equals(type)) {
      return List.of("1e400", "9223372036854775808", "abc");
    }
    return schema.getValue("maxLength") instanceof Number max
        ? List.of("x".repeat(max.intValue() + 1))
        : List.of();
  }

  /** Values the field at {@code schema} refuses, as JSON text. */
  private List<Attack> valueAttacks(JsonObject schema) {
    List<Attack> attacks =
        new ArrayList<>(
            List.of(
                new Attack("a NUL", "\"a\\u0000b\""),
                new Attack("a lone high surrogate", "\"a\\ud800b\""),
                new Attack("a lone low surrogate", "\"\\udc00\""),
                new Attack("1e400", "1e400"),
                new Attack("2^63", "9223372036854775808"),
                new Attack("-2^63-1", "-9223372036854775809"),
                new Attack("5,001 items", "[" + "1,".repeat(5_000) + "1]"),
                new Attack("100 nested objects", NESTED_100)));
    String type = schema == null ? null : typeOf(schema);
    if ("string".equals(type)) {
      attacks.add(new Attack("a number for a string", "12345"));
    } else if (type != null) {
      attacks.add(new Attack("a string for a " + type, "\"wrong\""));
    }
    return attacks;
  }

  // --- the contract: valid values, schemas, slots ---

  private JsonObject resolve(JsonObject schema) {
    while (schema != null && schema.getValue("$ref") instanceof String ref) {
      JsonObject target = contract;
      for (String part : ref.substring(2).split("/")) {
        target = target.getJsonObject(part);
      }
      schema = target;
    }
    return schema;
  }

  private static String typeOf(JsonObject schema) {
    Object type = schema.getValue("type");
    if (type instanceof JsonArray types) {
      return types.stream()
          .filter(t -> !"null".equals(t))
          .map(String::valueOf)
          .findFirst()
          .orElse(null);
    }
    return type == null
        ? (schema.containsKey("properties") ? "object" : null)
        : String.valueOf(type);
  }

  /** The schema's properties, with allOf merged and the first of oneOf/anyOf taken. */
  @SuppressWarnings("unchecked")
  private JsonObject flattened(JsonObject schema) {
    schema = resolve(schema);
    JsonObject flat = schema.copy();
    for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
      JsonArray parts = schema.getJsonArray(combinator);
      if (parts == null || parts.isEmpty()) {
        continue;
      }
      List<Object> chosen =
          "allOf".equals(combinator) ? parts.getList() : List.of(parts.getValue(0));
      for (Object part : chosen) {
        JsonObject inner =
            flattened(
                part instanceof JsonObject o ? o : new JsonObject(((Map<String, Object>) part)));
        JsonObject properties = flat.getJsonObject("properties", new JsonObject()).copy();
        properties.mergeIn(inner.getJsonObject("properties", new JsonObject()));
        inner.forEach(
            e ->
                flat.put(
                    e.getKey(),
                    flat.containsKey(e.getKey()) && !"properties".equals(e.getKey())
                        ? flat.getValue(e.getKey())
                        : e.getValue()));
        flat.put("properties", properties);
      }
      flat.remove(combinator);
    }
    return flat;
  }

  private Object valid(JsonObject raw) {
    JsonObject schema = flattened(raw);
    if (schema.containsKey("const")) {
      return schema.getValue("const");
    }
    if (schema.getJsonArray("enum") != null && !schema.getJsonArray("enum").isEmpty()) {
      return schema.getJsonArray("enum").getValue(0);
    }
    String type = typeOf(schema);
    if (type == null) {
      return "x";
    }
    switch (type) {
      case "object" -> {
        JsonObject value = new JsonObject();
        schema
            .getJsonObject("properties", new JsonObject())
            .forEach(p -> value.put(p.getKey(), valid((JsonObject) p.getValue())));
        return value;
      }
      case "array" -> {
        JsonArray value = new JsonArray();
        JsonObject items = schema.getJsonObject("items", new JsonObject());
        for (int i = 0; i < Math.max(1, schema.getInteger("minItems", 1)); i++) {
          value.add(i == 0 ? valid(items) : distinct(valid(items), i));
        }
        return value;
      }
      case "integer", "number" -> {
        long min =
            schema.getValue("minimum") instanceof Number n ? (long) Math.ceil(n.doubleValue()) : 1;
        long max = schema.getValue("maximum") instanceof Number n ? n.longValue() : Long.MAX_VALUE;
        return Math.min(Math.max(min, 1), max);
      }
      case "boolean" -> {
        return true;
      }
      default -> {
        return validString(schema);
      }
    }
  }

  private static Object distinct(Object value, int i) {
    return value instanceof Number n
        ? n.longValue() + i
        : value instanceof String s ? s + i : value;
  }

  private static final List<String> CANDIDATES =
      List.of(
          "abc",
          "ABC",
          "ab1",
          "abcdefgh12",
          "ABCD",
          "US",
          "seller",
          "https://img.example.test/a.jpg",
          "fuzz@example.test",
          "10:00",
          "a-b",
          "A1");

  private static String validString(JsonObject schema) {
    String format = schema.getString("format", "");
    switch (format) {
      case "date-time" -> {
        return "2030-01-01T10:00:00Z";
      }
      case "date" -> {
        return LocalDate.now().toString();
      }
      case "email" -> {
        return "fuzz@example.test";
      }
      case "uri", "url" -> {
        return "https://example.test/x";
      }
      default -> {}
    }
    int min = schema.getInteger("minLength", 1);
    int max = schema.getInteger("maxLength", 1000);
    Pattern pattern =
        schema.getString("pattern") == null ? null : Pattern.compile(schema.getString("pattern"));
    for (String candidate : CANDIDATES) {
      String padded =
          candidate.length() < min ? candidate + "a".repeat(min - candidate.length()) : candidate;
      if (padded.length() <= max && (pattern == null || pattern.matcher(padded).find())) {
        return padded;
      }
    }
    return "a".repeat(Math.max(min, 1));
  }

  /**
   * Every place in {@code value} a bad value can go: the whole, each property, each array's first
   * item.
   */
  private static void slots(Object value, List<Object> at, List<List<Object>> out) {
    if (value instanceof JsonObject object) {
      for (String name : object.fieldNames()) {
        List<Object> inner = new ArrayList<>(at);
        inner.add(name);
        slots(object.getValue(name), inner, out);
      }
    } else if (value instanceof JsonArray array && !array.isEmpty()) {
      List<Object> inner = new ArrayList<>(at);
      inner.add(0);
      slots(array.getValue(0), inner, out);
    }
    out.add(at);
  }

  /** The schema of the value at {@code slot}, or null when the contract does not say. */
  private Object at(JsonObject schema, List<Object> slot) {
    JsonObject current = flattened(schema);
    for (Object step : slot) {
      Object next =
          step instanceof Integer
              ? current.getValue("items")
              : current.getJsonObject("properties", new JsonObject()).getValue((String) step);
      if (!(next instanceof JsonObject nextSchema)) {
        return null;
      }
      current = flattened(nextSchema);
    }
    return current;
  }

  private static String withSlot(Object base, List<Object> slot) {
    if (slot.isEmpty()) {
      return "\"" + SLOT + "\"";
    }
    Object copy = base instanceof JsonObject o ? o.copy() : ((JsonArray) base).copy();
    Object parent = copy;
    for (int i = 0; i < slot.size() - 1; i++) {
      Object step = slot.get(i);
      parent =
          step instanceof Integer index
              ? ((JsonArray) parent).getValue(index)
              : ((JsonObject) parent).getValue((String) step);
    }
    Object last = slot.get(slot.size() - 1);
    if (last instanceof Integer index) {
      ((JsonArray) parent).set(index, SLOT);
    } else {
      ((JsonObject) parent).put((String) last, SLOT);
    }
    return copy instanceof JsonObject o ? o.encode() : ((JsonArray) copy).encode();
  }

  private JsonObject bodyOf(JsonObject operation) {
    return operation.getValue("requestBody") instanceof JsonObject body ? resolve(body) : null;
  }

  private static String url(
      String template, Map<String, String> pathValues, Map<String, String> query) {
    String url = template;
    for (var p : pathValues.entrySet()) {
      url = url.replace("{" + p.getKey() + "}", p.getValue());
    }
    if (!query.isEmpty()) {
      url +=
          "?"
              + query.entrySet().stream()
                  .map(q -> q.getKey() + "=" + q.getValue())
                  .collect(Collectors.joining("&"));
    }
    return url;
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 160 ? text : text.substring(0, 160) + "…";
  }

  // --- what a refused request must not have written ---

  /**
   * Rows that belong to the fuzzing user in every table with a column referring to users, plus the
   * number of users: a refused sign-up, show, product, key, report or order would change one of
   * them. Other tests' background work (lot sweeps, mail) never touches a user made for this test.
   */
  private static Map<String, Long> writtenRows(long userId) {
    var db = TestNode.get().platform().db();
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (Row fk :
        db.query(
                """
        SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
         WHERE c.contype = 'f' AND c.confrelid = 'users'::regclass""",
                Tuple.tuple())
            .await()) {
      String table = fk.getString("tbl");
      String column = fk.getString("col");
      counts.put(
          table + "." + column,
          db.one("SELECT count(*) FROM " + table + " WHERE " + column + " = $1", Tuple.of(userId))
              .await()
              .getLong(0));
    }
    counts.put("users", db.one("SELECT count(*) FROM users", Tuple.tuple()).await().getLong(0));
    return counts;
  }
}
