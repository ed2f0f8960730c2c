package dev.marketdata.devservices.kafka;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands tests a {@link TestKafka}: one real broker per test JVM, started on
 * first use and shut down when the run ends. Set {@value TestKafka#EXTERNAL_ENV} to run the same
 * tests against an external broker instead.
 */
public final class KafkaExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestKafka.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // The root store lives for the whole run, so every test class shares one broker.
    KafkaBrokerHolder broker =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                KafkaBrokerHolder.class,
                key -> KafkaBrokerHolder.connect(),
                KafkaBrokerHolder.class);
    String owner = context.getRequiredTestClass().getSimpleName();
    return new TestKafka(broker, owner);
  }
}
