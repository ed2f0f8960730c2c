package dev.marketdata.adapter.http;

/** The metrics registry as Prometheus text exposition format 0.0.4, for {@code GET /metrics}. */
public interface MetricsScraper {
  String scrape();
}
