package dev.marketdata.adapter.http;

import dev.marketdata.domain.failure.InvalidInput;
import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The networks (CIDRs, IPv4 and IPv6) whose peers are proxies we run: only a request arriving from
 * one of them may name its client in {@code Forwarded} or {@code X-Forwarded-For}.
 */
public final class TrustedProxies {
  private static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<Cidr> networks;

  private TrustedProxies(List<Cidr> networks) {
    this.networks = List.copyOf(networks);
  }

  /** Trusts no peer: forwarding headers are never believed. */
  public static TrustedProxies none() {
    return NONE;
  }

  /**
   * Comma-separated CIDRs such as {@code 10.0.0.0/8,::1/128}; a bare address means that one host.
   *
   * @throws InvalidInput naming {@code http.trustedProxies} and the bad entry
   */
  public static TrustedProxies parse(String csv) {
    List<Cidr> networks = new ArrayList<>();
    for (String part : csv.split(",", -1)) {
      String entry = part.strip();
      if (entry.isEmpty()) {
        if (!csv.isBlank()) {
          throw new InvalidInput("http.trustedProxies", csv, "has an empty entry");
        }
        continue;
      }
      networks.add(
          Cidr.parse(entry)
              .orElseThrow(
                  () ->
                      new InvalidInput(
                          "http.trustedProxies",
                          entry,
                          "must be a CIDR such as 10.0.0.0/8 or 2001:db8::/32")));
    }
    return networks.isEmpty() ? NONE : new TrustedProxies(networks);
  }

  public boolean isEmpty() {
    return networks.isEmpty();
  }

  /** True when {@code address} (an IP literal) lies in a trusted network. */
  boolean trusts(String address) {
    if (networks.isEmpty()) {
      return false;
    }
    byte[] bytes = ipBytes(address);
    return bytes != null && trusts(bytes);
  }

  boolean trusts(byte[] address) {
    for (Cidr network : networks) {
      if (network.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The bytes of an IP literal (4 for IPv4, also for an IPv4-mapped IPv6 address; 16 for IPv6), or
   * null when {@code text} is not one; never a DNS lookup. An IPv6 zone ({@code %eth0}) is ignored.
   */
  static byte[] ipBytes(String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return null;
    }
    int zone = text.indexOf('%');
    String literal = zone >= 0 ? text.substring(0, zone) : text;
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
    if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
      byte[] v4 = new byte[4];
      System.arraycopy(bytes, 12, v4, 0, 4);
      return v4;
    }
    return bytes;
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
  }

  @Override
  public String toString() {
    return networks.toString();
  }

  /** One network: the address bytes and how many leading bits must match. */
  private record Cidr(byte[] network, int prefix) {
    static Optional<Cidr> parse(String text) {
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      if (address.indexOf('%') >= 0) {
        return Optional.empty();
      }
      byte[] bytes = ipBytes(address);
      if (bytes == null) {
        return Optional.empty();
      }
      int bits = bytes.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        String length = text.substring(slash + 1);
        if (!length.matches("[0-9]{1,3}")) {
          return Optional.empty();
        }
        prefix = Integer.parseInt(length);
        // ::ffff:10.0.0.0/104 is the IPv4 network 10.0.0.0/8.
        if (bytes.length == 4 && address.indexOf(':') >= 0) {
          prefix -= 96;
        }
        if (prefix < 0 || prefix > bits) {
          return Optional.empty();
        }
      }
      return Optional.of(new Cidr(bytes, prefix));
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = prefix / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (address[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
      return NetUtil.bytesToIpAddress(network) + "/" + prefix;
    }
  }
}
