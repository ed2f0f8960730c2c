package dev.marketdata.application.live;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts open streams per client and per process and refuses one over either limit. A permit is
 * given back exactly once, however often {@link Permit#release()} is called.
 */
public final class ConnectionLimits {
  /** Why a stream was refused. */
  public enum Refusal {
    CLIENT,
    REPLICA
  }

  /** One open stream's place in the counts. */
  public final class Permit {
    private final String client;
    private boolean released;

    private Permit(String client) {
      this.client = client;
    }

    public void release() {
      synchronized (ConnectionLimits.this) {
        if (released) {
          return;
        }
        released = true;
        total--;
        perClient.computeIfPresent(client, (c, n) -> n == 1 ? null : n - 1);
      }
    }
  }

  private final int maxTotal;
  private final int maxPerClient;
  private final Map<String, Integer> perClient = new HashMap<>();
  private int total;

  public ConnectionLimits(int maxTotal, int maxPerClient) {
    this.maxTotal = maxTotal;
    this.maxPerClient = maxPerClient;
  }

  /** A permit for one more stream of {@code client}, or empty when a limit is reached. */
  public synchronized Optional<Permit> tryAcquire(String client) {
    if (total >= maxTotal) {
      return Optional.empty();
    }
    if (perClient.getOrDefault(client, 0) >= maxPerClient) {
      return Optional.empty();
    }
    total++;
    perClient.merge(client, 1, Integer::sum);
    return Optional.of(new Permit(client));
  }

  /** Which limit refused {@code client}, judged now (for the refusal's wording). */
  public synchronized Refusal refusalFor(String client) {
    return total >= maxTotal ? Refusal.REPLICA : Refusal.CLIENT;
  }

  public synchronized int open() {
    return total;
  }

  public int maxTotal() {
    return maxTotal;
  }

  public int maxPerClient() {
    return maxPerClient;
  }
}
