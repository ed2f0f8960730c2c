package dev.marketdata.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's results into one folder: the table ({@link Summary}) is put into the results, then
 * the JSON, the Markdown table and the chart ({@link SummaryChart}); the live parts' results go to
 * files of their own ({@link LiveSummary}).
 */
final class ResultFiles {
  private static final Logger log = LoggerFactory.getLogger(ResultFiles.class);

  private final Path dir;
  private final Params params;

  ResultFiles(Path dir, Params params) {
    this.dir = dir;
    this.params = params;
  }

  /** {@code <name>.json}, {@code .md} (with the link to the live results) and {@code .png}. */
  void write(JsonObject results, String name) throws Exception {
    withTable(results, name, "\n" + LiveSummary.LINK + "\n");
    log.info("wrote {}/{}.json, .md and .png", dir, name);
  }

  /**
   * A narrowed run ({@code --part}, {@code --sizes}, {@code --seconds}): everything it measured,
   * the live section and the table of what ran, in {@code partial-<timestamp>.json}; the published
   * results are left alone.
   */
  void writePartial(JsonObject results, JsonObject live) throws Exception {
    if (!live.isEmpty()) {
      results.put("live", live);
    }
    String name =
        "partial-"
            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
    withTable(results, name, "");
    log.info("wrote {} (and .md, .png)", dir.resolve(name + ".json"));
  }

  /** The live section on its own, so a --live run leaves the other recorded results alone. */
  void writeLive(JsonObject results, JsonObject live) throws Exception {
    if (live.isEmpty()) {
      return;
    }
    Report table = LiveSummary.table(live);
    JsonObject json =
        new JsonObject()
            .put("machine", results.getJsonObject("machine"))
            .put("live", live)
            .put("table", table.toJson());
    results.fieldNames().stream()
        .filter(k -> k.startsWith("live_") && k.endsWith("_error"))
        .forEach(k -> json.put(k, results.getValue(k)));
    Files.writeString(dir.resolve("live.json"), json.encodePrettily() + "\n");
    Files.writeString(dir.resolve("live.md"), LiveSummary.markdown(json, table));
    log.info("live results table:\n{}", table.markdown());
    log.info("wrote {}/live.json and .md", dir);
  }

  private void withTable(JsonObject results, String name, String markdownEnd) throws Exception {
    Report table = Summary.table(results, params);
    results.put("table", table.toJson());
    Files.writeString(dir.resolve(name + ".json"), results.encodePrettily() + "\n");
    Files.writeString(dir.resolve(name + ".md"), table.markdown() + markdownEnd);
    SummaryChart.chart(results, params).write(dir.resolve(name + ".png"));
    log.info("results table:\n{}", table.markdown());
  }
}
