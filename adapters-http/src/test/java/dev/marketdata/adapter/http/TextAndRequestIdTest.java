package dev.marketdata.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TextAndRequestIdTest {
  @Test
  void givenShortPrintableAscii_printable_returnsItUnchanged() {
    String path = "/prices/latest";
    assertThat(Text.printable(path, 200)).isSameAs(path);
  }

  @Test
  void givenControlOrUndefinedCharacters_printable_replacesThem() {
    assertThat(Text.printable("a\u0000b\nc\u0378", 10)).isEqualTo("a?b?c?");
    assertThat(Text.printable("Zürich €", 10)).isEqualTo("Zürich €");
  }

  @Test
  void givenTooLongText_printable_cutsItAtTheLimitAndSaysSo() {
    assertThat(Text.printable("ABCDEFGH", 3)).isEqualTo("ABC…");
    assertThat(Text.printable("ABC", 3)).isEqualTo("ABC");
    assertThat(Text.printable(null, 3)).isNull();
  }

  @Test
  void newId_isARandomVersion4Uuid() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = RequestIds.newId();
      UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(uuid.toString()).isEqualTo(id);
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }
}
