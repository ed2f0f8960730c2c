package dev.marketdata.adapter.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Answers whether the brokers can be reached now, for readiness checks. */
public final class KafkaClusterProbe implements AutoCloseable {
  private final KafkaAdminClient admin;
  private final KafkaSettings settings;

  public KafkaClusterProbe(Vertx vertx, KafkaSettings settings) {
    Map<String, String> config = new HashMap<>(settings.adminConfig());
    // A readiness probe must answer quickly; an unreachable broker is simply "down".
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "1500");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "1800");
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.clientId() + "-probe");
    this.admin = KafkaAdminClient.create(vertx, config);
    this.settings = settings;
  }

  /**
   * Succeeds with true when the cluster answered with at least one broker; a broker that refuses
   * our credentials or TLS handshake fails it with a message that says so.
   */
  public Future<Boolean> reachable() {
    return admin
        .describeCluster()
        .map(cluster -> !cluster.getNodes().isEmpty())
        .recover(failure -> Future.failedFuture(KafkaFailures.explain(failure, settings)));
  }

  @Override
  public void close() {
    admin.close();
  }
}
