package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.failure.InvalidInput;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client behind trusted proxies: read from the right, never from what the client wrote, and the
 * peer whenever the chain cannot be read.
 */
class ForwardedClientTest {
  static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, 2001:db8:ffff::/48");

  static String xff(String peer, String... lines) {
    return ForwardedClient.resolve(peer, List.of(), List.of(lines), PROXIES);
  }

  static String fwd(String peer, String... lines) {
    return ForwardedClient.resolve(peer, List.of(lines), List.of(), PROXIES);
  }

  @Test
  void givenAnUntrustedPeer_headers_areIgnored() {
    assertThat(xff("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    assertThat(fwd("203.0.113.9", "for=198.51.100.1")).isEqualTo("203.0.113.9");
    assertThat(
            ForwardedClient.resolve(
                "10.0.0.1", List.of(), List.of("198.51.100.1"), TrustedProxies.none()))
        .isEqualTo("10.0.0.1");
  }

  @Test
  void givenATrustedPeer_theRightmostUntrustedHop_isTheClient() {
    assertThat(xff("10.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(xff("10.0.0.1", "198.51.100.1, 10.1.2.3")).isEqualTo("198.51.100.1");
    assertThat(fwd("10.0.0.1", "for=198.51.100.1;proto=https;by=10.0.0.1"))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void aClientPrependingHops_spoofsNothing() {
    // The client sent "X-Forwarded-For: 1.2.3.4"; our proxy appended the address it saw.
    assertThat(xff("10.0.0.1", "1.2.3.4, 198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(xff("10.0.0.1", "10.9.9.9, 198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(fwd("10.0.0.1", "for=1.2.3.4, for=198.51.100.1")).isEqualTo("198.51.100.1");
  }

  @Test
  void givenOnlyTrustedHops_theFirstIsTheClient() {
    assertThat(xff("10.0.0.1", "10.0.0.5, 10.0.0.2")).isEqualTo("10.0.0.5");
  }

  @Test
  void severalHeaderLines_formOneChainInOrder() {
    assertThat(xff("10.0.0.1", "1.2.3.4", "198.51.100.1, 10.0.0.7")).isEqualTo("198.51.100.1");
    assertThat(fwd("10.0.0.1", "for=1.2.3.4", "for=198.51.100.1")).isEqualTo("198.51.100.1");
  }

  @Test
  void forwarded_winsOverXForwardedFor() {
    assertThat(
            ForwardedClient.resolve(
                "10.0.0.1", List.of("for=198.51.100.1"), List.of("198.51.100.2"), PROXIES))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void ipv6AndPorts_areUnderstoodAndNormalized() {
    assertThat(fwd("10.0.0.1", "for=\"[2001:DB8:0::1]:4711\"")).isEqualTo("2001:db8::1");
    assertThat(fwd("10.0.0.1", "For=\"[2001:db8::1]\"")).isEqualTo("2001:db8::1");
    assertThat(fwd("10.0.0.1", "for=198.51.100.1:8080")).isEqualTo("198.51.100.1");
    assertThat(fwd("10.0.0.1", "for=\"198.51.100.1:_port\"")).isEqualTo("198.51.100.1");
    assertThat(xff("10.0.0.1", "2001:db8::1")).isEqualTo("2001:db8::1");
    assertThat(xff("10.0.0.1", "[2001:db8::1]:443")).isEqualTo("2001:db8::1");
    assertThat(xff("10.0.0.1", "::ffff:198.51.100.1")).isEqualTo("198.51.100.1");
    // An IPv6 peer inside a trusted IPv6 network, and an IPv4-mapped peer.
    assertThat(xff("2001:db8:ffff::2", "198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(xff("::ffff:10.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(xff("10.0.0.1", "[2001:db8:ffff::9]:1, 2001:db8:ffff::2"))
        .isEqualTo("2001:db8:ffff::9");
  }

  @Test
  void obfuscatedOrUnknownNodes_fallBackToThePeer() {
    assertThat(fwd("10.0.0.1", "for=_hidden")).isEqualTo("10.0.0.1");
    assertThat(fwd("10.0.0.1", "for=unknown")).isEqualTo("10.0.0.1");
    assertThat(fwd("10.0.0.1", "for=198.51.100.1, for=unknown")).isEqualTo("10.0.0.1");
    // Left of the client nothing matters, readable or not.
    assertThat(fwd("10.0.0.1", "for=_hidden, for=198.51.100.1")).isEqualTo("198.51.100.1");
  }

  @Test
  void garbage_fallsBackToThePeer() {
    for (String line :
        List.of(
            "",
            " ",
            ",",
            "nonsense",
            "for=",
            "for",
            "=1.2.3.4",
            "for=\"198.51.100.1",
            "for=198.51.100.1 junk",
            "for=198.51.100.1;for=198.51.100.2",
            "proto=https",
            "for=[2001:db8::1",
            "for=\"[198.51.100.1]\"",
            "for=\"[2001:db8::1]x\"",
            "for=198.51.100.1:99999999",
            "for=example.com",
            "for=\"fe80::1%eth0\"",
            "for=300.1.1.1",
            "for=\u00e9")) {
      assertThat(fwd("10.0.0.1", line)).as(line).isEqualTo("10.0.0.1");
    }
    for (String line :
        List.of("", ",", "198.51.100.1,,", "example.com", "1.2.3", "a:b", "[::1", "-")) {
      assertThat(xff("10.0.0.1", line)).as(line).isEqualTo("10.0.0.1");
    }
  }

  @Test
  void aHugeHeader_isReadQuicklyAndStillFromTheRight() {
    String spoofed = "1.2.3.4, ".repeat(200_000);
    long started = System.nanoTime();
    assertThat(xff("10.0.0.1", spoofed + "198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(fwd("10.0.0.1", "for=1.2.3.4,".repeat(200_000) + "for=198.51.100.1"))
        .isEqualTo("198.51.100.1");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aLongChainOfTrustedHops_isNotBelieved() {
    String trustedHops = "10.0.0.2, ".repeat(ForwardedClient.MAX_HOPS);
    assertThat(xff("10.0.0.1", "198.51.100.1, " + trustedHops + "10.0.0.3")).isEqualTo("10.0.0.1");
  }

  @Test
  void trustedProxies_matchTheirCidrsOnly() {
    TrustedProxies t = TrustedProxies.parse("10.0.0.0/8,192.168.1.128/25,::1/128,2001:db8::/32");
    assertThat(t.trusts("10.255.255.255")).isTrue();
    assertThat(t.trusts("11.0.0.0")).isFalse();
    assertThat(t.trusts("192.168.1.128")).isTrue();
    assertThat(t.trusts("192.168.1.127")).isFalse();
    assertThat(t.trusts("::1")).isTrue();
    assertThat(t.trusts("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(t.trusts("::2")).isFalse();
    assertThat(t.trusts("2001:db8:1234::1")).isTrue();
    assertThat(t.trusts("2001:db9::1")).isFalse();
    assertThat(t.trusts("not-an-ip")).isFalse();
    assertThat(TrustedProxies.parse("0.0.0.0/0").trusts("203.0.113.1")).isTrue();
    assertThat(TrustedProxies.parse("0.0.0.0/0").trusts("2001:db8::1")).isFalse();
    assertThat(TrustedProxies.parse("198.51.100.7").trusts("198.51.100.7")).isTrue();
    assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
  }

  @Test
  void badCidrs_areRejectedNamingTheEntry() {
    for (String bad :
        List.of(
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/",
            "10.0.0.0/-1",
            "10.0.0/8",
            "example.com/8",
            "10.0.0.0/8,",
            "10.0.0.0/8,,::1",
            "fe80::1%eth0/64",
            "10.0.0.0/8/8")) {
      assertThatThrownBy(() -> TrustedProxies.parse(bad))
          .as(bad)
          .isInstanceOf(InvalidInput.class)
          .hasMessageContaining("http.trustedProxies");
    }
  }

  @Test
  void corsOrigins_mustBeSchemeHostPortOrAStarAlone() {
    assertThat(HttpConfig.parseCorsOrigins("https://App.example.com, http://localhost:3000"))
        .containsExactly("https://app.example.com", "http://localhost:3000");
    assertThat(HttpConfig.parseCorsOrigins("*")).containsExactly("*");
    assertThat(HttpConfig.parseCorsOrigins("http://[::1]:8080"))
        .containsExactly("http://[::1]:8080");
    assertThat(HttpConfig.parseCorsOrigins("")).isEmpty();
    for (String bad :
        List.of(
            "app.example.com",
            "https://app.example.com/",
            "https://app.example.com/path",
            "https://",
            "https://a b",
            "*,https://a.example",
            "https://a.example:x",
            "https://user@a.example",
            "https://a.example,")) {
      assertThatThrownBy(() -> HttpConfig.parseCorsOrigins(bad))
          .as(bad)
          .isInstanceOf(InvalidInput.class)
          .hasMessageContaining("http.corsOrigins");
    }
  }
}
