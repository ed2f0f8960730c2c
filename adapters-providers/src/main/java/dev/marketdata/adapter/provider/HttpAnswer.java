package dev.marketdata.adapter.provider;

import java.time.Instant;
import okhttp3.Headers;

/** One HTTP answer as received: status, headers and the body bytes, with the time it arrived. */
record HttpAnswer(int status, Headers headers, byte[] body, String contentType, Instant fetchedAt) {
  String header(String name) {
    return headers.get(name);
  }
}
