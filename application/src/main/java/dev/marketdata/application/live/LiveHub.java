package dev.marketdata.application.live;

import dev.marketdata.domain.model.LiveEvent;
import dev.marketdata.domain.model.ProviderId;
import dev.marketdata.domain.model.Symbol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fan-out of one process: who listens to which (symbol, provider), and the feed's position.
 * Subscribing returns the position atomically with the registration, so a subscriber receives
 * exactly the events above it: what it missed below comes from a replay, with no gap and no repeat.
 * Subscribers are called on the feed's thread and must hand the events to their own.
 */
public final class LiveHub {
  /** A connection: which events it wants, and how it takes a batch of them. */
  public interface Subscriber {
    boolean wants(LiveEvent event);

    /** Called on the feed's thread with events in ascending id order; must not block. */
    void deliver(List<LiveEvent> events);
  }

  private record Subject(Symbol symbol, ProviderId provider) {}

  private final Map<Subject, Set<Subscriber>> subscribers = new HashMap<>();
  private final Map<Subscriber, Integer> connected = new HashMap<>();
  private long position = -1;

  /** Called once by the feed with the position it starts from. */
  public synchronized void start(long startPosition) {
    position = startPosition;
  }

  /** True once the feed has started. */
  public synchronized boolean started() {
    return position >= 0;
  }

  /** The id of the last event the feed handed out. */
  public synchronized long position() {
    return position;
  }

  /** How many subscribers are registered (for any subject). */
  public synchronized int subscriberCount() {
    return connected.size();
  }

  /**
   * Adds {@code subscriber} to these subjects (others it has stay) and returns the position: every
   * event above it will be delivered to it, none at or below.
   */
  public synchronized long subscribe(
      Subscriber subscriber, Collection<Symbol> symbols, ProviderId provider) {
    for (Symbol symbol : symbols) {
      if (subscribers
          .computeIfAbsent(new Subject(symbol, provider), s -> new LinkedHashSet<>())
          .add(subscriber)) {
        connected.merge(subscriber, 1, Integer::sum);
      }
    }
    connected.putIfAbsent(subscriber, 0);
    return position;
  }

  /** Removes {@code subscriber} from these subjects. */
  public synchronized void unsubscribe(
      Subscriber subscriber, Collection<Symbol> symbols, ProviderId provider) {
    for (Symbol symbol : symbols) {
      Subject subject = new Subject(symbol, provider);
      Set<Subscriber> set = subscribers.get(subject);
      if (set != null && set.remove(subscriber)) {
        if (set.isEmpty()) {
          subscribers.remove(subject);
        }
        connected.computeIfPresent(subscriber, (s, n) -> n - 1);
      }
    }
  }

  /** Removes {@code subscriber} from every subject. */
  public synchronized void remove(Subscriber subscriber) {
    subscribers.values().removeIf(set -> set.remove(subscriber) && set.isEmpty());
    connected.remove(subscriber);
  }

  /**
   * Moves the position to {@code newPosition} only while nobody is subscribed, atomically with
   * {@link #subscribe}: a subscriber registered before it keeps the position it was given and is
   * owed every event above it, so then nothing moves. True when it moved (or was already there).
   */
  public synchronized boolean skipWhileUnsubscribed(long newPosition) {
    if (!connected.isEmpty()) {
      return false;
    }
    position = Math.max(position, newPosition);
    return true;
  }

  /**
   * Hands each subscriber the events it wants, in order, and moves the position to {@code
   * newPosition} (which may lie past the last event when the feed skipped a gap).
   */
  public synchronized void publish(List<LiveEvent> events, long newPosition) {
    Map<Subscriber, List<LiveEvent>> batches = new LinkedHashMap<>();
    for (LiveEvent event : events) {
      Set<Subscriber> set = subscribers.get(new Subject(event.symbol(), event.provider()));
      if (set == null) {
        continue;
      }
      for (Subscriber s : set) {
        if (s.wants(event)) {
          batches.computeIfAbsent(s, k -> new ArrayList<>()).add(event);
        }
      }
    }
    position = Math.max(position, newPosition);
    batches.forEach(Subscriber::deliver);
  }
}
