package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a quote or event sits in a distributed trace, as the W3C Trace Context texts ({@code
 * traceparent}, and {@code tracestate} when any): opaque to the core, which only carries it from
 * the fetch to the stored outbox row and on to the consumer, so one price can be followed through
 * every process. {@link #NONE} when the work was not traced.
 */
public record TraceContext(Optional<String> traceparent, Optional<String> tracestate) {
  /** Not traced: nothing stored, no header sent. */
  public static final TraceContext NONE = new TraceContext(Optional.empty(), Optional.empty());

  // version-traceid-parentid-flags, lower-case hex (W3C Trace Context, level 1); longer lines of a
  // future version keep these four fields first.
  private static final Pattern TRACEPARENT =
      Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");

  /** W3C limits tracestate to 32 members; 512 characters is what propagators must keep. */
  static final int MAX_TRACESTATE = 512;

  public TraceContext {
    Required.field("traceparent", traceparent);
    Required.field("tracestate", tracestate);
    traceparent.ifPresent(
        text -> {
          if (text.length() > 128 || !TRACEPARENT.matcher(text).matches()) {
            throw new InvalidInput("traceparent", text, "must be a W3C traceparent");
          }
        });
    if (traceparent.isEmpty() && tracestate.isPresent()) {
      throw new InvalidInput("tracestate", tracestate.get(), "needs a traceparent");
    }
    tracestate.ifPresent(
        text -> {
          if (text.length() > MAX_TRACESTATE) {
            throw new InvalidInput(
                "tracestate", text.length() + " characters", "must be at most 512 characters");
          }
        });
  }

  /**
   * The context these texts give, or {@link #NONE} when {@code traceparent} is null, blank or not a
   * W3C traceparent (an old producer's record, a foreign header): a bad trace header never costs
   * the event it came with.
   */
  public static TraceContext lenient(String traceparent, String tracestate) {
    if (traceparent == null || traceparent.isBlank()) {
      return NONE;
    }
    try {
      String state = tracestate == null || tracestate.isBlank() ? null : tracestate;
      return new TraceContext(Optional.of(traceparent), Optional.ofNullable(state));
    } catch (InvalidInput e) {
      return NONE;
    }
  }

  public boolean isPresent() {
    return traceparent.isPresent();
  }
}
