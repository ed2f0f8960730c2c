package dev.marketdata.domain.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketdata.domain.average.MovingAverageCalculator;
import dev.marketdata.domain.failure.CalendarUnknown;
import dev.marketdata.domain.indicator.BollingerCalculator;
import dev.marketdata.domain.indicator.BollingerValue;
import dev.marketdata.domain.indicator.IndicatorCalculator;
import dev.marketdata.domain.indicator.MacdCalculator;
import dev.marketdata.domain.indicator.MacdValue;
import dev.marketdata.domain.indicator.RsiCalculator;
import dev.marketdata.domain.market.Exchange;
import dev.marketdata.domain.market.MarketHours;
import dev.marketdata.domain.market.MarketSession;
import dev.marketdata.domain.market.MarketStatus;
import dev.marketdata.domain.market.TradingCalendar;
import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.Ids;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.ProviderStatus;
import dev.marketdata.domain.model.Quote;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import dev.marketdata.domain.port.QuoteProvider;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The README's embedding examples, compiled and run here, and compared with the README's text. */
class EmbeddingExampleTest {
  private static final List<String> EXAMPLES =
      List.of("embedding-example", "indicators-example", "market-hours-example");

  @Test
  void embeddingExample_runs() throws Exception {
    // README:embedding-example:start
    // A QuoteProvider of your own: here a fixed price, in a real service your own feed.
    QuoteProvider myFeed =
        new QuoteProvider() {
          private final Clock clock = Clock.systemUTC();

          @Override
          public ProviderId id() {
            return ProviderId.of("my_feed");
          }

          @Override
          public CompletionStage<FetchedQuote> fetch(Symbol symbol) {
            byte[] body = "{\"px\":\"101.50\"}".getBytes(StandardCharsets.UTF_8);
            var now = clock.instant();
            var raw = new RawResponse(Ids.newUuidV7(clock), id(), symbol, 200, body, null, now);
            var quote = new Quote(symbol, new BigDecimal("101.50"), now, now, id());
            return CompletableFuture.completedFuture(new FetchedQuote(quote, raw));
          }

          @Override
          public ProviderStatus status() {
            return ProviderStatus.available(id(), List.of(), List.of());
          }
        };

    // The same 5-point simple moving average the service keeps, fed one price at a time.
    MovingAverageCalculator.Rolling average = MovingAverageCalculator.ofWindow(5).rolling();
    for (String price : List.of("100", "101", "99", "102", "98")) {
      average.add(new BigDecimal(price));
    }
    BigDecimal latest =
        myFeed.fetch(Symbol.of("ACME")).toCompletableFuture().join().quote().price();
    MovingAverageCalculator.Result result = average.add(latest);
    // result.value() == 100.30000000, result.sampleCount() == 5, result.full() == true
    // README:embedding-example:end

    assertThat(result.value()).isEqualByComparingTo("100.3");
    assertThat(result.sampleCount()).isEqualTo(5);
    assertThat(result.full()).isTrue();
  }

  @Test
  void indicatorsExample_runs() {
    // README:indicators-example:start
    // Indicators, fed one price (a tick or a bar's close) at a time, oldest first.
    RsiCalculator rsi = new RsiCalculator(3);
    BollingerCalculator bollinger = new BollingerCalculator(3); // k = 2
    Optional<BigDecimal> lastRsi = Optional.empty();
    Optional<BollingerValue> lastBands = Optional.empty();
    for (String close : List.of("10", "11", "10", "12", "12", "9")) {
      lastRsi = rsi.add(new BigDecimal(close));
      lastBands = bollinger.add(new BigDecimal(close));
    }
    // rsi.valuesNeeded() == 4 (3 changes); lastRsi == Optional[27.90697674]
    // lastBands: middle 11.00000000, upper 13.82842712, lower 8.17157288 (11 ± 2·√2)

    // How much history to load before the first value, and what to call it in a response.
    IndicatorCalculator<MacdValue> macd = MacdCalculator.standard();
    // macd.valuesNeeded() == 34; macd.name() == "macd"
    // macd.params() == {fast=12, slow=26, signal=9}
    // README:indicators-example:end

    assertThat(rsi.valuesNeeded()).isEqualTo(4);
    assertThat(lastRsi).contains(new BigDecimal("27.90697674"));
    assertThat(lastBands)
        .contains(
            new BollingerValue(
                new BigDecimal("11.00000000"),
                new BigDecimal("13.82842712"),
                new BigDecimal("8.17157288")));
    assertThat(macd.valuesNeeded()).isEqualTo(34);
    assertThat(macd.name()).isEqualTo("macd");
    assertThat(macd.params())
        .containsExactly(Map.entry("fast", 12), Map.entry("slow", 26), Map.entry("signal", 9));
    assertThat(macd.params()).hasToString("{fast=12, slow=26, signal=9}");
  }

  @Test
  void marketHoursExample_runs() {
    // README:market-hours-example:start
    // The US equity calendar (XNYS and XNAS), 2025-2027, loaded from the domain jar.
    TradingCalendar calendar = TradingCalendar.usEquities();
    Instant thanksgiving = Instant.parse("2026-11-26T15:00:00Z");
    MarketStatus status = calendar.status(Exchange.XNYS, thanksgiving);
    // status.session() == CLOSED, status.isOpen() == false, status.reason() == "Thanksgiving Day"
    // status.nextOpen() == 2026-11-27T14:30:00Z, status.nextClose() == 2026-11-27T18:00:00Z

    // Was the regular session open when a price was quoted? May a job poll now?
    boolean open = calendar.regularSessionOpen(Instant.parse("2026-11-27T17:59:59Z")); // true
    Optional<Instant> resume = calendar.nextAllowed(MarketHours.REGULAR, thanksgiving);
    // resume == Optional[2026-11-27T14:30:00Z]
    Duration tradingWeek =
        calendar.allowedWithin(
            MarketHours.REGULAR,
            Instant.parse("2026-11-23T05:00:00Z"),
            Instant.parse("2026-11-30T05:00:00Z"));
    // tradingWeek == PT23H (three 6.5-hour days and the 3.5-hour Friday)
    // calendar.status(Exchange.XNYS, Instant.parse("2028-01-03T15:00:00Z")) throws CalendarUnknown
    // README:market-hours-example:end

    assertThat(status.session()).isEqualTo(MarketSession.CLOSED);
    assertThat(status.isOpen()).isFalse();
    assertThat(status.reason()).isEqualTo("Thanksgiving Day");
    assertThat(status.nextOpen()).isEqualTo(Instant.parse("2026-11-27T14:30:00Z"));
    assertThat(status.nextClose()).isEqualTo(Instant.parse("2026-11-27T18:00:00Z"));
    assertThat(open).isTrue();
    assertThat(resume).contains(Instant.parse("2026-11-27T14:30:00Z"));
    assertThat(tradingWeek).isEqualTo(Duration.ofHours(23));
    assertThatThrownBy(() -> calendar.status(Exchange.XNYS, Instant.parse("2028-01-03T15:00:00Z")))
        .isInstanceOf(CalendarUnknown.class);
  }

  @Test
  void readme_showsExactlyTheseExamples() throws Exception {
    Path self = Path.of("src/test/java/dev/marketdata/domain/readme/EmbeddingExampleTest.java");
    String source = Files.readString(self);
    String readme = Files.readString(Path.of("../README.md"));
    for (String name : EXAMPLES) {
      String example =
          between(source, "// README:" + name + ":start", "// README:" + name + ":end");
      assertThat(readme).as("README.md embeds %s verbatim", name).contains(example);
    }
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf("\n    " + start);
    int to = text.indexOf("\n    " + end);
    String block = text.substring(text.indexOf('\n', from + 1) + 1, to);
    StringBuilder out = new StringBuilder();
    for (String line : block.split("\n", -1)) {
      out.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
    }
    return out.toString().stripTrailing();
  }
}
