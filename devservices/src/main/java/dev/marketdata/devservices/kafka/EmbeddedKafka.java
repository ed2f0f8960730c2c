package dev.marketdata.devservices.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM,
 * for dev mode and tests. It can be stopped and started again on the same port and data directory,
 * so tests can take the broker away and bring it back with its data.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;

  private final Path dataDir;
  private final boolean ownsDataDir;
  private final int brokerPort;
  private final int controllerPort;
  private final KafkaConfig config;
  private KafkaRaftServer server;

  private EmbeddedKafka(Path dataDir, boolean ownsDataDir, int brokerPort, int controllerPort) {
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.config = new KafkaConfig(brokerProperties(), false);
  }

  /** Formats a fresh temporary data directory and starts a broker on free ports. */
  public static EmbeddedKafka start() {
    try {
      Path dir = Files.createTempDirectory("mds-kafka-");
      return start(dir, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Kafka data directory", e);
    }
  }

  /**
   * Starts a broker over {@code dataDir}, formatting it first when it holds no cluster yet; the
   * directory is kept on {@link #close()}.
   */
  public static EmbeddedKafka start(Path dataDir) {
    return start(dataDir, false);
  }

  private static EmbeddedKafka start(Path dataDir, boolean ownsDataDir) {
    int[] ports = freePorts(2);
    EmbeddedKafka kafka = new EmbeddedKafka(dataDir, ownsDataDir, ports[0], ports[1]);
    kafka.format();
    kafka.startServer();
    return kafka;
  }

  /** The {@code bootstrap.servers} value clients use; unchanged across {@link #restart()}. */
  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Shuts the broker down and waits until it has; its port and data stay reserved for it. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    KafkaRaftServer running = server;
    server = null;
    running.shutdown();
    running.awaitShutdown();
    log.info("Kafka broker stopped: bootstrap={}", bootstrapServers());
  }

  /** Starts the broker again on the same port and data directory (stopping it first if needed). */
  public synchronized void restart() {
    stop();
    startServer();
  }

  @Override
  public synchronized void close() {
    stop();
    if (ownsDataDir) {
      deleteRecursively(dataDir);
    }
  }

  private synchronized void startServer() {
    if (server != null) {
      return;
    }
    KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      started.startup();
    } catch (RuntimeException e) {
      started.shutdown();
      started.awaitShutdown();
      throw e;
    }
    server = started;
    log.info("Kafka broker started: bootstrap={} dataDir={}", bootstrapServers(), dataDir);
  }

  private void format() {
    if (Files.exists(dataDir.resolve("meta.properties"))) {
      return; // formatted by an earlier run: keep its cluster id and data
    }
    // The formatter reports on a PrintStream; capture it so the log stays quiet.
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(out)
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(dataDir.toString())
          .setDirectories(List.of(dataDir.toString()))
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka data directory " + dataDir, e);
    }
    log.debug("Kafka storage formatted: {}", report.toString(StandardCharsets.UTF_8).strip());
  }

  private Map<String, Object> brokerProperties() {
    Map<String, Object> p = new HashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.toString());
    p.put("metadata.log.dir", dataDir.toString());
    // One node: every internal topic has a single replica; keep them small so start-up is quick.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // Topics are created on purpose (by the application or the test), never by a typo.
    p.put("auto.create.topics.enable", "false");
    p.put("log.flush.interval.messages", "1");
    p.put("controlled.shutdown.enable", "true");
    return p;
  }

  private static int[] freePorts(int count) {
    // Holds every socket until all are chosen so the ports differ; they are free again when the
    // broker binds them a moment later.
    ServerSocket[] sockets = new ServerSocket[count];
    int[] ports = new int[count];
    try {
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 50, InetAddress.getByName(HOST));
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports for Kafka", e);
    } finally {
      for (ServerSocket s : sockets) {
        closeQuietly(s);
      }
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      log.warn("cannot close probe socket on port {}", socket.getLocalPort(), e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(EmbeddedKafka::deleteOne);
    } catch (IOException e) {
      log.warn("cannot delete Kafka data directory {}", dir, e);
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("cannot delete {}", path, e);
    }
  }
}
