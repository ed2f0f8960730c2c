package dev.marketdata.adapter.http;

import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /info} reports about the running build and process: name, version, git commit,
 * build time, Java version, this process's roles and its enabled providers. Never a key, a secret
 * or an address: everything here is safe to show to anyone who can reach the port.
 *
 * @param gitCommit the full commit id, or {@link #UNKNOWN} when built without {@code .git}
 * @param buildTime an ISO-8601 UTC instant, or {@link #UNKNOWN}
 * @param roles this process's roles ({@code api}, {@code poller}, {@code relay}, {@code consumer})
 * @param providers the ids of the providers this process can call (configured, with their key)
 */
public record ServiceInfo(
    String name,
    String version,
    String gitCommit,
    String buildTime,
    String javaVersion,
    List<String> roles,
    List<String> providers) {
  public static final String UNKNOWN = "unknown";

  public ServiceInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(gitCommit, "gitCommit");
    Objects.requireNonNull(buildTime, "buildTime");
    Objects.requireNonNull(javaVersion, "javaVersion");
    roles = List.copyOf(roles);
    providers = List.copyOf(providers);
  }

  /** Nothing known about the build: for a router built without one (tests). */
  public static ServiceInfo unknown() {
    return new ServiceInfo(
        "market-data-service",
        UNKNOWN,
        UNKNOWN,
        UNKNOWN,
        System.getProperty("java.version"),
        List.of(),
        List.of());
  }
}
