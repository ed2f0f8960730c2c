package dev.marketdata.adapter.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks one Kafka record (topic, key, headers, value) against the message of its channel in {@code
 * docs/asyncapi.yaml}: the key against the Kafka binding's key schema, the headers (as UTF-8 text)
 * against the message's header schema, and the value, parsed as JSON, against its payload schema; a
 * dead letter's value is the original's bytes and is not parsed. Test topics carry a suffix ({@code
 * price-events.<test>.<n>.<nonce>}, plus {@code .dlq}, {@code .averages}, {@code .bars}), so a
 * topic is matched to its channel by its base name and its last suffix.
 */
public final class RecordContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RecordContract DOCUMENT = new RecordContract(read(locate()));

  private final Map<String, Message> byChannel;

  private record Message(JsonSchema key, JsonSchema headers, JsonSchema payload) {}

  RecordContract(JsonNode document) {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    this.byChannel =
        Map.of(
            "price-events", message(factory, document, "PriceEvent", true),
            "price-events.dlq", message(factory, document, "DeadLetter", false),
            "price-averages", message(factory, document, "AverageEvent", true),
            "price-bars", message(factory, document, "BarEvent", true));
  }

  /** The contract of the document in this source tree. */
  public static RecordContract document() {
    return DOCUMENT;
  }

  /** What is wrong with the record, empty when it matches its channel's message. */
  public List<String> violations(
      String topic, byte[] key, Map<String, byte[]> headers, byte[] value) {
    String channel = channelOf(topic);
    Message message = channel == null ? null : byChannel.get(channel);
    if (message == null) {
      return List.of(topic + ": no channel of docs/asyncapi.yaml has this address");
    }
    List<String> problems = new ArrayList<>();
    JsonNode keyNode =
        key == null
            ? JsonNodeFactory.instance.nullNode()
            : JsonNodeFactory.instance.textNode(new String(key, StandardCharsets.UTF_8));
    report(problems, topic + " key", message.key().validate(keyNode));
    ObjectNode headerNode = JsonNodeFactory.instance.objectNode();
    headers.forEach(
        (name, bytes) ->
            headerNode.put(name, bytes == null ? null : new String(bytes, StandardCharsets.UTF_8)));
    report(problems, topic + " headers", message.headers().validate(headerNode));
    if (message.payload() != null) {
      JsonNode payload;
      try {
        payload = JSON.readTree(value);
      } catch (IOException | RuntimeException e) {
        problems.add(topic + " value: not JSON: " + e.getMessage());
        return problems;
      }
      report(problems, topic + " value", message.payload().validate(payload));
    }
    return problems;
  }

  static String channelOf(String topic) {
    if (!topic.startsWith("price-events")
        && !topic.startsWith("price-averages")
        && !topic.startsWith("price-bars")) {
      return null;
    }
    if (topic.endsWith(".dlq")) {
      return "price-events.dlq";
    }
    if (topic.startsWith("price-averages") || topic.endsWith(".averages")) {
      return "price-averages";
    }
    if (topic.startsWith("price-bars") || topic.endsWith(".bars")) {
      return "price-bars";
    }
    return "price-events";
  }

  private static void report(
      List<String> problems, String what, Iterable<ValidationMessage> errors) {
    errors.forEach(e -> problems.add(what + ": " + e.getMessage()));
  }

  private static Message message(
      JsonSchemaFactory factory, JsonNode document, String name, boolean jsonPayload) {
    JsonNode message = document.at("/components/messages/" + name);
    if (message.isMissingNode()) {
      throw new IllegalStateException("docs/asyncapi.yaml has no message " + name);
    }
    return new Message(
        schema(factory, document, message.at("/bindings/kafka/key")),
        schema(factory, document, message.get("headers")),
        jsonPayload ? schema(factory, document, message.get("payload")) : null);
  }

  /**
   * A schema that is {@code node} evaluated inside the whole document, so its {@code $ref}s to
   * {@code #/components/schemas/...} resolve.
   */
  private static JsonSchema schema(JsonSchemaFactory factory, JsonNode document, JsonNode node) {
    ObjectNode root = document.deepCopy();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.set("allOf", JsonNodeFactory.instance.arrayNode().add(node.deepCopy()));
    // The document's own top-level members are not schema keywords; drop the ones that are.
    root.remove(List.of("info", "servers", "channels", "operations", "asyncapi"));
    return factory.getSchema(root);
  }

  private static Path locate() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("docs/asyncapi.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "docs/asyncapi.yaml not found above " + Path.of("").toAbsolutePath());
  }

  static JsonNode read(Path path) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
