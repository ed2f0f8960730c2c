package dev.marketdata.devservices.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads {@code postgresql://user[:password]@host[:port]/database} URLs. */
public final class PostgresUrl {
  private PostgresUrl() {}

  /** Parses the URL; the port defaults to 5432 and the user to {@code postgres}. */
  public static PostgresDatabase parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("database URL is required, was " + url);
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("database URL is not a URL: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new IllegalArgumentException(
          "database URL must start with postgresql://, was scheme " + scheme);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("database URL must name a host");
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("database URL must name a database after the host");
    }
    String user = "postgres";
    String password = "";
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    return new PostgresDatabase(uri.getHost(), port, path, user, password);
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }
}
