package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/** A provider's answer exactly as received, kept so every price can be traced back to it. */
public final class RawResponse {
  private final UUID id;
  private final ProviderId provider;
  private final Symbol symbol;
  private final int httpStatus;
  private final byte[] body;
  private final String contentType;
  private final Instant fetchedAt;

  public RawResponse(
      UUID id,
      ProviderId provider,
      Symbol symbol,
      int httpStatus,
      byte[] body,
      String contentType,
      Instant fetchedAt) {
    this.id = Required.field("id", id);
    this.provider = Required.field("provider", provider);
    this.symbol = Required.field("symbol", symbol);
    if (httpStatus < 100 || httpStatus > 599) {
      throw new InvalidInput("httpStatus", httpStatus, "must be an HTTP status code");
    }
    this.httpStatus = httpStatus;
    this.body = Required.field("body", body).clone();
    this.contentType = contentType;
    this.fetchedAt = Required.field("fetchedAt", fetchedAt);
  }

  public UUID id() {
    return id;
  }

  public ProviderId provider() {
    return provider;
  }

  public Symbol symbol() {
    return symbol;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The body byte for byte; a copy, so the stored response cannot be changed. */
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8, for reading; {@link #body()} is the record of truth. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The Content-Type the provider sent, or null when it sent none. */
  public String contentType() {
    return contentType;
  }

  public Instant fetchedAt() {
    return fetchedAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawResponse r
        && id.equals(r.id)
        && provider.equals(r.provider)
        && symbol.equals(r.symbol)
        && httpStatus == r.httpStatus
        && Arrays.equals(body, r.body)
        && Objects.equals(contentType, r.contentType)
        && fetchedAt.equals(r.fetchedAt);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "RawResponse[id="
        + id
        + ", provider="
        + provider
        + ", symbol="
        + symbol
        + ", httpStatus="
        + httpStatus
        + ", bytes="
        + body.length
        + ", fetchedAt="
        + fetchedAt
        + "]";
  }
}
