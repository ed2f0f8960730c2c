package dev.marketdata.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (Debian package {@code wrk}) and reads its {@code --latency} report. */
final class Wrk {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL =
      Pattern.compile("([0-9]+) requests in ([0-9.]+)(us|ms|s|m),");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
  private static final Pattern SOCKET =
      Pattern.compile(
          "Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

  private Wrk() {}

  static boolean available() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "wrk"))) {
        return true;
      }
    }
    return false;
  }

  static LoadResult run(String url, int connections, int threads, int seconds)
      throws IOException, InterruptedException {
    return run(url, connections, threads, seconds, null);
  }

  /** As above, with wrk's Lua {@code script} (for example one that varies the path) when given. */
  static LoadResult run(String url, int connections, int threads, int seconds, Path script)
      throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "wrk",
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "5s",
                "--latency"));
    if (script != null) {
      command.add("-s");
      command.add(script.toString());
    }
    command.add(url);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    return parse(out, connections);
  }

  static LoadResult parse(String out, int connections) {
    Matcher total = TOTAL.matcher(out);
    if (!total.find()) {
      throw new IllegalArgumentException("no request total in wrk output: " + out);
    }
    long requests = Long.parseLong(total.group(1));
    double seconds = Double.parseDouble(total.group(2)) * unitSeconds(total.group(3));
    long errors = 0;
    Matcher non2xx = NON_2XX.matcher(out);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket = SOCKET.matcher(out);
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(socket.group(g));
      }
    }
    Matcher rps = RPS.matcher(out);
    double perSecond = rps.find() ? Double.parseDouble(rps.group(1)) : requests / seconds;
    return new LoadResult(
        "wrk",
        connections,
        seconds,
        requests,
        perSecond,
        percentileMillis(out, "50%"),
        percentileMillis(out, "99%"),
        errors);
  }

  private static double percentileMillis(String out, String percent) {
    Matcher m =
        Pattern.compile("^\\s+" + Pattern.quote(percent) + "\\s+([0-9.]+)(us|ms|s|m)\\s*$")
            .matcher("");
    for (String line : out.split("\n")) {
      m.reset(line);
      if (m.matches()) {
        return Double.parseDouble(m.group(1)) * unitSeconds(m.group(2)) * 1000;
      }
    }
    throw new IllegalArgumentException("no " + percent + " latency in wrk output: " + out);
  }

  private static double unitSeconds(String unit) {
    return switch (unit) {
      case "us" -> 1e-6;
      case "ms" -> 1e-3;
      case "s" -> 1;
      case "m" -> 60;
      default -> throw new IllegalArgumentException("unknown wrk unit " + unit);
    };
  }
}
