package dev.marketdata.application.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Deliberately breaks the application rule: a use case that parses JSON itself. */
public class ApplicationUsingJackson {
  public final ObjectMapper mapper = new ObjectMapper();
}
