package dev.marketdata.adapter.provider;

import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds a provider's API key to each request at the last moment, so code that builds or logs a
 * request never holds the key.
 */
public final class ApiKeyInterceptor implements Interceptor {
  private enum Placement {
    QUERY_PARAMETER,
    HEADER
  }

  private final Placement placement;
  private final String name;
  private final String key;

  private ApiKeyInterceptor(Placement placement, String name, String key) {
    this.placement = placement;
    this.name = Objects.requireNonNull(name, "name");
    this.key = Objects.requireNonNull(key, "key");
  }

  public static ApiKeyInterceptor queryParameter(String name, String key) {
    return new ApiKeyInterceptor(Placement.QUERY_PARAMETER, name, key);
  }

  public static ApiKeyInterceptor header(String name, String key) {
    return new ApiKeyInterceptor(Placement.HEADER, name, key);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request withKey =
        switch (placement) {
          case QUERY_PARAMETER ->
              request
                  .newBuilder()
                  .url(request.url().newBuilder().setQueryParameter(name, key).build())
                  .build();
          case HEADER -> request.newBuilder().header(name, key).build();
        };
    return chain.proceed(withKey);
  }

  @Override
  public String toString() {
    return "ApiKeyInterceptor[" + placement + " " + name + "=***]";
  }
}
