package dev.marketdata.adapter.provider;

import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * The one shared {@link OkHttpClient} and the per-provider clients derived from it, which share its
 * dispatcher and connection pool.
 */
public final class ProviderClients {
  private ProviderClients() {}

  /**
   * The shared client. OkHttp's silent retry on connection failure is off: retries are ours, so
   * each one is counted against the provider's budget.
   */
  public static OkHttpClient shared() {
    return new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
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
