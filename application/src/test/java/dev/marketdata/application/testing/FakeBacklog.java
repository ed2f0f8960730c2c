package dev.marketdata.application.testing;

import dev.marketdata.domain.model.Backlog;
import dev.marketdata.domain.port.PipelineBacklog;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A pipeline backlog the test sets (or breaks), counting how often it is read. */
public final class FakeBacklog implements PipelineBacklog {
  private final AtomicLong events = new AtomicLong();
  private final AtomicInteger reads = new AtomicInteger();
  private volatile RuntimeException failure;

  @Override
  public CompletionStage<Backlog> current() {
    reads.incrementAndGet();
    RuntimeException broken = failure;
    if (broken != null) {
      return CompletableFuture.failedFuture(broken);
    }
    return CompletableFuture.completedFuture(new Backlog(events.get(), OptionalLong.empty()));
  }

  public void set(long value) {
    events.set(value);
  }

  public void add(long more) {
    events.addAndGet(more);
  }

  public long events() {
    return events.get();
  }

  /** Every read fails with {@code e} from now on; null reads again. */
  public void fail(RuntimeException e) {
    failure = e;
  }

  public int reads() {
    return reads.get();
  }
}
