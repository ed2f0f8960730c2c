package dev.marketdata.adapter.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.model.Prices;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * JSON reading shared by the providers. Numbers become {@link BigDecimal} straight from their text
 * (never through a double, and with trailing zeros kept); anything that is not the expected JSON
 * fails as {@link ProviderUnavailable} of kind BAD_RESPONSE.
 */
final class ProviderJson {
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .build();

  private ProviderJson() {}

  /** The body as a JSON object, or BAD_RESPONSE (HTML, truncated JSON, an array, nothing). */
  static JsonNode object(String provider, byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw badResponse(provider, "body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw badResponse(provider, "body could not be read", e);
    }
    if (node == null || !node.isObject()) {
      throw badResponse(provider, "body is not a JSON object", null);
    }
    return node;
  }

  /** A positive price from a JSON number or a numeric string, exactly as written. */
  static BigDecimal price(String provider, JsonNode node, String field) {
    BigDecimal value;
    if (node != null && node.isNumber()) {
      value = node.decimalValue();
    } else if (node != null && node.isTextual()) {
      try {
        value = new BigDecimal(node.asText().strip());
      } catch (NumberFormatException e) {
        throw badResponse(provider, field + " is not a number", e);
      }
    } else {
      throw badResponse(provider, field + " is missing", null);
    }
    if (value.signum() <= 0 || value.compareTo(Prices.MAX) > 0) {
      throw badResponse(provider, field + " is not a usable price: " + value.toPlainString(), null);
    }
    return value;
  }

  /** An instant from a JSON integer of unix seconds. */
  static Instant epochSeconds(String provider, JsonNode node, String field) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw badResponse(provider, field + " is not unix seconds", null);
    }
    long seconds = node.longValue();
    if (seconds <= 0) {
      throw badResponse(provider, field + " is not a time: " + seconds, null);
    }
    return Instant.ofEpochSecond(seconds);
  }

  static ProviderUnavailable badResponse(String provider, String detail, Throwable cause) {
    return new ProviderUnavailable(provider, ProviderUnavailable.Kind.BAD_RESPONSE, detail, cause);
  }
}
