package dev.marketdata.adapter.http;

import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who sent a request: the peer, unless the peer is a trusted proxy, in which case the forwarding
 * chain ({@code Forwarded}, RFC 7239, or else {@code X-Forwarded-For}) is walked from the right,
 * past trusted hops, to the first address that is not trusted. Anything left of that address was
 * written by the client itself and is never believed, so prepending hops spoofs nothing. A chain
 * that cannot be read (garbage, a hop without {@code for}, {@code unknown}, an obfuscated {@code
 * _name}) yields the peer: never a failure.
 */
final class ForwardedClient {
  /** Trusted hops walked at most; a longer all-trusted chain is not believed. */
  static final int MAX_HOPS = 32;

  private ForwardedClient() {}

  /**
   * The client address.
   *
   * @param peer the immediate peer's host, as the socket reports it
   * @param forwarded every {@code Forwarded} header line, in order
   * @param xForwardedFor every {@code X-Forwarded-For} header line, in order
   */
  static String resolve(
      String peer, List<String> forwarded, List<String> xForwardedFor, TrustedProxies trusted) {
    if (peer == null || !trusted.trusts(peer)) {
      return peer;
    }
    Optional<List<String>> hops;
    if (!forwarded.isEmpty()) {
      hops = forwardedFor(String.join(",", forwarded));
    } else if (!xForwardedFor.isEmpty()) {
      hops = xForwardedFor(String.join(",", xForwardedFor));
    } else {
      return peer;
    }
    if (hops.isEmpty() || hops.get().isEmpty()) {
      return peer;
    }
    List<String> chain = hops.get();
    String leftmost = peer;
    for (int i = chain.size() - 1, walked = 0; i >= 0; i--, walked++) {
      if (walked == MAX_HOPS) {
        return peer;
      }
      byte[] address = nodeAddress(chain.get(i));
      if (address == null) {
        return peer;
      }
      leftmost = NetUtil.bytesToIpAddress(address);
      if (!trusted.trusts(address)) {
        return leftmost;
      }
    }
    // Every hop is one of ours (an internal caller): the first names the client.
    return leftmost;
  }

  /**
   * The {@code for} value of each element of a {@code Forwarded} header, or empty when the header
   * is not well formed or an element has no (or two) {@code for}.
   */
  static Optional<List<String>> forwardedFor(String header) {
    List<String> nodes = new ArrayList<>();
    int n = header.length();
    int i = 0;
    String forValue = null;
    boolean elementHasPairs = false;
    while (true) {
      i = skipSpace(header, i);
      if (i >= n || header.charAt(i) == ',') {
        if (elementHasPairs) {
          if (forValue == null) {
            return Optional.empty();
          }
          nodes.add(forValue);
        }
        if (i >= n) {
          return Optional.of(nodes);
        }
        forValue = null;
        elementHasPairs = false;
        i++;
        continue;
      }
      if (header.charAt(i) == ';') {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isTokenChar(header.charAt(i))) {
        i++;
      }
      if (i == start || i >= n || header.charAt(i) != '=') {
        return Optional.empty();
      }
      String name = header.substring(start, i);
      i++;
      String value;
      if (i < n && header.charAt(i) == '"') {
        StringBuilder quoted = new StringBuilder();
        i++;
        while (i < n && header.charAt(i) != '"') {
          char c = header.charAt(i);
          if (c == '\\' && i + 1 < n) {
            c = header.charAt(++i);
          }
          quoted.append(c);
          i++;
        }
        if (i >= n) {
          return Optional.empty();
        }
        i++;
        value = quoted.toString();
      } else {
        start = i;
        while (i < n && isTokenChar(header.charAt(i))) {
          i++;
        }
        if (i == start) {
          return Optional.empty();
        }
        value = header.substring(start, i);
      }
      if (name.equalsIgnoreCase("for")) {
        if (forValue != null) {
          return Optional.empty();
        }
        forValue = value;
      }
      elementHasPairs = true;
      i = skipSpace(header, i);
      if (i < n && header.charAt(i) != ',' && header.charAt(i) != ';') {
        return Optional.empty();
      }
    }
  }

  /** The entries of an {@code X-Forwarded-For} header, or empty when one is blank. */
  static Optional<List<String>> xForwardedFor(String header) {
    List<String> nodes = new ArrayList<>();
    for (String part : header.split(",", -1)) {
      String node = part.strip();
      if (node.isEmpty()) {
        return Optional.empty();
      }
      nodes.add(node);
    }
    return Optional.of(nodes);
  }

  /**
   * The address a node names: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code [2001:db8::1]},
   * {@code [2001:db8::1]:4711} or a bare {@code 2001:db8::1}; null for {@code unknown}, an
   * obfuscated {@code _name}, or anything else.
   */
  static byte[] nodeAddress(String node) {
    if (node.isEmpty() || node.length() > 80) {
      return null;
    }
    String host;
    String port = null;
    if (node.charAt(0) == '[') {
      int close = node.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = node.substring(1, close);
      String rest = node.substring(close + 1);
      if (!rest.isEmpty()) {
        if (rest.charAt(0) != ':') {
          return null;
        }
        port = rest.substring(1);
      }
      if (host.indexOf(':') < 0) {
        return null;
      }
    } else {
      int colon = node.indexOf(':');
      if (colon >= 0 && node.indexOf(':', colon + 1) < 0) {
        host = node.substring(0, colon);
        port = node.substring(colon + 1);
        if (host.indexOf('.') < 0) {
          return null;
        }
      } else {
        host = node;
      }
    }
    if (port != null && !port.matches("[0-9]{1,5}|_[A-Za-z0-9._-]{1,64}")) {
      return null;
    }
    if (host.indexOf('%') >= 0) {
      return null;
    }
    return TrustedProxies.ipBytes(host);
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** RFC 9110 tchar, plus the {@code :[]} an unquoted (lenient) node may carry. */
  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~:[]".indexOf(c) >= 0;
  }
}
