package dev.marketdata.adapter.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.marketdata.domain.failure.InvalidInput;
import dev.marketdata.domain.failure.ProviderUnavailable;
import dev.marketdata.domain.model.Prices;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * JSON reading shared by the providers. Numbers become {@link BigDecimal} straight from their text
 * (never through a double, and with trailing zeros kept; Jackson converts number tokens of up to
 * 1000 characters, which is cheap whatever the exponent, and {@link Prices} bounds them before any
 * arithmetic); anything that is not the expected JSON fails as {@link ProviderUnavailable} of kind
 * BAD_RESPONSE.
 */
final class ProviderJson {
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .build();

  private static final int FLOAT_NOISE_MAX_SCALE = 30;
  private static final int FLOAT_NOISE_MAX_DIGITS = 40;

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

  /**
   * A price from a JSON number or a numeric string, exactly as written and within {@link Prices}'
   * bound; anything else is a bad answer whose message shows only a short prefix of the value.
   */
  static BigDecimal price(String provider, JsonNode node, String field) {
    try {
      if (node != null && node.isNumber()) {
        BigDecimal value = node.decimalValue();
        return Prices.require(
            field, node.isFloatingPointNumber() ? withoutFloatNoise(value) : value);
      }
      if (node != null && node.isTextual()) {
        return Prices.parse(field, node.asText().strip());
      }
    } catch (InvalidInput e) {
      // The rejected value comes back from Prices already cut to a short prefix.
      throw badResponse(
          provider,
          field + " is not a usable price (" + e.reason() + "): " + e.rejectedValue(),
          null);
    }
    throw badResponse(provider, field + " is missing", null);
  }

  /**
   * Finnhub and Yahoo send prices as JSON floating-point numbers, written from binary doubles:
   * {@code 1.0845986604690552} or {@code 166.69000244140625} carry noise past the tenth decimal.
   * Such a number is rounded half even to {@link Prices#MAX_SCALE} decimals before the bound is
   * checked; what is not a double's noise (a scale beyond 30, over 40 digits, or a value that
   * rounds to zero) is left for the bound to refuse, so {@code 1e-999999999} costs nothing and is
   * refused.
   */
  static BigDecimal withoutFloatNoise(BigDecimal value) {
    if (value.scale() > Prices.MAX_SCALE
        && value.scale() <= FLOAT_NOISE_MAX_SCALE
        && value.precision() <= FLOAT_NOISE_MAX_DIGITS) {
      return value.setScale(Prices.MAX_SCALE, RoundingMode.HALF_EVEN);
    }
    return value;
  }

  /** An instant from a JSON integer of unix seconds. */
  static Instant epochSeconds(String provider, JsonNode node, String field) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw badResponse(provider, field + " is not unix seconds", null);
    }
    long seconds = node.longValue();
    if (seconds <= 0 || seconds > Instant.MAX.getEpochSecond()) {
      throw badResponse(provider, field + " is not a time: " + seconds, null);
    }
    return Instant.ofEpochSecond(seconds);
  }

  static ProviderUnavailable badResponse(String provider, String detail, Throwable cause) {
    return new ProviderUnavailable(provider, ProviderUnavailable.Kind.BAD_RESPONSE, detail, cause);
  }
}
