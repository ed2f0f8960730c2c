package dev.marketdata.bootstrap.runtime;

import dev.marketdata.adapter.http.ServiceInfo;
import dev.marketdata.bootstrap.config.Role;
import dev.marketdata.domain.model.ProviderStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The build's facts for {@code GET /info}, from {@code build-info.properties}, which Maven filters
 * at build time (version, build time, and the git commit from git-commit-id-maven-plugin). A value
 * the build did not know (no {@code .git}: a source tarball, the container build) still reads
 * {@code ${...}} and is reported as "unknown".
 */
public record BuildInfo(String version, String buildTime, String gitCommit) {
  static final String RESOURCE = "dev/marketdata/bootstrap/build-info.properties";

  /** The facts of the build on the class path; all "unknown" when the file is missing. */
  public static BuildInfo fromClasspath() {
    Properties props = new Properties();
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return of(props);
  }

  static BuildInfo of(Properties props) {
    return new BuildInfo(
        known(props.getProperty("version")),
        known(props.getProperty("build_time")),
        known(props.getProperty("git_commit")));
  }

  private static String known(String value) {
    return value == null || value.isBlank() || value.contains("${")
        ? ServiceInfo.UNKNOWN
        : value.strip();
  }

  /**
   * What {@code GET /info} reports for a process with {@code roles}: the providers it can call are
   * the available ones (configured, key present), named by id only.
   */
  public ServiceInfo describe(Collection<Role> roles, List<ProviderStatus> providers) {
    return new ServiceInfo(
        "market-data-service",
        version,
        gitCommit,
        buildTime,
        System.getProperty("java.version"),
        roles.stream().sorted().map(r -> r.name().toLowerCase(Locale.ROOT)).toList(),
        providers.stream().filter(ProviderStatus::available).map(p -> p.id().value()).toList());
  }
}
