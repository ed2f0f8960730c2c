package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The AsyncAPI document of the Kafka topics: valid against the official AsyncAPI 3.0.0 JSON Schema
 * (vendored from npm {@code @asyncapi/specs} 6.11.1, Apache-2.0, {@code schemas/3.0.0.json}), the
 * very file docs/ publishes, and served at {@code /asyncapi.yaml}.
 */
@ExtendWith(VertxExtension.class)
class AsyncApiDocumentTest {
  static final String ASYNCAPI_SCHEMA = "/asyncapi/asyncapi-3.0.0.schema.json";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode document() throws Exception {
    return YAML.readTree(DocsRoutes.resource(DocsRoutes.ASYNCAPI_RESOURCE));
  }

  static Set<ValidationMessage> asyncApiErrors(JsonNode document) throws Exception {
    JsonSchema schema;
    try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(ASYNCAPI_SCHEMA)) {
      assertThat(in).as(ASYNCAPI_SCHEMA + " on the test classpath").isNotNull();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    return schema.validate(document);
  }

  @Test
  void document_isValidAsyncApi300() throws Exception {
    assertThat(document().get("asyncapi").asText()).isEqualTo("3.0.0");
    assertThat(asyncApiErrors(document())).isEmpty();
  }

  /** So the check above can fail: the schema is really applied, down to a message's bindings. */
  @Test
  void givenABrokenDocument_theAsyncApiSchema_reportsIt() throws Exception {
    ObjectNode broken = (ObjectNode) document().deepCopy();
    ((ObjectNode) broken.path("operations").path("publishPriceEvents")).put("action", "publish");
    ((ObjectNode) broken.path("channels").path("priceEvents")).put("address", 42);
    assertThat(asyncApiErrors(broken)).isNotEmpty();

    ObjectNode noInfo = (ObjectNode) document().deepCopy();
    noInfo.remove("info");
    assertThat(asyncApiErrors(noInfo)).isNotEmpty();
  }

  @Test
  void everyTopicTheServiceWrites_hasAChannel() throws Exception {
    JsonNode channels = document().get("channels");
    Set<String> addresses = new java.util.TreeSet<>();
    channels.forEach(c -> addresses.add(c.get("address").asText()));
    assertThat(addresses)
        .containsExactlyInAnyOrder(
            "price-events", "price-events.dlq", "price-averages", "price-bars");
  }

  @Test
  void everyExample_matchesItsMessagesPayloadAndHeaderSchemas() throws Exception {
    JsonNode doc = document();
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    int checked = 0;
    for (String message : new String[] {"PriceEvent", "AverageEvent", "BarEvent"}) {
      JsonNode m = doc.at("/components/messages/" + message);
      for (JsonNode example : m.get("examples")) {
        assertThat(validate(factory, doc, m.get("payload"), example.get("payload")))
            .as(message + " " + example.get("name") + " payload")
            .isEmpty();
        assertThat(validate(factory, doc, m.get("headers"), example.get("headers")))
            .as(message + " " + example.get("name") + " headers")
            .isEmpty();
        checked++;
      }
    }
    assertThat(checked).isEqualTo(4);
  }

  /** Validates {@code value} against {@code schema} with its refs resolved inside the document. */
  private static Set<ValidationMessage> validate(
      JsonSchemaFactory factory, JsonNode doc, JsonNode schema, JsonNode value) {
    ObjectNode root = doc.deepCopy();
    root.remove(java.util.List.of("asyncapi", "info", "servers", "channels", "operations"));
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.putArray("allOf").add(schema.deepCopy());
    return factory.getSchema(root).validate(value);
  }

  /** So the example check can fail: an extra field, or a price as text, is reported. */
  @Test
  void givenAWrongPayload_theMessageSchema_reportsIt() throws Exception {
    JsonNode doc = document();
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    JsonNode message = doc.at("/components/messages/PriceEvent");
    ObjectNode payload = (ObjectNode) message.get("examples").get(0).get("payload").deepCopy();
    assertThat(validate(factory, doc, message.get("payload"), payload)).isEmpty();

    ObjectNode extra = payload.deepCopy().put("colour", "red");
    ObjectNode priceAsText = payload.deepCopy().put("price", "150.25");
    ObjectNode noEventId = ((ObjectNode) message.get("examples").get(0).get("headers")).deepCopy();
    noEventId.remove("event_id");

    assertThat(validate(factory, doc, message.get("payload"), extra)).isNotEmpty();
    assertThat(validate(factory, doc, message.get("payload"), priceAsText)).isNotEmpty();
    assertThat(validate(factory, doc, message.get("headers"), noEventId)).isNotEmpty();
  }

  @Test
  void docsCopy_isByteForByteTheServedDocument() throws Exception {
    byte[] served = DocsRoutes.resource(DocsRoutes.ASYNCAPI_RESOURCE);
    byte[] published = Files.readAllBytes(Path.of("../docs/asyncapi.yaml"));
    assertThat(published)
        .as("docs/asyncapi.yaml must be a copy of adapters-http/src/main/resources/asyncapi.yaml")
        .isEqualTo(served);
  }

  @Test
  void asyncApiRoute_servesTheDocumentAsYaml(Vertx vertx) throws Exception {
    ApiHarness api = new ApiHarness(vertx).start();
    RawHttp.Response r = RawHttp.get(api.port(), "/asyncapi.yaml");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/yaml");
    assertThat(YAML.readTree(r.body())).isEqualTo(document());
    assertThat(JSON.writeValueAsString(document())).contains("price-events.dlq");
  }
}
