package dev.marketdata.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runnable jar started with one bad setting: it must exit 2 naming the variable, before it
 * starts anything (no embedded server: nothing is written under its data directory).
 */
class ConfigurationRejectedIT {
  /** Far below what starting the embedded servers takes; the check is only the parsing. */
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "MDS_RELAY_BATCH_SIZE | abc         | must be a whole number",
        "MDS_FINNHUB_LIMITS   | ''          | is blank",
        "MDS_FINNHUB_LIMITS   | 5/fortnight | unknown unit",
        "MDS_LOG_FORMAT       | xml         | must be text or json",
      })
  void givenABadSetting_theService_exits2NamingIt_beforeStartingAnything(
      String variable, String value, String reason, @TempDir Path dir) throws Exception {
    Path dataDir = dir.resolve("data");
    Path output = dir.resolve("output.txt");

    Process process =
        start(
            Map.of(variable, value, "MDS_DATA_DIR", dataDir.toString(), "MDS_HTTP_PORT", "0"),
            output);

    assertThat(process.waitFor(EXIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS))
        .as("exited within %s", EXIT_WITHIN)
        .isTrue();
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isEqualTo(2);
    assertThat(text)
        .contains("configuration rejected: " + variable)
        .contains(reason)
        .contains("(was \"" + value + "\")");
    assertThat(dataDir).as("no embedded server started").doesNotExist();
  }

  private static Process start(Map<String, String> env, Path output) throws IOException {
    Path jar = Path.of("target", "market-data-service.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the ITs through `mvn verify`");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-jar", jar.toString());
    builder.environment().keySet().removeIf(k -> k.startsWith("MDS_") || k.endsWith("_API_KEY"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    return builder.start();
  }
}
