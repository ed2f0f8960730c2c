package dev.marketdata.bootstrap.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Settings the service cannot start with; each {@link Problem} names the variable, its value and
 * what is wrong, and all of them are reported at once.
 */
public final class ConfigException extends RuntimeException {
  /** One bad setting. */
  public record Problem(String variable, String value, String reason) {
    @Override
    public String toString() {
      return variable + " " + reason + " (was \"" + value + "\")";
    }
  }

  private final List<Problem> problems;

  public ConfigException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String variable, String value, String reason) {
    this(List.of(new Problem(variable, value, reason)));
  }

  public List<Problem> problems() {
    return problems;
  }
}
