package dev.marketdata.adapter.provider;

import java.math.BigDecimal;
import java.time.Instant;

/** What a provider's parser extracts from a successful answer: a price and its quote time. */
record PriceAt(BigDecimal price, Instant quoteTime) {}
