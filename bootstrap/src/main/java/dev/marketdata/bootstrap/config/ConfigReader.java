package dev.marketdata.bootstrap.config;

import dev.marketdata.bootstrap.config.ConfigException.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads typed values from a {@link ConfigSource}, noting every variable it was asked for (with the
 * default it falls back to) and every bad value, so that all problems are reported at once.
 *
 * <p>A variable with a default falls back to it when unset; set but blank, it is a problem (a
 * half-filled template should not silently mean something). A variable without a default is
 * optional: unset and blank both mean "not set", as {@code docker compose} passes {@code ${X:-}}.
 */
final class ConfigReader {
  /** A variable the service reads, and the literal default it has (empty: optional, or derived). */
  record Setting(String name, Optional<String> defaultValue) {
    /** Ends the name of a family of variables: {@code MDS_KAFKA_CLIENT_<NAME>}. */
    static final String ANY = "<NAME>";

    /** True when {@code variable} is this setting, or one of its family. */
    boolean covers(String variable) {
      return name.endsWith(ANY)
          ? variable.startsWith(name.substring(0, name.length() - ANY.length()))
          : name.equals(variable);
    }
  }

  private final ConfigSource source;
  private final Map<String, Setting> settings = new LinkedHashMap<>();
  private final List<Problem> problems = new ArrayList<>();

  ConfigReader(ConfigSource source) {
    this.source = source;
  }

  /**
   * The value of {@code name} parsed by {@code parse}, which reports a bad value by throwing an
   * {@link IllegalArgumentException} whose message says what it must be; {@code defaultValue} is
   * used when it is unset (and, after a problem, so that reading can go on).
   */
  <T> T value(String name, String defaultValue, Function<String, T> parse) {
    declare(name, Optional.of(defaultValue));
    Optional<String> raw = source.raw(name);
    if (raw.isEmpty()) {
      return parse.apply(defaultValue);
    }
    if (raw.get().isBlank()) {
      reject(name, raw.get(), "is blank; unset it for the default (" + defaultValue + ")");
      return parse.apply(defaultValue);
    }
    try {
      return parse.apply(raw.get().strip());
    } catch (IllegalArgumentException e) {
      reject(name, raw.get(), e.getMessage());
      return parse.apply(defaultValue);
    }
  }

  /** An optional value; {@code parse} as for {@link #value}. */
  <T> Optional<T> optional(String name, Function<String, T> parse) {
    declare(name, Optional.empty());
    Optional<String> raw = source.raw(name).map(String::strip).filter(s -> !s.isEmpty());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(raw.get()));
    } catch (IllegalArgumentException e) {
      reject(name, raw.get(), e.getMessage());
      return Optional.empty();
    }
  }

  Optional<String> optional(String name) {
    return optional(name, Function.identity());
  }

  /**
   * Every variable named {@code prefix} and more, by name, with its value; optional like {@link
   * #optional}, so a blank one is left out. The family is listed as one setting, {@code
   * prefix<NAME>}.
   */
  SortedMap<String, String> family(String prefix) {
    declare(prefix + Setting.ANY, Optional.empty());
    SortedMap<String, String> found = new TreeMap<>();
    for (String name : source.names()) {
      if (name.startsWith(prefix)) {
        source.raw(name).filter(v -> !v.isBlank()).ifPresent(v -> found.put(name, v.strip()));
      }
    }
    return found;
  }

  int integer(String name, int defaultValue, int min, int max) {
    return value(name, String.valueOf(defaultValue), text -> Values.integer(text, min, max));
  }

  long whole(String name, long defaultValue) {
    return value(name, String.valueOf(defaultValue), Values::whole);
  }

  double decimal(String name, double defaultValue, double min, double max) {
    return value(name, String.valueOf(defaultValue), text -> Values.decimal(text, min, max));
  }

  Duration millis(String name, int defaultValue, int min, int max) {
    return Duration.ofMillis(integer(name, defaultValue, min, max));
  }

  Duration seconds(String name, int defaultValue, int min, int max) {
    return Duration.ofSeconds(integer(name, defaultValue, min, max));
  }

  /** A duration with its unit in the value ({@link Values#duration}). */
  Duration duration(String name, String defaultValue, Duration min, Duration max) {
    return value(name, defaultValue, text -> Values.duration(text, min, max));
  }

  String text(String name, String defaultValue) {
    return value(name, defaultValue, Function.identity());
  }

  /** Records a problem found by a check across several values. */
  void reject(String name, String value, String reason) {
    problems.add(new Problem(name, Values.redact(value), reason));
  }

  /** The raw value of a variable already read, for a check across several values. */
  String rawOf(String name) {
    return source.raw(name).orElse("");
  }

  boolean isSet(String name) {
    return source.raw(name).isPresent();
  }

  /** Throws a {@link ConfigException} naming every bad value found so far. */
  void failOnProblems() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** Every variable read, in the order it was read. */
  List<Setting> settings() {
    return List.copyOf(settings.values());
  }

  private void declare(String name, Optional<String> defaultValue) {
    settings.putIfAbsent(name, new Setting(name, defaultValue));
  }
}
