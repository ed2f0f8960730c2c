package dev.marketdata.adapter.kafka;

import dev.marketdata.domain.failure.DependencyUnavailable;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Says in plain words why the broker turned a client away: credentials refused, TLS handshake
 * failed or an operation not allowed, with how the clients were told to authenticate. Kafka's own
 * messages name the mechanism, never the secret, and no secret is added here.
 */
final class KafkaFailures {
  private KafkaFailures() {}

  /** A {@link DependencyUnavailable} saying what was refused, or {@code failure} as it is. */
  static Throwable explain(Throwable failure, KafkaSettings settings) {
    String security = settings.clientProperties().describeSecurity();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SslAuthenticationException) {
        return new DependencyUnavailable(
            "kafka",
            "TLS handshake with the broker failed ("
                + security
                + "); check the trust store and the broker's certificate: "
                + t.getMessage(),
            failure);
      }
      if (t instanceof AuthenticationException) {
        return new DependencyUnavailable(
            "kafka",
            "authentication failed: the broker refused this client's credentials ("
                + security
                + "): "
                + t.getMessage(),
            failure);
      }
      if (t instanceof AuthorizationException) {
        return new DependencyUnavailable(
            "kafka",
            "not authorized: the broker's ACLs refuse this client ("
                + security
                + "): "
                + t.getMessage(),
            failure);
      }
    }
    return failure;
  }
}
