package dev.marketdata.application.relay;

/**
 * Publishes the oldest waiting changed averages to their topic and marks them published once
 * acknowledged; one step of the same loop that drives the price-event relay.
 */
public interface RelayAveragesUseCase extends RelayOutboxUseCase {}
