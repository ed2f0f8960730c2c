package dev.marketdata.adapter.beta.archfixture;

/** A well-behaved adapter class. */
public class BetaAdapter {}
