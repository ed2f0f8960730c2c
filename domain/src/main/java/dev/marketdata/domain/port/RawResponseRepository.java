package dev.marketdata.domain.port;

import dev.marketdata.domain.model.RawResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Reads stored raw provider responses back, byte for byte. */
public interface RawResponseRepository {
  CompletionStage<Optional<RawResponse>> find(UUID id);
}
