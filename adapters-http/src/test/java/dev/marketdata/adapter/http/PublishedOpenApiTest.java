package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The OpenAPI document in docs/ is the very one the service serves at /openapi.yaml. */
class PublishedOpenApiTest {
  @Test
  void docsCopy_isByteForByteTheServedDocument() throws Exception {
    byte[] served;
    try (InputStream in = HttpApi.class.getResourceAsStream("/openapi.yaml")) {
      assertThat(in).as("openapi.yaml on the classpath").isNotNull();
      served = in.readAllBytes();
    }
    byte[] published = Files.readAllBytes(Path.of("../docs/openapi.yaml"));
    assertThat(published)
        .as("docs/openapi.yaml must be a copy of adapters-http/src/main/resources/openapi.yaml")
        .isEqualTo(served);
  }
}
