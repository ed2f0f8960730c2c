package dev.marketdata.bootstrap.config;

import dev.marketdata.bootstrap.config.ServiceConfig.Tracing;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tracing settings: the standard OpenTelemetry variables the SDK's autoconfiguration would
 * read, read here instead with every other setting (so a bad one stops the start with the others,
 * and the README table lists them) and handed to the SDK by {@code Telemetry}.
 */
final class TracingParser {
  private TracingParser() {}

  static Tracing read(ConfigReader r) {
    Optional<URI> endpoint = r.optional("OTEL_EXPORTER_OTLP_ENDPOINT", TracingParser::endpoint);
    Tracing.Protocol protocol =
        r.value("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", TracingParser::protocol);
    Map<String, String> headers = headers(r);
    String serviceName = r.text("OTEL_SERVICE_NAME", "market-data-service");
    double ratio = r.decimal("OTEL_TRACES_SAMPLER_ARG", 1.0, 0.0, 1.0);
    return new Tracing(endpoint, protocol, headers, serviceName, ratio);
  }

  static URI endpoint(String text) {
    try {
      URI uri = new URI(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "must be an http(s) URL of an OTLP collector, such as http://jaeger:4318");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "must be an http(s) URL of an OTLP collector, such as http://jaeger:4318");
    }
  }

  static Tracing.Protocol protocol(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "http/protobuf" -> Tracing.Protocol.HTTP_PROTOBUF;
      case "grpc" -> Tracing.Protocol.GRPC;
      default -> throw new IllegalArgumentException("must be http/protobuf or grpc");
    };
  }

  /**
   * The export headers. They usually hold a backend's key, so a bad value is refused without being
   * repeated in the message (it would be printed on stderr).
   */
  private static Map<String, String> headers(ConfigReader r) {
    String name = "OTEL_EXPORTER_OTLP_HEADERS";
    Optional<String> raw = r.optional(name);
    if (raw.isEmpty()) {
      return Map.of();
    }
    try {
      return headers(raw.get());
    } catch (IllegalArgumentException e) {
      r.reject(name, "(not shown: it may hold a key)", e.getMessage());
      return Map.of();
    }
  }

  /** {@code key=value,key2=value2}, values percent-decoded as the OTLP exporter spec says. */
  static Map<String, String> headers(String text) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("must be key=value pairs separated by commas");
      }
      headers.put(
          pair.substring(0, eq).strip(),
          java.net.URLDecoder.decode(
              pair.substring(eq + 1).strip(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return headers;
  }
}
