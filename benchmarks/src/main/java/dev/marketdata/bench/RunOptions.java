package dev.marketdata.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The harness's command line: {@code <repo-root> [--smoke] [--live] [--tracing] [--part a,b]
 * [--sizes 100,1000] [--seconds N]}. A run narrowed by {@code --part}, {@code --sizes} or {@code
 * --seconds} is partial: it is not the published configuration, so it writes {@code
 * partial-<timestamp>.json} beside the smoke results and never {@code results/latest.*}.
 */
record RunOptions(
    Path root,
    boolean smoke,
    boolean liveOnly,
    boolean tracingOnly,
    Set<String> parts,
    List<Integer> sizes,
    Optional<Integer> seconds) {

  /** The part names of {@code --part} (contract of issue 20), plus the same-run ceilings. */
  static final List<String> PARTS =
      List.of(
          "http",
          "http_api_role",
          "pipeline_driver",
          "scale",
          "split_roles",
          "jmh",
          "startup",
          "live",
          "tracing",
          "ceilings");

  RunOptions {
    parts = Set.copyOf(parts);
    sizes = List.copyOf(sizes);
  }

  static RunOptions parse(String... args) {
    Path root = null;
    boolean smoke = false;
    boolean live = false;
    boolean tracing = false;
    Set<String> parts = new LinkedHashSet<>();
    List<Integer> sizes = new ArrayList<>();
    Optional<Integer> seconds = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      switch (name) {
        case "--smoke" -> smoke = true;
        case "--live" -> live = true;
        case "--tracing" -> tracing = true;
        case "--part", "--parts", "--sizes", "--seconds" -> {
          String value;
          if (a.contains("=")) {
            value = a.substring(a.indexOf('=') + 1);
          } else if (i + 1 < args.length) {
            value = args[++i];
          } else {
            throw new IllegalArgumentException(name + " needs a value");
          }
          if (name.equals("--seconds")) {
            seconds = Optional.of(positive(name, value));
          } else if (name.equals("--sizes")) {
            for (String s : list(name, value)) {
              sizes.add(positive(name, s));
            }
          } else {
            for (String p : list(name, value)) {
              if (!PARTS.contains(p)) {
                throw new IllegalArgumentException(
                    "--part: unknown part '" + p + "' (known: " + String.join(", ", PARTS) + ")");
              }
              parts.add(p);
            }
          }
        }
        default -> {
          if (a.startsWith("--") || root != null) {
            throw new IllegalArgumentException("unknown argument: " + a);
          }
          root = Path.of(a);
        }
      }
    }
    Path r = (root == null ? Path.of(".") : root).toAbsolutePath().normalize();
    return new RunOptions(r, smoke, live, tracing, parts, sizes, seconds);
  }

  private static List<String> list(String option, String value) {
    List<String> out = new ArrayList<>();
    for (String s : value.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(option + ": empty list '" + value + "'");
    }
    return out;
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value.replace("_", ""));
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the option's name
    }
    throw new IllegalArgumentException(option + ": not a positive whole number: '" + value + "'");
  }

  /** Whether the run is narrowed (and so writes only a partial-*.json). */
  boolean partial() {
    return !parts.isEmpty() || !sizes.isEmpty() || seconds.isPresent();
  }

  /** Whether {@code part} runs: every part when none was named, else only the named ones. */
  boolean runs(String part) {
    return parts.isEmpty() || parts.contains(part);
  }

  /** The sizes, with the overrides applied. */
  Params params() {
    Params p = smoke ? Params.smoke() : Params.full();
    if (!sizes.isEmpty()) {
      p = p.withSizes(sizes);
    }
    if (seconds.isPresent()) {
      p = p.withSeconds(seconds.get());
    }
    return p;
  }
}
