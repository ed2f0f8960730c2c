package dev.marketdata.bootstrap.config;

import dev.marketdata.adapter.kafka.KafkaClientProperties;
import dev.marketdata.adapter.persistence.PgUrl;
import dev.marketdata.bootstrap.config.ServiceConfig.Database;
import dev.marketdata.bootstrap.config.ServiceConfig.Kafka;
import dev.marketdata.domain.failure.InvalidInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The database's and the broker's part of the configuration: where they are, the credentials beside
 * the database URL, and the Kafka client properties ({@code MDS_KAFKA_CLIENT_<NAME>}). Secret
 * values never appear in a refusal.
 */
final class ConnectionsParser {
  static final String KAFKA_CLIENT = "MDS_KAFKA_CLIENT_";
  private static final String HIDDEN = "(hidden)";

  /** Kafka properties that have a setting of their own, named in the refusal. */
  private static final Map<String, String> OWN_SETTING =
      Map.of(
          "bootstrap.servers", "MDS_KAFKA_BOOTSTRAP_SERVERS",
          "max.poll.records", "MDS_CONSUMER_MAX_POLL_RECORDS",
          "client.id", "MDS_INSTANCE_ID");

  private ConnectionsParser() {}

  static Database database(ConfigReader r) {
    Optional<PgUrl> url = r.optional("MDS_DATABASE_URL", ConnectionsParser::databaseUrl);
    // PgConnectionConfig's own bound: a larger pool used to fail only once started.
    int poolSize = r.integer("MDS_DATABASE_POOL_SIZE", 8, 1, 200);
    Optional<String> user = r.optional("MDS_DATABASE_USER");
    Optional<String> password = secret(r, "MDS_DATABASE_PASSWORD");
    Optional<String> passwordFile =
        r.optional("MDS_DATABASE_PASSWORD_FILE", ConnectionsParser::readSecretFile);
    if (password.isPresent() && passwordFile.isPresent()) {
      r.reject(
          "MDS_DATABASE_PASSWORD_FILE",
          r.rawOf("MDS_DATABASE_PASSWORD_FILE"),
          "cannot be used with MDS_DATABASE_PASSWORD; set one of them");
    }
    if (r.rawOf("MDS_DATABASE_URL").isBlank()) {
      for (String beside :
          new String[] {
            "MDS_DATABASE_USER", "MDS_DATABASE_PASSWORD", "MDS_DATABASE_PASSWORD_FILE"
          }) {
        if (!r.rawOf(beside).isBlank()) {
          r.reject(
              beside,
              beside.equals("MDS_DATABASE_USER") ? r.rawOf(beside) : HIDDEN,
              "applies to MDS_DATABASE_URL, which is not set (the embedded PostgreSQL needs none)");
        }
      }
    }
    if (url.isPresent() && url.get().user().isEmpty() && user.isEmpty()) {
      r.reject(
          "MDS_DATABASE_URL",
          r.rawOf("MDS_DATABASE_URL"),
          "names no user: write postgresql://user@host/db or set MDS_DATABASE_USER");
    }
    return new Database(
        url.map(parsed -> r.rawOf("MDS_DATABASE_URL").strip()),
        poolSize,
        user,
        password.or(() -> passwordFile));
  }

  static Kafka kafka(ConfigReader r) {
    Optional<String> bootstrapServers = r.optional("MDS_KAFKA_BOOTSTRAP_SERVERS");
    int partitions = r.integer("MDS_KAFKA_PARTITIONS", 3, 1, 1000);
    short replicationFactor = (short) r.integer("MDS_KAFKA_REPLICATION_FACTOR", 1, 1, 10);
    Map<String, String> properties = new HashMap<>();
    r.family(KAFKA_CLIENT)
        .forEach(
            (variable, value) -> {
              String name = propertyName(variable.substring(KAFKA_CLIENT.length()));
              if (name == null) {
                r.reject(
                    variable,
                    HIDDEN,
                    "is not a property name: after "
                        + KAFKA_CLIENT
                        + ", _ is a dot, __ an underscore and ___ a dash"
                        + " (MDS_KAFKA_CLIENT_SASL_MECHANISM is sasl.mechanism)");
                return;
              }
              String shown = KafkaClientProperties.isSecret(name) ? HIDDEN : value;
              if (bootstrapServers.isEmpty()) {
                r.reject(
                    variable,
                    shown,
                    "applies to MDS_KAFKA_BOOTSTRAP_SERVERS, which is not set (the embedded broker"
                        + " speaks PLAINTEXT)");
                return;
              }
              try {
                KafkaClientProperties.check(name, value);
                properties.put(name, value);
              } catch (InvalidInput e) {
                String own = OWN_SETTING.get(name);
                r.reject(
                    variable,
                    shown,
                    "(Kafka's " + name + ") " + e.reason() + (own == null ? "" : ": use " + own));
              }
            });
    return new Kafka(
        bootstrapServers, partitions, replicationFactor, KafkaClientProperties.of(properties));
  }

  /**
   * The Kafka property a variable's suffix stands for, as the Kafka container images map
   * environment variables: {@code _} is a dot, {@code __} an underscore, {@code ___} a dash, and
   * the name is lower case; null for a suffix that maps to no name.
   */
  static String propertyName(String suffix) {
    if (!suffix.matches("[A-Z0-9_]+")) {
      return null;
    }
    StringBuilder name = new StringBuilder();
    int i = 0;
    while (i < suffix.length()) {
      char c = suffix.charAt(i);
      if (c != '_') {
        name.append(Character.toLowerCase(c));
        i++;
        continue;
      }
      int run = 0;
      while (i < suffix.length() && suffix.charAt(i) == '_') {
        run++;
        i++;
      }
      if (run > 3) {
        return null;
      }
      name.append(run == 1 ? '.' : run == 2 ? '_' : '-');
    }
    String property = name.toString();
    return property.startsWith(".") || property.endsWith(".") ? null : property;
  }

  private static PgUrl databaseUrl(String url) {
    PgUrl parsed;
    try {
      parsed = PgUrl.parse(url);
    } catch (InvalidInput e) {
      throw new IllegalArgumentException(e.reason());
    }
    parsed
        .rootCertificate()
        .filter(path -> !Files.isReadable(path))
        .ifPresent(
            path -> {
              throw new IllegalArgumentException(
                  "names sslrootcert=" + path + ", which cannot be read");
            });
    return parsed;
  }

  /** An optional secret: like {@link ConfigReader#optional}, its value never in a refusal. */
  private static Optional<String> secret(ConfigReader r, String name) {
    return r.optional(name).map(value -> r.rawOf(name));
  }

  /** The password in {@code file} (a container secret), without the line break it may end with. */
  private static String readSecretFile(String file) {
    String content;
    try {
      content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | InvalidPathException e) {
      throw new IllegalArgumentException("must name a readable file");
    }
    String password = content.replaceFirst("(\r?\n)+$", "");
    if (password.isEmpty()) {
      throw new IllegalArgumentException("names an empty file");
    }
    return password;
  }
}
