package dev.marketdata.adapter.persistence;

import dev.marketdata.devservices.postgres.PostgresExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class one {@link PgTestStore} on a fresh, migrated database, injected as a
 * parameter (constructor, {@code @BeforeAll} or test method) and closed after the class.
 */
final class PgStoreExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PgTestStore.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return PostgresExtension.onClassDatabase(context, PgTestStore.class, PgTestStore::start);
  }
}
