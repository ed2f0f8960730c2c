package dev.marketdata.adapter.provider;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A client span per HTTP call to a provider ({@code GET}, kind CLIENT, OpenTelemetry's HTTP
 * attribute names), a child of the context the call was made in, which {@link HttpQuoteProvider}
 * tags the request with: OkHttp runs this on its dispatcher thread, and a retry on the retry
 * scheduler's, where no context is current. The URL is recorded without its query (Alpha Vantage's
 * key travels there) and no trace header is sent: the providers are third parties, they have no use
 * for our trace ids.
 */
final class TracingInterceptor implements Interceptor {
  private final Tracer tracer;

  TracingInterceptor(Tracer tracer) {
    this.tracer = tracer;
  }

  /** {@code request} tagged with the context its span is to be a child of. */
  static Request tagged(Request request, Context parent) {
    return request.newBuilder().tag(Context.class, parent).build();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Context parent = request.tag(Context.class);
    Span span =
        tracer
            .spanBuilder(request.method())
            .setParent(parent == null ? Context.current() : parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("http.request.method", request.method())
            .setAttribute("server.address", request.url().host())
            .setAttribute("server.port", (long) request.url().port())
            .setAttribute("url.path", request.url().encodedPath())
            .startSpan();
    try {
      Response response = chain.proceed(request);
      span.setAttribute("http.response.status_code", (long) response.code());
      if (response.code() >= 400) {
        span.setStatus(StatusCode.ERROR);
      }
      return response;
    } catch (IOException | RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }
}
