package dev.marketdata.bootstrap.embedded.archfixture;

/** Stands for a class of the embedded seam, which only the dev jar carries. */
public class SomeStarter {}
