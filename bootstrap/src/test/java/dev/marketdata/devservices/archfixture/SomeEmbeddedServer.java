package dev.marketdata.devservices.archfixture;

/** Stands for an embedded server in the devservices package. */
public class SomeEmbeddedServer {}
