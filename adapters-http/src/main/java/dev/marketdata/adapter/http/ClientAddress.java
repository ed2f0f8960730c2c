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
    if (trusted.isEmpty()) {
      // Only the peer can be the client: its address is already at hand, nothing to resolve or
      // keep on the context (which would cost a map entry on every request).
      return peer(ctx);
    }
    String client = ctx.get(CTX_KEY);
    if (client == null) {
      client =
          ForwardedClient.resolve(
              peer(ctx),
              ctx.request().headers().getAll("Forwarded"),
              ctx.request().headers().getAll("X-Forwarded-For"),
              trusted);
      ctx.put(CTX_KEY, client);
    }
    return client;
  }

  private static String peer(RoutingContext ctx) {
    // The connection's address is the request's own: Vert.x Web's request wrapper would first work
    // out the scheme, authority and absolute URI of the request (about 4% of a cache hit's event
    // loop) only to hand back this same address, as the router honours no forwarding headers.
    SocketAddress remote = ctx.request().connection().remoteAddress();
    return remote == null || remote.host() == null ? "unknown" : remote.host();
  }
}
