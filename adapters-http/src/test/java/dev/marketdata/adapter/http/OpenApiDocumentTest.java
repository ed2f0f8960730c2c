package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OpenApiDocumentTest {
  static JsonNode document() throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(DocsRoutes.resource("openapi.yaml"));
  }

  @Test
  void everyRouteOfTheRouter_isDocumented(Vertx vertx) throws Exception {
    ApiHarness harness = new ApiHarness(vertx);
    HttpApi api = harness.api();
    Router router = api.router(vertx);
    JsonNode paths = document().get("paths");

    List<String> missing = new ArrayList<>();
    int documented = 0;
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null
          || route.methods() == null
          || path.startsWith("/docs/")
          || path.startsWith("/assets/")) {
        // catch-all handlers, Swagger UI's own files (documented as part of /docs) and the live
        // page's (as part of /)
        continue;
      }
      String openApiPath = path.replaceAll(":([a-z_]+)", "{$1}");
      for (HttpMethod method : route.methods()) {
        JsonNode op = paths.path(openApiPath).path(method.name().toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
          missing.add(method + " " + openApiPath);
        } else {
          documented++;
        }
      }
    }
    assertThat(missing).isEmpty();
    assertThat(documented).as("routes the router serves").isEqualTo(24);
  }

  /** Keywords a property schema here may use; anything else is text that YAML split off. */
  static final Set<String> SCHEMA_KEYWORDS =
      Set.of(
          "type",
          "format",
          "description",
          "enum",
          "const",
          "pattern",
          "minimum",
          "maximum",
          "minItems",
          "maxItems",
          "items",
          "$ref",
          "properties",
          "required",
          "default",
          "additionalProperties",
          "example",
          "examples",
          "nullable",
          "allOf",
          "oneOf",
          "anyOf");

  @Test
  void everyOperation_declaresItsSecurity_publicOnesAsEmpty() throws Exception {
    List<String> undeclared = new ArrayList<>();
    document()
        .get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          if (!op.getKey().equals("parameters") && !op.getValue().has("security")) {
                            undeclared.add(op.getKey() + " " + path.getKey());
                          }
                        }));
    assertThat(undeclared).isEmpty();
  }

  @Test
  void everySchemaProperty_usesOnlySchemaKeywords() throws Exception {
    // A comma inside an unquoted flow-mapping description splits off a stray "property".
    List<String> stray = new ArrayList<>();
    document()
        .get("components")
        .get("schemas")
        .fields()
        .forEachRemaining(
            schema ->
                schema
                    .getValue()
                    .path("properties")
                    .fields()
                    .forEachRemaining(
                        property ->
                            property
                                .getValue()
                                .fieldNames()
                                .forEachRemaining(
                                    key -> {
                                      if (!SCHEMA_KEYWORDS.contains(key)) {
                                        stray.add(
                                            schema.getKey() + "." + property.getKey() + ": " + key);
                                      }
                                    })));
    assertThat(stray).isEmpty();
  }

  @Test
  void everyOperation_documentsResponsesAndEveryReferenceResolves() throws Exception {
    JsonNode doc = document();
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    doc.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          if (!op.getKey().equals("parameters")) {
                            assertThat(op.getValue().path("responses").size())
                                .as(path.getKey() + " " + op.getKey())
                                .isGreaterThanOrEqualTo(2);
                          }
                        }));
    Matcher refs = Pattern.compile("\\$ref\": ?\"#/([^\"]+)\"").matcher(doc.toString());
    while (refs.find()) {
      JsonNode target = doc.at("/" + refs.group(1));
      assertThat(target.isMissingNode()).as(refs.group(1)).isFalse();
    }
  }
}
