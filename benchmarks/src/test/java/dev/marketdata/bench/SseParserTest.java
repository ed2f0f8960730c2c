package dev.marketdata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  private final List<String> seen = new ArrayList<>();
  private final SseParser parser =
      new SseParser(
          new SseParser.Listener() {
            @Override
            public void onEvent(String id, String event, String data) {
              seen.add(id + "|" + event + "|" + data);
            }

            @Override
            public void onComment(String comment) {
              seen.add("comment " + comment);
            }
          });

  @Test
  void givenEventsSplitAcrossChunksAnywhere_feed_yieldsEachEventOnce() {
    String stream =
        "retry: 3000\n\nid: 7\nevent: snapshot\ndata: {\"prices\":[]}\n\n: ping\n\n"
            + "id: 8\nevent: price\ndata: {\"symbol\":\"AAPL\"}\n\nid: 9\r\nevent: average\r\ndata: a\r\ndata: b\r\n\r\n";
    List<String> whole = feedInChunks(stream, stream.length());
    for (int size = 1; size < 12; size++) {
      assertThat(feedInChunks(stream, size)).isEqualTo(whole);
    }
    assertThat(whole)
        .containsExactly(
            "7|snapshot|{\"prices\":[]}",
            "comment ping",
            "8|price|{\"symbol\":\"AAPL\"}",
            "9|average|a\nb");
  }

  @Test
  void givenAnUnfinishedEvent_feed_holdsItUntilTheBlankLine() {
    parser.feed(Buffer.buffer("id: 1\nevent: price\ndata: x\n"));
    assertThat(seen).isEmpty();

    parser.feed(Buffer.buffer("\n"));
    assertThat(seen).containsExactly("1|price|x");
  }

  private List<String> feedInChunks(String stream, int size) {
    seen.clear();
    byte[] bytes = stream.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int at = 0; at < bytes.length; at += size) {
      parser.feed(
          Buffer.buffer(
              java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size))));
    }
    return List.copyOf(seen);
  }
}
