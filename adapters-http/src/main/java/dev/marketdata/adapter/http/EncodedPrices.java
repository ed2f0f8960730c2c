package dev.marketdata.adapter.http;

import dev.marketdata.application.price.ServedPrice;
import dev.marketdata.domain.model.PricePoint;
import dev.marketdata.domain.model.ProviderId;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The JSON answers of recently served latest prices, so a cache hit writes the bytes it wrote last
 * time instead of serialising the same price again (Jackson was about 9% of a cache hit's event
 * loop). An answer is kept under what its body is made of: the served point itself (by identity, as
 * the latest-price cache hands out the same instance until a newer price replaces it), the
 * providers that failed before it and the {@code stale} flag computed for this request, so a price
 * turning stale gets a new body. A fixed table of slots chosen by the point's identity hash: a
 * collision or a new price only costs one serialisation, and the memory is bounded.
 */
final class EncodedPrices {
  private static final int SLOTS = 256;

  private record Entry(
      PricePoint point, List<ProviderId> fallbackFrom, boolean stale, Buffer body) {
    boolean holds(ServedPrice served, boolean isStale) {
      return point == served.point()
          && stale == isStale
          && fallbackFrom.equals(served.fallbackFrom());
    }
  }

  private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

  /**
   * The body of {@code served} with {@code stale} as computed for this request; never modify it (it
   * is shared by every answer of the same price).
   */
  Buffer body(ServedPrice served, boolean stale) {
    int slot = System.identityHashCode(served.point()) & (SLOTS - 1);
    Entry entry = slots.get(slot);
    if (entry != null && entry.holds(served, stale)) {
      return entry.body;
    }
    Buffer body = Buffer.buffer(Json.write(PriceRoutes.PriceJson.of(served, stale)));
    slots.set(slot, new Entry(served.point(), served.fallbackFrom(), stale, body));
    return body;
  }
}
