package dev.marketdata.adapter.http;

/** Makes client-supplied text safe to echo: printable, and short. */
final class Text {
  private Text() {}

  static String printable(String text, int maxCodePoints) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(maxCodePoints)
        .forEach(
            cp ->
                out.append(
                    Character.isISOControl(cp) || !Character.isDefined(cp)
                        ? "?"
                        : Character.toString(cp)));
    if (text.codePointCount(0, text.length()) > maxCodePoints) {
      out.append('…');
    }
    return out.toString();
  }
}
