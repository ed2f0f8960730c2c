package dev.marketdata.bootstrap.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a process runs; {@code MDS_ROLES} picks a subset so each can scale on its own. */
public enum Role {
  API,
  POLLER,
  RELAY,
  CONSUMER;

  /** Roles written as {@code api,relay}; a bad list fails saying what it must be. */
  static Set<Role> parse(String csv) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String part : csv.split(",")) {
      String name = part.strip();
      if (name.isEmpty()) {
        continue;
      }
      try {
        roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("must list roles from api,poller,relay,consumer");
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("must name at least one role");
    }
    return roles;
  }
}
