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

/**
 * Where settings come from: environment variables, over an optional properties file named by {@code
 * MDS_CONFIG_FILE} that uses the same names ({@code MDS_HTTP_PORT=8080}).
 */
public final class ConfigSource {
  private final Map<String, String> values;

  private ConfigSource(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static ConfigSource of(Map<String, String> values) {
    return new ConfigSource(values);
  }

  /** The process environment over the file {@code MDS_CONFIG_FILE} names, if any. */
  public static ConfigSource fromEnvironment(Map<String, String> env) {
    Map<String, String> merged = new HashMap<>();
    String file = env.get("MDS_CONFIG_FILE");
    if (file != null && !file.isBlank()) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new ConfigException("MDS_CONFIG_FILE", file, "cannot be read: " + e.getMessage());
      }
      properties.stringPropertyNames().forEach(k -> merged.put(k, properties.getProperty(k)));
    }
    env.forEach(merged::put);
    return new ConfigSource(merged);
  }

  /** Every setting, for adapters that read their own (such as provider keys and budgets). */
  public Map<String, String> asMap() {
    return values;
  }

  public Optional<String> get(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  public String get(String name, String fallback) {
    return get(name).orElse(fallback);
  }

  public int getInt(String name, int fallback, int min, int max) {
    Optional<String> raw = get(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw new ConfigException(name, raw.get(), "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(name, raw.get(), "must be a whole number");
    }
  }

  public boolean getBoolean(String name, boolean fallback) {
    Optional<String> raw = get(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(name, raw.get(), "must be true or false");
    };
  }
}
