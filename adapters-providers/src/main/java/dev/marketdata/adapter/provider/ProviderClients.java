package dev.marketdata.adapter.provider;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * The one shared {@link OkHttpClient} and the per-provider clients derived from it, which share its
 * dispatcher and connection pool.
 */
public final class ProviderClients {
  /**
   * Calls in flight to one provider's host. Our own limits decide how many calls go at once (the
   * budgets and pacing, {@code MDS_POLL_MAX_CONCURRENT_FETCHES} per chunk with 4 chunks per
   * provider: 128 at the defaults); OkHttp's default of 5 per host held the rest in its queue, so a
   * provider answering in 500 ms got 10 calls a second from a replica and runs missed their
   * deadline. This is only a ceiling for runaway settings.
   */
  static final int MAX_CALLS_PER_HOST = 256;

  /** Calls in flight to all providers together. */
  static final int MAX_CALLS = 1024;

  private ProviderClients() {}

  /**
   * The shared client. OkHttp's silent retry on connection failure is off: retries are ours, so
   * each one is counted against the provider's budget.
   */
  public static OkHttpClient shared() {
    return shared(OpenTelemetry.noop().getTracer("market-data-service"));
  }

  /** The shared client, with a client span per call recorded by {@code tracer}. */
  public static OkHttpClient shared(Tracer tracer) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(MAX_CALLS);
    dispatcher.setMaxRequestsPerHost(MAX_CALLS_PER_HOST);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .retryOnConnectionFailure(false)
        .addInterceptor(new TracingInterceptor(tracer))
        .build();
  }

  static OkHttpClient derive(
      OkHttpClient shared, Timeouts timeouts, List<? extends Interceptor> interceptors) {
    OkHttpClient.Builder builder =
        shared
            .newBuilder()
            .retryOnConnectionFailure(false)
            .connectTimeout(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(timeouts.read().toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(timeouts.read().toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(timeouts.call().toMillis(), TimeUnit.MILLISECONDS);
    interceptors.forEach(builder::addInterceptor);
    return builder.build();
  }

  /** Stops the shared dispatcher's threads and closes pooled connections. */
  public static void close(OkHttpClient shared) {
    shared.dispatcher().cancelAll();
    shared.dispatcher().executorService().shutdown();
    shared.connectionPool().evictAll();
  }
}
