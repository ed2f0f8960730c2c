package dev.marketdata.devservices.kafka;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test sees of the shared broker: where it is, uniquely named topics for the test class, and
 * (with the in-JVM broker only) stopping and restarting it.
 */
public final class TestKafka {
  /** Environment variable naming an external broker's bootstrap servers to test against. */
  public static final String EXTERNAL_ENV = "MDS_TEST_KAFKA_BOOTSTRAP_SERVERS";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final KafkaBrokerHolder broker;
  private final String owner;

  TestKafka(KafkaBrokerHolder broker, String owner) {
    this.broker = broker;
    this.owner = owner;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** A topic name no other test (nor an earlier run on an external broker) uses. */
  public String uniqueTopicName(String base) {
    String nonce = UUID.randomUUID().toString().substring(0, 8);
    return base + "." + owner + "." + SEQUENCE.incrementAndGet() + "." + nonce;
  }

  /** Creates a uniquely named topic with {@code partitions} partitions and returns its name. */
  public String createTopic(String base, int partitions) {
    String name = uniqueTopicName(base);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + name, e);
    }
    return name;
  }

  /** True when the broker runs in this JVM and so can be stopped and restarted. */
  public boolean restartable() {
    return broker.embedded() != null;
  }

  /** Stops the in-JVM broker; skips the calling test when the broker is external. */
  public void stopBroker() {
    embeddedOrSkip().stop();
  }

  /** Starts the in-JVM broker again on the same port and data; skips when it is external. */
  public void startBroker() {
    EmbeddedKafka kafka = embeddedOrSkip();
    if (!kafka.isRunning()) {
      kafka.restart();
    }
  }

  private EmbeddedKafka embeddedOrSkip() {
    Assumptions.assumeTrue(
        restartable(),
        "this test stops and restarts the broker, which only works with the in-JVM broker; "
            + EXTERNAL_ENV
            + " points at an external one");
    return broker.embedded();
  }
}
