package dev.marketdata.bench.jmh;

import dev.marketdata.adapter.kafka.PriceEventCodec;
import dev.marketdata.domain.model.PriceEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The price-events wire format: one event to JSON bytes and back (strict decode). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PriceEventCodecBenchmarks {
  private final PriceEventCodec codec = new PriceEventCodec();
  private PriceEvent event;
  private byte[] bytes;

  @Setup
  public void setUp() {
    event =
        new PriceEvent(
            Symbol.of("AAPL"),
            new BigDecimal("150.25"),
            Instant.parse("2024-03-20T10:30:00Z"),
            ProviderId.of("finnhub"),
            UUID.fromString("0190f1a2-7b3c-7d4e-8f5a-6b7c8d9e0f1a"));
    bytes = codec.encode(event);
  }

  @Benchmark
  public byte[] encode() {
    return codec.encode(event);
  }

  @Benchmark
  public PriceEvent decode() {
    return codec.decode(bytes);
  }
}
