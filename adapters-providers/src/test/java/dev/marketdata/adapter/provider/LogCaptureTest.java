package dev.marketdata.adapter.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The capture used by the no-key-in-logs checks must itself catch a key wherever it appears. */
class LogCaptureTest {
  private static final String SECRET = "SECRET-123";

  @Test
  void givenKeyInAKeyValue_assertNoLineContains_fails() {
    LogCapture logs = new LogCapture();
    logs.attach();
    LoggerFactory.getLogger("test").atDebug().addKeyValue("url", "/q?apikey=" + SECRET).log("x");
    logs.detach();

    assertThatThrownBy(() -> logs.assertNoLineContains(SECRET)).isInstanceOf(AssertionError.class);
  }

  @Test
  void givenKeyInAnExceptionMessage_assertNoLineContains_fails() {
    LogCapture logs = new LogCapture();
    logs.attach();
    LoggerFactory.getLogger("test").warn("failed", new IllegalStateException("key " + SECRET));
    logs.detach();

    assertThatThrownBy(() -> logs.assertNoLineContains(SECRET)).isInstanceOf(AssertionError.class);
  }

  @Test
  void givenCleanLines_assertNoLineContains_passes() {
    LogCapture logs = new LogCapture();
    logs.attach();
    LoggerFactory.getLogger("test").info("nothing to hide {}", 42);
    logs.detach();

    logs.assertNoLineContains(SECRET);
    assertThat(logs.lines()).singleElement().asString().contains("nothing to hide 42");
  }
}
