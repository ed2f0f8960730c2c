package dev.marketdata.adapter.http;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The address a request is charged to and logged under: the peer, or the client a trusted proxy
 * names ({@link ForwardedClient}); resolved once per request.
 */
final class ClientAddress {
  private static final String CTX_KEY = "mds.client";

  private ClientAddress() {}

  static String of(RoutingContext ctx, TrustedProxies trusted) {
    String client = ctx.get(CTX_KEY);
    if (client == null) {
      SocketAddress remote = ctx.request().remoteAddress();
      String peer = remote == null || remote.host() == null ? "unknown" : remote.host();
      client =
          trusted.isEmpty()
              ? peer
              : ForwardedClient.resolve(
                  peer,
                  ctx.request().headers().getAll("Forwarded"),
                  ctx.request().headers().getAll("X-Forwarded-For"),
                  trusted);
      ctx.put(CTX_KEY, client);
    }
    return client;
  }
}
