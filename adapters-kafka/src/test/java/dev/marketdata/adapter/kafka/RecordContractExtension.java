package dev.marketdata.adapter.kafka;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test whose service producers sent a record that does not match {@code
 * docs/asyncapi.yaml}; registered for every test by JUnit's extension auto-detection ({@code
 * junit-platform.properties} and {@code META-INF/services}).
 */
public final class RecordContractExtension implements AfterEachCallback {
  @Override
  public void afterEach(ExtensionContext context) {
    List<String> violations = RecordContractInterceptor.takeViolations();
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "records not matching docs/asyncapi.yaml:\n  " + String.join("\n  ", violations));
    }
  }
}
