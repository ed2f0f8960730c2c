package dev.marketdata.bootstrap.runtime;

import dev.marketdata.application.relay.RelayListener;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the relays' leadership changes and long waits for a transaction to end (ADR 0016). */
public final class RelayLog implements RelayListener {
  private static final Logger log = LoggerFactory.getLogger(RelayLog.class);

  @Override
  public void leading(String outbox, long position) {
    log.info("relay leads outbox={} position={}", outbox, position);
  }

  @Override
  public void lostLease(String outbox, boolean whilePublishing) {
    if (whilePublishing) {
      // The batch went out, but the new leader starts below it and publishes it again.
      log.warn("relay lost its lease while publishing, now following outbox={}", outbox);
    } else {
      log.info("relay lost its lease, now following outbox={}", outbox);
    }
  }

  @Override
  public void resigned(String outbox) {
    log.info("relay gave its lease up outbox={}", outbox);
  }

  @Override
  public void waiting(String outbox, long position, Duration waited) {
    log.warn(
        "relay waits for an open transaction that may still write below rows it read; any"
            + " transaction holding an xid this long delays publishing outbox={} position={}"
            + " waited_ms={}",
        outbox,
        position,
        waited.toMillis());
  }
}
