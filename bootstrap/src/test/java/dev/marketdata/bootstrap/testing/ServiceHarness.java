package dev.marketdata.bootstrap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketdata.adapter.kafka.RecordContractInterceptor;
import dev.marketdata.bootstrap.MarketDataService;
import dev.marketdata.bootstrap.config.ConfigSource;
import dev.marketdata.bootstrap.config.ServiceConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real service in this JVM and talks to it the way a user would: HTTP and SQL. */
public final class ServiceHarness implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final MarketDataService service;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ServiceHarness(MarketDataService service) {
    this.service = service;
  }

  /**
   * Starts the service with {@code env}; on a test broker ({@code MDS_KAFKA_BOOTSTRAP_SERVERS}) its
   * Kafka producers check every record they send against docs/asyncapi.yaml
   * (RecordContractInterceptor; a mismatch fails the test).
   */
  public static ServiceHarness start(Map<String, String> env) {
    Map<String, String> checked = new java.util.HashMap<>(env);
    if (env.containsKey("MDS_KAFKA_BOOTSTRAP_SERVERS")) {
      // Client properties apply to an external broker only (embedded mode refuses them).
      checked.putIfAbsent(CONTRACT_CHECK, RecordContractInterceptor.class.getName());
    }
    return new ServiceHarness(
        MarketDataService.start(ServiceConfig.from(ConfigSource.of(checked))));
  }

  /** As {@link #start(Map)}, tracing into {@code telemetry} (the caller closes it). */
  public static ServiceHarness start(
      Map<String, String> env, io.opentelemetry.api.OpenTelemetry telemetry) {
    return new ServiceHarness(
        MarketDataService.start(ServiceConfig.from(ConfigSource.of(env)), telemetry));
  }

  private static final String CONTRACT_CHECK = "MDS_KAFKA_CLIENT_INTERCEPTOR_CLASSES";

  public record Reply(int status, String contentType, JsonNode body, HttpResponse<String> raw) {}

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** A GET with these extra headers (name, value, name, value, ...). */
  public Reply get(String path, String... headers) {
    return send(HttpRequest.newBuilder(uri(path)).GET().headers(headers));
  }

  public Reply post(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + service.httpPort() + path);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          body.isEmpty() ? null : JSON.readTree(body),
          response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public long count(String sql) {
    return query(sql, rs -> rs.getLong(1)).get(0);
  }

  public List<BigDecimal> decimals(String sql) {
    return query(sql, rs -> rs.getBigDecimal(1));
  }

  public interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  public <T> List<T> query(String sql, Row<T> row) {
    var db = service.database();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.read(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The running service, for tests that need more than HTTP and SQL. */
  public MarketDataService service() {
    return service;
  }

  @Override
  public void close() {
    service.close();
  }
}
