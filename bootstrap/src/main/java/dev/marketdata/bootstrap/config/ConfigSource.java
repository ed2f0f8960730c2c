package dev.marketdata.bootstrap.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where settings come from: environment variables, over an optional properties file named by {@code
 * MDS_CONFIG_FILE} that uses the same names ({@code MDS_HTTP_PORT=8080}). Raw text only; {@link
 * ConfigParser} gives it types.
 */
public final class ConfigSource {
  static final String CONFIG_FILE = "MDS_CONFIG_FILE";

  private final Map<String, String> values;

  private ConfigSource(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static ConfigSource of(Map<String, String> values) {
    return new ConfigSource(values);
  }

  /**
   * This process's environment over the file {@code MDS_CONFIG_FILE} names, if any: the only read
   * of the environment in the service.
   */
  public static ConfigSource fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** {@code env} over the file {@code MDS_CONFIG_FILE} names, if any. */
  public static ConfigSource fromEnvironment(Map<String, String> env) {
    Map<String, String> merged = new HashMap<>();
    String file = env.get(CONFIG_FILE);
    if (file != null && !file.isBlank()) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(Path.of(file.strip()), StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(CONFIG_FILE, file, "cannot be read: " + e);
      }
      properties.stringPropertyNames().forEach(k -> merged.put(k, properties.getProperty(k)));
    }
    env.forEach(merged::put);
    return new ConfigSource(merged);
  }

  /** The value as given, blank included; empty when the variable is not set at all. */
  Optional<String> raw(String name) {
    return Optional.ofNullable(values.get(name));
  }

  Set<String> names() {
    return values.keySet();
  }
}
