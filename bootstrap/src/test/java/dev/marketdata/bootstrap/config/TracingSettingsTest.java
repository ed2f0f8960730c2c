package dev.marketdata.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.bootstrap.config.ServiceConfig.Tracing;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingSettingsTest {
  private static Tracing tracing(Map<String, String> env) {
    return ServiceConfig.from(ConfigSource.of(env)).tracing();
  }

  @Test
  void givenNoEndpoint_tracing_isOff() {
    Tracing off = tracing(Map.of());

    assertThat(off.enabled()).isFalse();
    assertThat(off.protocol()).isEqualTo(Tracing.Protocol.HTTP_PROTOBUF);
    assertThat(off.serviceName()).isEqualTo("market-data-service");
    assertThat(off.sampleRatio()).isEqualTo(1.0);
    assertThat(tracing(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "")).enabled()).isFalse();
  }

  @Test
  void givenTheStandardVariables_tracing_readsThem() {
    Tracing on =
        tracing(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
                "OTEL_EXPORTER_OTLP_HEADERS", "api-key=s%3Dcret,tenant=mds",
                "OTEL_SERVICE_NAME", "mds-api",
                "OTEL_TRACES_SAMPLER_ARG", "0.25"));

    assertThat(on.enabled()).isTrue();
    assertThat(on.otlpEndpoint()).contains(URI.create("http://jaeger:4317"));
    assertThat(on.protocol()).isEqualTo(Tracing.Protocol.GRPC);
    assertThat(on.headers())
        .containsExactly(Map.entry("api-key", "s=cret"), Map.entry("tenant", "mds"));
    assertThat(on.serviceName()).isEqualTo("mds-api");
    assertThat(on.sampleRatio()).isEqualTo(0.25);
    assertThat(on.toString()).doesNotContain("s=cret");
  }

  @Test
  void givenMalformedHeaders_theRefusal_doesNotRepeatTheirValue() {
    assertThatThrownBy(() -> tracing(Map.of("OTEL_EXPORTER_OTLP_HEADERS", "api-key s3cr3t-value")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS")
        .hasMessageNotContaining("s3cr3t-value");
  }

  @Test
  void givenNonsense_config_isRejectedNamingTheVariable() {
    for (Map.Entry<String, String> bad :
        Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "jaeger:4318",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/json",
                "OTEL_EXPORTER_OTLP_HEADERS", "no-equals-sign",
                "OTEL_TRACES_SAMPLER_ARG", "1.5")
            .entrySet()) {
      assertThatThrownBy(() -> tracing(Map.of(bad.getKey(), bad.getValue())))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(bad.getKey());
    }
  }
}
