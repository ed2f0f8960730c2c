package dev.marketdata.bootstrap.runtime;

import dev.marketdata.domain.port.OutboxDoorbell;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The doorbell of the relays deployed in this process: a ring wakes the relay of that outbox if one
 * was deployed here ({@link RoleDeployer} hands them over), and does nothing otherwise, as in a
 * process without the relay role, whose writers' rows the relays of other processes find on their
 * timers.
 */
@Singleton
public final class InProcessDoorbell implements OutboxDoorbell {
  private final AtomicReferenceArray<Runnable> relays =
      new AtomicReferenceArray<>(Kind.values().length);

  @Inject
  public InProcessDoorbell() {}

  /** From now on, rings of {@code kind} run {@code wake} (a relay's, cheap and thread-safe). */
  public void answer(Kind kind, Runnable wake) {
    relays.set(kind.ordinal(), wake);
  }

  @Override
  public void ring(Kind kind) {
    Runnable wake = relays.get(kind.ordinal());
    if (wake != null) {
      wake.run();
    }
  }
}
