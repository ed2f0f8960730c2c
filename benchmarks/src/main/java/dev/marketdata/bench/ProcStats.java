package dev.marketdata.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads /proc for a process and its helpers: VmRSS and CPU time (Linux only). */
final class ProcStats {
  static final double CLOCK_TICKS = 100.0; // USER_HZ on Linux

  private ProcStats() {}

  /** Resident set sizes in MiB: the process itself, and the sum over its helper processes. */
  record Memory(double selfMiB, double childrenMiB) {}

  /** CPU seconds (user + system): the process itself, and the sum over its helper processes. */
  record Cpu(double selfSeconds, double childrenSeconds) {
    Cpu minus(Cpu earlier) {
      return new Cpu(selfSeconds - earlier.selfSeconds, childrenSeconds - earlier.childrenSeconds);
    }
  }

  static Memory memory(ProcessHandle process, String helperMarker) {
    double self = rssKiB(process.pid()) / 1024.0;
    double children = helpers(process, helperMarker).mapToLong(p -> rssKiB(p.pid())).sum() / 1024.0;
    return new Memory(self, children);
  }

  static Cpu cpu(ProcessHandle process, String helperMarker) {
    double self = cpuTicks(process.pid()) / CLOCK_TICKS;
    double children =
        helpers(process, helperMarker).mapToLong(p -> cpuTicks(p.pid())).sum() / CLOCK_TICKS;
    return new Cpu(self, children);
  }

  /**
   * The processes working for {@code process}: its descendants, plus every process whose command
   * line holds {@code helperMarker}, and theirs. pg_ctl daemonizes the embedded PostgreSQL, so its
   * postmaster is re-parented away from the JVM; its data folder in the command line finds it.
   */
  static Stream<ProcessHandle> helpers(ProcessHandle process, String helperMarker) {
    Set<Long> seen = new HashSet<>();
    List<ProcessHandle> out = new ArrayList<>();
    Stream.concat(
            process.descendants(),
            ProcessHandle.allProcesses()
                .filter(p -> p.pid() != process.pid() && cmdline(p.pid()).contains(helperMarker))
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants())))
        .forEach(
            p -> {
              if (seen.add(p.pid())) {
                out.add(p);
              }
            });
    return out.stream();
  }

  /**
   * Every process (but this JVM) whose command line holds {@code marker}, and their descendants:
   * e.g. the PostgreSQL processes of one data folder, whoever started them.
   */
  static Stream<ProcessHandle> matching(String marker) {
    long self = ProcessHandle.current().pid();
    Set<Long> seen = new HashSet<>();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self && cmdline(p.pid()).contains(marker))
        .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
        .filter(p -> seen.add(p.pid()));
  }

  private static String cmdline(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")))
          .replace((char) 0, ' ');
    } catch (IOException gone) {
      return ""; // ended between listing and reading
    }
  }

  static long rssKiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return parseKiB(line);
        }
      }
      return 0;
    } catch (IOException gone) {
      return 0; // the process ended between listing and reading
    }
  }

  static long parseKiB(String vmRssLine) {
    String[] parts = vmRssLine.trim().split("\\s+");
    return Long.parseLong(parts[1]);
  }

  static long cpuTicks(long pid) {
    try {
      return parseStatTicks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    } catch (IOException gone) {
      return 0;
    }
  }

  /** utime + stime from a /proc/pid/stat line; the command name may hold spaces and parens. */
  static long parseStatTicks(String stat) {
    String afterName = stat.substring(stat.lastIndexOf(')') + 2);
    List<String> f = List.of(afterName.trim().split("\\s+"));
    // afterName starts at field 3 (state); utime is field 14, stime field 15.
    return Long.parseLong(f.get(11)) + Long.parseLong(f.get(12));
  }
}
