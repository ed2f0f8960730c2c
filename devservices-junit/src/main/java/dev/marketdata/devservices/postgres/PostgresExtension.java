package dev.marketdata.devservices.postgres;

import java.util.function.Function;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension giving each test class a fresh, empty PostgreSQL database, injected as a {@link
 * PostgresDatabase} parameter (into {@code @BeforeAll}, constructors or test methods).
 *
 * <p>One server serves the whole test JVM: the embedded PostgreSQL, started on first use and
 * stopped when JUnit closes its root store (zonky's shutdown hook is the backstop). When the
 * environment variable {@value #EXTERNAL_URL_ENV} (or the system property {@value
 * #EXTERNAL_URL_PROPERTY}) holds a URL such as {@code postgresql://postgres@127.0.0.1:5432/test},
 * that server is used instead; the databases are still created fresh per class, and dropped after
 * it.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {
  public static final String EXTERNAL_URL_ENV = "MDS_TEST_DATABASE_URL";
  public static final String EXTERNAL_URL_PROPERTY = "mds.test.database.url";

  private static final Logger LOG = LoggerFactory.getLogger(PostgresExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    return database(context);
  }

  /** The server of this test JVM, started on first use. */
  public static PostgresServer server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(PostgresServer.class, key -> startServer(), PostgresServer.class);
  }

  private static PostgresServer startServer() {
    String url = System.getProperty(EXTERNAL_URL_PROPERTY, System.getenv(EXTERNAL_URL_ENV));
    PostgresServer server =
        url == null || url.isBlank() ? PostgresServer.embedded() : PostgresServer.external(url);
    LOG.info("test PostgreSQL server={}", server);
    return server;
  }

  /**
   * A resource on the test class's database, such as a migrated store with a pool on it: built once
   * per class by {@code factory}, and closed after the class, before the database is dropped (JUnit
   * closes a store's values in the reverse order they were stored).
   */
  public static <T extends AutoCloseable> T onClassDatabase(
      ExtensionContext context, Class<T> type, Function<PostgresDatabase, T> factory) {
    PostgresDatabase database = database(context);
    return classContext(context)
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(type, key -> factory.apply(database), type);
  }

  private static PostgresDatabase database(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    PostgresServer server = server(context);
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            ClassDatabase.class,
            key -> {
              String prefix = "t_" + classContext.getRequiredTestClass().getSimpleName();
              return new ClassDatabase(server, server.createDatabase(prefix));
            },
            ClassDatabase.class)
        .database();
  }

  /** The context of the test class, whether we are asked from a method or the class itself. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  /** A per-class database, dropped when JUnit closes the class's store. */
  private record ClassDatabase(PostgresServer server, PostgresDatabase database)
      implements AutoCloseable {
    @Override
    public void close() {
      server.dropDatabase(database);
    }
  }
}
