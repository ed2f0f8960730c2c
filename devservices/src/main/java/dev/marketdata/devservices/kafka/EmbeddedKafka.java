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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM,
 * for dev mode and tests. It can be stopped and started again on the same port and data directory,
 * so tests can take the broker away and bring it back with its data.
 *
 * <p>Its {@code PLAINTEXT} listener is always there (the one between broker and controller too);
 * {@link #builder()} adds listeners that speak SASL or TLS like a managed cluster: SASL uses
 * SCRAM-SHA-512, whose users are written into the metadata when the data directory is formatted (as
 * {@code kafka-storage format --add-scram} does, the way KRaft takes SCRAM users before the first
 * start), and TLS uses the PKCS12 key store given.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;

  static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

  private final Path dataDir;
  private final boolean ownsDataDir;
  private final Map<SecurityProtocol, Integer> ports; // PLAINTEXT first, in listener order
  private final int controllerPort;
  private final Map<String, String> scramUsers;
  private final Keystore keystore; // null without a TLS listener
  private final KafkaConfig config;
  private KafkaRaftServer server;

  private EmbeddedKafka(Builder builder, Path dataDir, boolean ownsDataDir) {
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.scramUsers = Map.copyOf(builder.scramUsers);
    this.keystore = builder.keystore;
    int[] free = freePorts(builder.listeners.size() + 1);
    this.ports = new LinkedHashMap<>();
    int i = 0;
    for (SecurityProtocol protocol : builder.listeners) {
      ports.put(protocol, free[i++]);
    }
    this.controllerPort = free[i];
    this.config = new KafkaConfig(brokerProperties(), false);
  }

  /**
   * A broker with more listeners than {@code PLAINTEXT}: SASL ones need {@link Builder#scramUser},
   * TLS ones {@link Builder#keystore}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** What to start: which listeners, which SCRAM users, which key store, where the data lives. */
  public static final class Builder {
    private final Set<SecurityProtocol> listeners = EnumSet.of(SecurityProtocol.PLAINTEXT);
    private final Map<String, String> scramUsers = new LinkedHashMap<>();
    private Keystore keystore;
    private Path dataDir;

    private Builder() {}

    /** Adds a listener speaking {@code protocol}, on a port of its own. */
    public Builder listener(SecurityProtocol protocol) {
      listeners.add(Objects.requireNonNull(protocol, "protocol"));
      return this;
    }

    /** A SCRAM-SHA-512 user the SASL listeners accept. */
    public Builder scramUser(String user, String password) {
      // The storage formatter reads them from "[name=...,password=...]".
      if (!user.matches("[A-Za-z0-9._-]+") || !password.matches("[A-Za-z0-9._~!@#%^*+-]+")) {
        throw new IllegalArgumentException(
            "SCRAM user and password must avoid quotes, commas, brackets and spaces");
      }
      scramUsers.put(user, password);
      return this;
    }

    /** The PKCS12 store holding the key and certificate the TLS listeners present. */
    public Builder keystore(Path location, String password) {
      keystore = new Keystore(location.toAbsolutePath(), password);
      return this;
    }

    /** Keeps the data in {@code dir} (formatted on first use, kept on close). */
    public Builder dataDir(Path dir) {
      dataDir = dir;
      return this;
    }

    /** Formats the data directory when new and starts the broker on free ports. */
    public EmbeddedKafka start() {
      boolean sasl =
          listeners.contains(SecurityProtocol.SASL_PLAINTEXT)
              || listeners.contains(SecurityProtocol.SASL_SSL);
      boolean tls =
          listeners.contains(SecurityProtocol.SSL) || listeners.contains(SecurityProtocol.SASL_SSL);
      if (sasl && scramUsers.isEmpty()) {
        throw new IllegalStateException("a SASL listener needs at least one scramUser");
      }
      if (tls && keystore == null) {
        throw new IllegalStateException("a TLS listener needs a keystore");
      }
      Path dir = dataDir;
      boolean owns = false;
      if (dir == null) {
        try {
          dir = Files.createTempDirectory("mds-kafka-");
          owns = true;
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create a Kafka data directory", e);
        }
      }
      EmbeddedKafka kafka = new EmbeddedKafka(this, dir, owns);
      kafka.format();
      kafka.startServer();
      return kafka;
    }
  }

  private record Keystore(Path location, String password) {
    @Override
    public String toString() {
      return "Keystore[" + location + "]";
    }
  }

  /** Formats a fresh temporary data directory and starts a broker on free ports. */
  public static EmbeddedKafka start() {
    return builder().start();
  }

  /**
   * Starts a broker over {@code dataDir}, formatting it first when it holds no cluster yet; the
   * directory is kept on {@link #close()}.
   */
  public static EmbeddedKafka start(Path dataDir) {
    return builder().dataDir(dataDir).start();
  }

  /**
   * The {@code bootstrap.servers} value of the {@code PLAINTEXT} listener; unchanged across {@link
   * #restart()}.
   */
  public String bootstrapServers() {
    return bootstrapServers(SecurityProtocol.PLAINTEXT);
  }

  /** The {@code bootstrap.servers} value of the listener speaking {@code protocol}. */
  public String bootstrapServers(SecurityProtocol protocol) {
    Integer port = ports.get(protocol);
    if (port == null) {
      throw new IllegalArgumentException("this broker has no " + protocol + " listener");
    }
    return HOST + ":" + port;
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
          .setScramArguments(scramArguments())
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka data directory " + dataDir, e);
    }
    log.debug("Kafka storage formatted: {}", report.toString(StandardCharsets.UTF_8).strip());
  }

  private List<String> scramArguments() {
    List<String> arguments = new ArrayList<>();
    scramUsers.forEach(
        (user, password) ->
            arguments.add(SCRAM_MECHANISM + "=[name=" + user + ",password=" + password + "]"));
    return arguments;
  }

  private Map<String, Object> brokerProperties() {
    Map<String, Object> p = new HashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    // Each listener is named after its protocol: PLAINTEXT, SASL_PLAINTEXT, SSL, SASL_SSL.
    String advertised =
        ports.entrySet().stream()
            .map(e -> e.getKey().name + "://" + HOST + ":" + e.getValue())
            .collect(Collectors.joining(","));
    p.put("listeners", advertised + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", advertised);
    p.put(
        "listener.security.protocol.map",
        ports.keySet().stream().map(k -> k.name + ":" + k.name).collect(Collectors.joining(","))
            + ",CONTROLLER:PLAINTEXT");
    for (SecurityProtocol protocol : ports.keySet()) {
      if (protocol == SecurityProtocol.SASL_PLAINTEXT || protocol == SecurityProtocol.SASL_SSL) {
        String prefix = "listener.name." + protocol.name.toLowerCase(Locale.ROOT) + ".";
        p.put(prefix + "sasl.enabled.mechanisms", SCRAM_MECHANISM);
        p.put(
            prefix + SCRAM_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      }
    }
    if (keystore != null) {
      p.put("ssl.keystore.type", "PKCS12");
      p.put("ssl.keystore.location", keystore.location().toString());
      p.put("ssl.keystore.password", keystore.password());
      p.put("ssl.key.password", keystore.password());
    }
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
    // No forced flush per message (Kafka's own default): the page cache survives the process
    // being killed, so only an OS crash could lose acknowledged records, and the embedded
    // PostgreSQL beside it runs with synchronous_commit=off, which makes the same trade. Forcing a
    // flush per message made every relay step wait for about ten fsyncs (jdk.FileForce was 10.9 s
    // of a 62 s recording at 20,000 polled symbols). A real cluster keeps records by replication.
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
