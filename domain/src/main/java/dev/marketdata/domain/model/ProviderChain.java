package dev.marketdata.domain.model;

import dev.marketdata.domain.failure.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The providers to ask for a quote, in order: the first serves unless it fails in a way that {@link
 * dev.marketdata.domain.failure.Fallback#eligible} allows the next to be tried.
 */
public record ProviderChain(List<ProviderId> providers) {
  /** A chain longer than this spends budgets of many providers on one answer; refuse it. */
  public static final int MAX_PROVIDERS = 5;

  public ProviderChain {
    providers = validated("provider", providers);
  }

  public static ProviderChain of(ProviderId single) {
    return new ProviderChain(List.of(Objects.requireNonNull(single, "single")));
  }

  /**
   * Parses {@code "finnhub,yahoo"}; every error is an {@link InvalidInput} naming {@code field}
   * (such as {@code provider} or {@code MDS_FALLBACK_PROVIDERS}) and the value given.
   */
  public static ProviderChain parse(String field, String commaSeparated) {
    Objects.requireNonNull(field, "field");
    if (commaSeparated == null || commaSeparated.isBlank()) {
      throw new InvalidInput(field, commaSeparated, "must name at least one provider");
    }
    List<ProviderId> parsed = new ArrayList<>();
    for (String part : commaSeparated.split(",", -1)) {
      if (part.isBlank()) {
        throw new InvalidInput(
            field, commaSeparated, "must be a comma-separated list of provider names");
      }
      try {
        parsed.add(ProviderId.of(part));
      } catch (InvalidInput e) {
        throw new InvalidInput(field, commaSeparated, e.reason());
      }
    }
    return new ProviderChain(validated(field, parsed));
  }

  private static List<ProviderId> validated(String field, List<ProviderId> providers) {
    if (providers == null || providers.isEmpty()) {
      throw new InvalidInput(field, null, "must name at least one provider");
    }
    List<ProviderId> copy = List.copyOf(providers);
    if (copy.size() > MAX_PROVIDERS) {
      throw new InvalidInput(
          field, wire(copy), "must name at most " + MAX_PROVIDERS + " providers");
    }
    // Built on every request that names a provider: no set, no string unless it fails.
    for (int i = 1; i < copy.size(); i++) {
      if (copy.subList(0, i).contains(copy.get(i))) {
        throw new InvalidInput(field, wire(copy), "must not name a provider twice");
      }
    }
    return copy;
  }

  private static String wire(List<ProviderId> providers) {
    return providers.stream().map(ProviderId::value).collect(Collectors.joining(","));
  }

  public ProviderId first() {
    return providers.get(0);
  }

  /** True when there is nothing to fall back to. */
  public boolean single() {
    return providers.size() == 1;
  }

  public boolean contains(ProviderId provider) {
    return providers.contains(provider);
  }

  /** This chain with {@code head} in front, unless {@code head} is already in it. */
  public ProviderChain startingWith(ProviderId head) {
    if (providers.contains(head)) {
      return this;
    }
    List<ProviderId> list = new ArrayList<>(providers.size() + 1);
    list.add(head);
    list.addAll(providers);
    return new ProviderChain(list.size() > MAX_PROVIDERS ? list.subList(0, MAX_PROVIDERS) : list);
  }

  /** As the API and the environment write it: {@code finnhub,yahoo}. */
  public String wire() {
    return providers.stream().map(ProviderId::value).collect(Collectors.joining(","));
  }

  @Override
  public String toString() {
    return wire();
  }
}
