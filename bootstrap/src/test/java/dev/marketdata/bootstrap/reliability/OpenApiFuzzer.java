package dev.marketdata.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Requests generated from the OpenAPI document: for every operation, every parameter and every body
 * field is in turn given a hostile value while the rest of the request stays valid (so the value
 * reaches the validation behind the first one), plus wrong methods, encoded dot segments in paths,
 * unknown and repeated parameters, wrong content types, broken JSON and fully valid requests. The
 * same seed gives the same requests, so a failure replays.
 */
final class OpenApiFuzzer {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FOO");
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "BRK.B", "^GSPC", "EURUSD=X");
  private static final String VALID_PROVIDER = "simulated";

  record Param(String name, String in, boolean required, JsonNode schema, JsonNode example) {}

  record Operation(String id, String method, String path, List<Param> params, JsonNode bodySchema) {
    /** What can be made hostile: each parameter, each body field, and the request's shape. */
    List<String> targets() {
      List<String> targets = new ArrayList<>();
      params.forEach(p -> targets.add(p.in() + ":" + p.name()));
      if (bodySchema != null) {
        bodySchema.path("properties").fieldNames().forEachRemaining(f -> targets.add("body:" + f));
        bodySchema
            .path("properties")
            .fields()
            .forEachRemaining(
                f -> {
                  if ("array".equals(f.getValue().path("type").asText())) {
                    targets.add("item:" + f.getKey());
                  }
                });
        targets.addAll(List.of("json", "json", "content-type", "missing-field", "extra-field"));
      }
      targets.addAll(List.of("method", "path", "path", "unknown-param", "repeated-param", "none"));
      return targets;
    }
  }

  private final JsonNode document;
  private final List<Operation> operations;
  private final SplittableRandom random;
  private final List<String> knownJobIds;
  private final Map<String, Integer> coverage = new TreeMap<>();
  private long issued;

  private OpenApiFuzzer(JsonNode document, long seed, List<String> knownJobIds) {
    this.document = document;
    this.operations = readOperations(document);
    this.random = new SplittableRandom(seed);
    this.knownJobIds = List.copyOf(knownJobIds);
  }

  /** Reads the document the service itself serves ({@code openapi.yaml} on the classpath). */
  static OpenApiFuzzer load(long seed, List<String> knownJobIds) {
    try (var in = OpenApiFuzzer.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is not on the classpath");
      }
      return new OpenApiFuzzer(YAML.readTree(in), seed, knownJobIds);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read openapi.yaml", e);
    }
  }

  List<Operation> operations() {
    return operations;
  }

  /** How many requests each (operation, target) got, to show that every one was reached. */
  Map<String, Integer> coverage() {
    return coverage;
  }

  /** The next request: operations in turn, each operation's targets in turn, values at random. */
  MalformedCorpus.Probe next() {
    Operation op = operations.get((int) (issued % operations.size()));
    List<String> targets = op.targets();
    String target = targets.get((int) ((issued / operations.size()) % targets.size()));
    issued++;
    int visit = coverage.merge(op.id() + " " + target, 1, Integer::sum) - 1;
    return build(op, target, visit);
  }

  private MalformedCorpus.Probe build(Operation op, String target, int visit) {
    String method = op.method();
    String path = op.path();
    Map<String, String> query = new LinkedHashMap<>();
    List<String> extraQuery = new ArrayList<>();
    boolean rawQuery = random.nextInt(5) == 0;
    for (Param p : op.params()) {
      boolean hostile = target.equals(p.in() + ":" + p.name());
      if (!hostile && !p.required() && random.nextBoolean()) {
        continue;
      }
      String value =
          hostile
              ? HostileValues.text(random, visit, p.schema().path("format").asText(null), p.name())
              : validText(p);
      if ("path".equals(p.in())) {
        path = path.replace("{" + p.name() + "}", encode(value, hostile && rawQuery));
      } else {
        query.put(p.name(), value);
      }
    }
    switch (target) {
      case "method" -> method = otherMethod(op);
      case "path" -> path = mangle(path);
      case "unknown-param" ->
          extraQuery.add(pick(List.of("symbl", "limit2", "x", "", "%00")) + "=1");
      case "repeated-param" ->
          extraQuery.add(
              op.params().isEmpty()
                  ? "a=1&a=2"
                  : op.params().get(0).name() + "=" + encode(validText(op.params().get(0)), false));
      default -> {}
    }
    StringBuilder target0 = new StringBuilder(path);
    char sep = '?';
    for (Map.Entry<String, String> q : query.entrySet()) {
      boolean raw = rawQuery && target.equals("query:" + q.getKey());
      target0.append(sep).append(q.getKey()).append('=').append(encode(q.getValue(), raw));
      sep = '&';
    }
    for (String extra : extraQuery) {
      target0.append(sep).append(extra);
      sep = '&';
    }
    String contentType = null;
    byte[] body = null;
    if (op.bodySchema() != null && !"method".equals(target)) {
      contentType = "content-type".equals(target) ? contentType() : "application/json";
      body = body(op.bodySchema(), target, visit).getBytes(StandardCharsets.UTF_8);
    }
    return new MalformedCorpus.Probe(
        op.id() + " " + target,
        method,
        target0.toString().getBytes(StandardCharsets.UTF_8),
        contentType,
        body);
  }

  /** A valid value for a parameter, from its example, enum, format or pattern. */
  private String validText(Param p) {
    JsonNode schema = p.schema();
    switch (p.name()) {
      case "symbol":
        return pick(SYMBOLS);
      case "provider":
        return VALID_PROVIDER;
      case "job_id":
        return knownJobIds.isEmpty() || random.nextBoolean()
            ? UUID.randomUUID().toString()
            : pick(knownJobIds);
      case "cursor":
        return "";
      default:
        break;
    }
    if (schema.has("enum")) {
      return schema.get("enum").get(random.nextInt(schema.get("enum").size())).asText();
    }
    if ("date-time".equals(schema.path("format").asText())) {
      // Lower bounds ("from") well before upper ones ("to"), so a valid pair reaches the query.
      long daysAgo = "from".equals(p.name()) ? random.nextLong(200, 400) : random.nextLong(0, 100);
      return Instant.now()
          .minus(daysAgo, ChronoUnit.DAYS)
          .truncatedTo(ChronoUnit.SECONDS)
          .toString();
    }
    if ("integer".equals(schema.path("type").asText())) {
      long min = schema.path("minimum").asLong(1);
      long max = schema.path("maximum").asLong(min + 100);
      return Long.toString(random.nextLong(min, max + 1));
    }
    return p.example() != null ? p.example().asText() : "x";
  }

  private String body(JsonNode schema, String target, int visit) {
    if ("json".equals(target)) {
      return brokenJson();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    JsonNode properties = schema.path("properties");
    Set<String> required = new java.util.HashSet<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      boolean hostile = target.equals("body:" + name) || target.equals("item:" + name);
      if (!hostile && !required.contains(name) && random.nextBoolean()) {
        continue;
      }
      if (target.equals("missing-field") && required.contains(name) && random.nextBoolean()) {
        continue;
      }
      JsonNode fieldSchema = properties.get(name);
      if (target.equals("body:" + name)) {
        fields.put(name, HostileValues.json(visit));
      } else if (target.equals("item:" + name)) {
        fields.put(name, hostileArray());
      } else {
        fields.put(name, validJson(name, fieldSchema));
      }
    }
    if ("extra-field".equals(target)) {
      fields.put(pick(List.of("extra", "Symbols", "interval ", "__proto__", "")), "1");
    }
    StringBuilder out = new StringBuilder("{");
    fields.forEach(
        (k, v) ->
            out.append(out.length() > 1 ? "," : "")
                .append(HostileValues.quoted(k))
                .append(':')
                .append(v));
    return out.append('}').toString();
  }

  private String validJson(String name, JsonNode schema) {
    String type = schema.path("type").asText();
    return switch (type) {
      case "array" -> {
        List<String> items = new ArrayList<>();
        int n = random.nextInt(1, 4);
        for (int i = 0; i < n; i++) {
          items.add(HostileValues.quoted(pick(SYMBOLS)));
        }
        yield "[" + String.join(",", items) + "]";
      }
      case "integer" -> {
        long min = schema.path("minimum").asLong(1);
        // Jobs the fuzzer starts poll slowly, so they add no load that could hide an answer.
        yield Long.toString(Math.max(min, random.nextLong(600, 86_401)));
      }
      default ->
          "provider".equals(name)
              ? HostileValues.quoted(VALID_PROVIDER)
              : "uuid".equals(schema.path("format").asText()) || "job_id".equals(name)
                  ? HostileValues.quoted(
                      knownJobIds.isEmpty() || random.nextBoolean()
                          ? UUID.randomUUID().toString()
                          : pick(knownJobIds))
                  : HostileValues.quoted("x");
    };
  }

  /** An array of symbols with a hostile item in it, or too many, or of the wrong item type. */
  private String hostileArray() {
    return switch (random.nextInt(4)) {
      case 0 ->
          "[\"AAPL\","
              + HostileValues.quoted(HostileValues.any(random, HostileValues.STRINGS))
              + "]";
      case 1 -> "[" + "\"AAPL\",".repeat(100) + "\"MSFT\"]";
      case 2 -> "[" + HostileValues.json(random.nextInt(1_000)) + "]";
      default -> "[\"AAPL\",\"aapl\",\"AAPL\"]";
    };
  }

  private String brokenJson() {
    String valid =
        "{\"symbols\":[\"AAPL\"],\"interval\":600,\"job_id\":\"" + UUID.randomUUID() + "\"}";
    return switch (random.nextInt(9)) {
      case 0 -> valid.substring(0, random.nextInt(valid.length()));
      case 1 -> "{\"interval\":600,\"interval\":601,\"symbols\":[\"AAPL\"]}";
      case 2 -> "[" + valid + "]";
      case 3 -> "\ufeff" + valid;
      case 4 -> valid + valid;
      case 5 -> "{\"a\":".repeat(30) + "1" + "}".repeat(30);
      case 6 -> "";
      case 7 -> "{'symbols':['AAPL'],interval:600}";
      default -> new String(new byte[] {(byte) 0xC3, '(', '{', '}'}, StandardCharsets.ISO_8859_1);
    };
  }

  private String contentType() {
    return pick(
        List.of(
            "text/plain",
            "application/xml",
            "application/json; charset=latin1",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json-patch+json",
            "application/problem+json",
            "*/*",
            ""));
  }

  private String otherMethod(Operation op) {
    Set<String> declared = new java.util.HashSet<>();
    document
        .path("paths")
        .path(op.path())
        .fieldNames()
        .forEachRemaining(m -> declared.add(m.toUpperCase(Locale.ROOT)));
    List<String> others = METHODS.stream().filter(m -> !declared.contains(m)).toList();
    return others.isEmpty() ? "FOO" : pick(others);
  }

  /** The path with dot segments (plain or encoded), doubled slashes, case or suffix changes. */
  private String mangle(String path) {
    String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    return switch (random.nextInt(16)) {
      case 14 -> concrete + "%zz";
      case 15 -> concrete.replaceFirst("/", "/%");
      case 12 -> concrete + "/index.html";
      case 13 -> concrete + "/swagger-initializer.js";
      case 0 -> "/health/.." + concrete;
      case 1 -> "/health/%2e%2e" + concrete;
      case 2 -> "/health/%2E%2E" + concrete;
      case 3 -> "/metrics/.." + concrete;
      case 4 -> "/health/live/%2e%2e/%2e%2e" + concrete;
      case 5 -> "/." + concrete;
      case 6 -> "/" + concrete;
      case 7 -> concrete + "/";
      case 8 -> concrete.toUpperCase(Locale.ROOT);
      case 9 -> concrete + "%00";
      case 10 -> concrete + ";jsessionid=1";
      default -> concrete.replaceFirst("/", "/%2f");
    };
  }

  /** Percent-encodes as a careful client would; raw keeps %, / and dots as they are. */
  private static String encode(String value, boolean raw) {
    String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    if (!raw) {
      return encoded;
    }
    return encoded.replace("%25", "%").replace("%2F", "/").replace("%3A", ":");
  }

  private <T> T pick(List<T> values) {
    return HostileValues.any(random, values);
  }

  private static List<Operation> readOperations(JsonNode doc) {
    List<Operation> ops = new ArrayList<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            pathEntry -> {
              JsonNode pathItem = pathEntry.getValue();
              List<Param> shared = params(doc, pathItem.path("parameters"));
              pathItem
                  .fields()
                  .forEachRemaining(
                      m -> {
                        if (!METHODS.contains(m.getKey().toUpperCase(Locale.ROOT))) {
                          return;
                        }
                        JsonNode op = m.getValue();
                        List<Param> params = new ArrayList<>(shared);
                        params.addAll(params(doc, op.path("parameters")));
                        JsonNode body =
                            op.path("requestBody").path("content").path("application/json");
                        ops.add(
                            new Operation(
                                op.path("operationId").asText(m.getKey() + pathEntry.getKey()),
                                m.getKey().toUpperCase(Locale.ROOT),
                                pathEntry.getKey(),
                                params,
                                body.isMissingNode() ? null : resolve(doc, body.path("schema"))));
                      });
            });
    return ops;
  }

  private static List<Param> params(JsonNode doc, JsonNode list) {
    List<Param> params = new ArrayList<>();
    for (JsonNode p : list) {
      JsonNode param = resolve(doc, p);
      params.add(
          new Param(
              param.path("name").asText(),
              param.path("in").asText(),
              param.path("required").asBoolean(false),
              resolve(doc, param.path("schema")),
              param.get("example")));
    }
    return params;
  }

  /** Follows a local {@code $ref} such as {@code #/components/schemas/PollRequest}. */
  private static JsonNode resolve(JsonNode doc, JsonNode node) {
    JsonNode at = node;
    while (at.has("$ref")) {
      String ref = at.get("$ref").asText();
      at = doc.at(ref.substring(1));
    }
    return at;
  }
}
