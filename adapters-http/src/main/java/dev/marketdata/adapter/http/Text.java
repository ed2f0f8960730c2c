package dev.marketdata.adapter.http;

/** Makes client-supplied text safe to echo: printable, and short. */
final class Text {
  private Text() {}

  static String printable(String text, int maxCodePoints) {
    if (text == null) {
      return null;
    }
    if (isShortPrintableAscii(text, maxCodePoints)) {
      return text; // the common case, without building a copy
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

  private static boolean isShortPrintableAscii(String text, int maxCodePoints) {
    if (text.length() > maxCodePoints) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }
}
