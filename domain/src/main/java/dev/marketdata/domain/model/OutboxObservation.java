package dev.marketdata.domain.model;

/**
 * What one read of an outbox saw (ADR 0016): the table's highest id {@code maxId}, and the next
 * transaction id {@code xnext} read while it ran. Every id at or below {@code maxId} that will ever
 * exist is visible to a snapshot whose {@code xmin} has reached {@code xnext} (the gap rule of ADR
 * 0012), so from then on {@code maxId} is final.
 */
public record OutboxObservation(long maxId, long xnext) {}
