package dev.marketdata.adapter.persistence;

import dev.marketdata.domain.failure.InvalidInput;
import io.vertx.pgclient.SslMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@code postgresql://[user[:password]@]host[:port]/database[?param=value&...]} URL as libpq
 * reads it, read once so that the reactive pool and Flyway's JDBC connection get the same server,
 * credentials and TLS settings. Only the parameters both clients honour are taken: {@value
 * #PARAMETERS}; any other is refused rather than silently ignored by one of them.
 *
 * @param host a name or an IP address (an IPv6 one without its brackets)
 * @param sslMode {@code prefer} when the URL names none, as libpq and pgjdbc default to
 * @param rootCertificate the PEM file of the authority {@code verify-ca} and {@code verify-full}
 *     trust; required by those two
 * @param options the {@code options} startup parameter, such as {@code -c search_path=mds}
 */
public record PgUrl(
    String host,
    int port,
    String database,
    Optional<String> user,
    Optional<String> password,
    SslMode sslMode,
    Optional<Path> rootCertificate,
    Optional<String> applicationName,
    Optional<String> options) {

  static final String FIELD = "database.url";
  static final String PARAMETERS = "sslmode, sslrootcert, application_name, options";
  private static final Set<String> SUPPORTED =
      Set.of("sslmode", "sslrootcert", "application_name", "options");
  private static final String SHAPE = "must look like postgresql://user@host:5432/database";
  private static final int DEFAULT_PORT = 5432;

  /** Reads {@code url}; an {@link InvalidInput} on {@value #FIELD} says what is wrong with it. */
  public static PgUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidInput(FIELD, url, "is required");
    }
    String text = url.strip();
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(text, SHAPE);
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw invalid(text, SHAPE);
    }
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? "" : authority.substring(0, at);
    String hostPort = authority.substring(at + 1);
    String host;
    String portText = "";
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw invalid(text, SHAPE);
      }
      host = hostPort.substring(1, close);
      portText = hostPort.substring(close + 1).replaceFirst("^:", "");
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      portText = colon < 0 ? "" : hostPort.substring(colon + 1);
    }
    host = decode(host);
    if (host.isEmpty() || host.contains(",") || host.contains("/")) {
      // No host, a socket directory, or several hosts: the pool connects to exactly one.
      throw invalid(text, "must name exactly one host: " + SHAPE.substring(5));
    }
    int port = DEFAULT_PORT;
    if (!portText.isEmpty()) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        port = 0;
      }
      if (port < 1 || port > 65535) {
        throw invalid(text, "has port " + portText + "; it must be between 1 and 65535");
      }
    }
    String database =
        uri.getRawPath() == null ? "" : decode(uri.getRawPath().replaceFirst("^/", ""));
    if (database.isEmpty() || database.contains("/")) {
      throw invalid(text, "must name a database after the host: " + SHAPE.substring(5));
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    if (!userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
    }
    Map<String, String> params = parameters(text, uri.getRawQuery());
    SslMode sslMode = sslMode(text, params.getOrDefault("sslmode", "prefer"));
    Optional<Path> rootCertificate =
        Optional.ofNullable(params.get("sslrootcert")).map(path -> rootCertificate(text, path));
    if ((sslMode == SslMode.VERIFY_CA || sslMode == SslMode.VERIFY_FULL)
        && rootCertificate.isEmpty()) {
      throw invalid(
          text,
          "sslmode="
              + sslMode.value
              + " needs sslrootcert=<path of the PEM file of the authority that signed the"
              + " server's certificate>");
    }
    return new PgUrl(
        host,
        port,
        database,
        user.filter(u -> !u.isEmpty()),
        password,
        sslMode,
        rootCertificate,
        Optional.ofNullable(params.get("application_name")),
        Optional.ofNullable(params.get("options")));
  }

  private static Map<String, String> parameters(String url, String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (eq < 0 || !SUPPORTED.contains(name)) {
        throw invalid(
            url,
            "has parameter "
                + name
                + (eq < 0 ? " without a value" : ", which is not supported")
                + "; supported: "
                + PARAMETERS);
      }
      if (params.put(name, decode(pair.substring(eq + 1))) != null) {
        throw invalid(url, "names parameter " + name + " twice");
      }
    }
    return params;
  }

  private static SslMode sslMode(String url, String value) {
    return Arrays.stream(SslMode.values())
        .filter(mode -> mode.value.equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                invalid(
                    url,
                    "has sslmode="
                        + value
                        + "; supported: "
                        + Arrays.stream(SslMode.values())
                            .map(m -> m.value)
                            .collect(Collectors.joining(", "))));
  }

  private static Path rootCertificate(String url, String value) {
    if (value.isEmpty() || value.equals("system")) {
      throw invalid(url, "needs sslrootcert to name a PEM file (system is not supported)");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw invalid(url, "needs sslrootcert to name a PEM file");
    }
  }

  /** Percent-decoding as libpq does it: a {@code +} stays a plus sign. */
  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static InvalidInput invalid(String url, String reason) {
    return new InvalidInput(FIELD, redact(url), reason);
  }

  /** The URL with its password replaced, fit for a message. */
  static String redact(String url) {
    return url.replaceAll("://([^:@/]*):[^@/]*@", "://$1:***@");
  }

  /** The host as it goes into a URL: an IPv6 address in brackets. */
  String hostInUrl() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  @Override
  public String toString() {
    return "PgUrl["
        + user.orElse("")
        + "@"
        + hostInUrl()
        + ":"
        + port
        + "/"
        + database
        + ", sslmode="
        + sslMode.value
        + rootCertificate.map(p -> ", sslrootcert=" + p).orElse("")
        + "]";
  }
}
