package dev.marketdata.bootstrap.config;

/** A setting has a value the service cannot start with; names the setting and the value. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String name, String value, String reason) {
    super(name + " " + reason + " (was \"" + value + "\")");
  }
}
