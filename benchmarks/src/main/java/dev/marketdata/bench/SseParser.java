package dev.marketdata.bench;

import io.vertx.core.buffer.Buffer;

/**
 * An incremental text/event-stream parser for one connection: fed the chunks as they arrive (a line
 * may be split across chunks), it calls the listener once per complete event (at the blank line
 * that ends it) and once per comment line ({@code : ping}).
 */
final class SseParser {
  /** What the parser found. */
  interface Listener {
    void onEvent(String id, String event, String data);

    void onComment(String comment);
  }

  private final Listener listener;
  private Buffer pending; // an incomplete line carried over to the next chunk
  private String id;
  private String event;
  private StringBuilder data;

  SseParser(Listener listener) {
    this.listener = listener;
  }

  void feed(Buffer chunk) {
    Buffer buf = pending == null ? chunk : pending.appendBuffer(chunk);
    int lineStart = 0;
    int length = buf.length();
    for (int i = 0; i < length; i++) {
      if (buf.getByte(i) == '\n') {
        int end = i > lineStart && buf.getByte(i - 1) == '\r' ? i - 1 : i;
        line(buf.getString(lineStart, end, "UTF-8"));
        lineStart = i + 1;
      }
    }
    pending = lineStart < length ? buf.getBuffer(lineStart, length) : null;
  }

  private void line(String line) {
    if (line.isEmpty()) {
      if (data != null || event != null) {
        listener.onEvent(
            id, event == null ? "message" : event, data == null ? "" : data.toString());
      }
      event = null;
      data = null;
      return;
    }
    if (line.charAt(0) == ':') {
      listener.onComment(line.substring(1).trim());
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "id" -> id = value;
      case "event" -> event = value;
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
      default -> {} // retry and unknown fields: nothing to measure
    }
  }
}
