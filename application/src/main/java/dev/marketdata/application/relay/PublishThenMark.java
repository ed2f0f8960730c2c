package dev.marketdata.application.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What both relays do with a claimed batch (price events and averages): publish it, and only once
 * the broker acknowledged it mark it published; a failed publish gives the rows back at once rather
 * than at the lease's end (if even that fails, the lease still frees them), and the step fails with
 * the publisher's failure.
 */
final class PublishThenMark {
  private PublishThenMark() {}

  /** The number of rows published, after {@code mark}; an empty claim does nothing. */
  static <R, E> CompletionStage<Integer> relay(
      List<R> claimed,
      Function<R, E> event,
      ToLongFunction<R> id,
      Function<List<E>, CompletionStage<Void>> publish,
      Function<List<Long>, CompletionStage<Void>> mark,
      Function<List<Long>, CompletionStage<Void>> release) {
    if (claimed.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    List<E> events = new ArrayList<>(claimed.size());
    List<Long> ids = new ArrayList<>(claimed.size());
    for (R row : claimed) {
      events.add(event.apply(row));
      ids.add(id.applyAsLong(row));
    }
    return publish
        .apply(events)
        .handle(
            (done, failure) ->
                failure == null
                    ? mark.apply(ids).thenApply(marked -> claimed.size())
                    : release
                        .apply(ids)
                        .handle((released, releaseFailure) -> null)
                        .thenCompose(ignored -> CompletableFuture.<Integer>failedFuture(failure)))
        .thenCompose(next -> next);
  }
}
