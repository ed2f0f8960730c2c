package dev.marketdata.application.contract;

import static dev.marketdata.testsupport.Await.result;
import static dev.marketdata.testsupport.Samples.T0;
import static dev.marketdata.testsupport.Samples.uniqueSymbol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.domain.model.FetchedQuote;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Quote;
import dev.marketdata.domain.model.RawResponse;
import dev.marketdata.domain.model.Symbol;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code RawResponseRepository} promises: the provider's bytes, unchanged. */
public abstract class RawResponseRepositoryContract {
  protected MarketDataPorts ports;

  protected abstract MarketDataPorts emptyStore();

  @BeforeEach
  void createStore() {
    ports = emptyStore();
  }

  @Test
  void givenBodyThatIsNotUtf8_find_returnsTheSameBytes() {
    Symbol symbol = uniqueSymbol();
    byte[] body = {(byte) 0xff, 0x00, (byte) 0xfe, '{', '}', (byte) 0xc3, 0x28, '\n', '\r'};
    RawResponse raw =
        new RawResponse(UUID.randomUUID(), ProviderId.YAHOO, symbol, 203, body, null, T0);
    Quote quote = new Quote(symbol, new BigDecimal("3.10"), T0, T0, ProviderId.YAHOO);
    result(ports.ingestion().ingest(new FetchedQuote(quote, raw)));

    RawResponse found = result(ports.rawResponses().find(raw.id())).orElseThrow();

    assertThat(found).isEqualTo(raw);
    assertThat(found.body()).containsExactly(body);
    assertThat(found.contentType()).isNull();
    assertThat(found.httpStatus()).isEqualTo(203);
  }

  @Test
  void givenUnknownId_find_isEmpty() {
    assertThat(result(ports.rawResponses().find(UUID.randomUUID()))).isEmpty();
  }
}
