package dev.marketdata.bootstrap.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.port.OutboxDoorbell.Kind;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InProcessDoorbellTest {
  private final InProcessDoorbell doorbell = new InProcessDoorbell();

  @Test
  void givenNoRelayHere_ring_doesNothing() {
    for (Kind kind : Kind.values()) {
      doorbell.ring(kind); // a process without the relay role: nothing to wake, nothing fails
    }
  }

  @Test
  void givenARelayOfOneOutbox_ring_wakesItForThatOutboxOnly() {
    AtomicInteger pricesWoken = new AtomicInteger();
    doorbell.answer(Kind.PRICES, pricesWoken::incrementAndGet);

    doorbell.ring(Kind.AVERAGES);
    doorbell.ring(Kind.BARS);
    assertThat(pricesWoken).hasValue(0);

    doorbell.ring(Kind.PRICES);
    assertThat(pricesWoken).hasValue(1);
  }
}
