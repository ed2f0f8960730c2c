package dev.marketdata.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the JFR recording of the service under the driver: where CPU samples land (by thread, by
 * top frame, by the first frame of our own code) and how much time GC paused.
 */
final class JfrProfile {
  private JfrProfile() {}

  static JsonObject summarize(Path recording, int top) throws IOException {
    Map<String, Integer> byThread = new HashMap<>();
    Map<String, Integer> byTopFrame = new HashMap<>();
    Map<String, Integer> byOurFrame = new HashMap<>();
    Map<String, Integer> byPackage = new HashMap<>();
    int samples = 0;
    long gcPauseNanos = 0;
    int gcs = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      String type = e.getEventType().getName();
      if (type.equals("jdk.GarbageCollection")) {
        gcs++;
        gcPauseNanos += e.getDuration("sumOfPauses").toNanos();
      } else if (type.equals("jdk.ExecutionSample")) {
        samples++;
        String thread =
            e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
        byThread.merge(threadGroup(thread), 1, Integer::sum);
        RecordedStackTrace stack = e.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        List<RecordedFrame> frames = stack.getFrames();
        byTopFrame.merge(method(frames.get(0)), 1, Integer::sum);
        byPackage.merge(area(frames), 1, Integer::sum);
        for (RecordedFrame f : frames) {
          if (f.getMethod().getType().getName().startsWith("dev.marketdata.")) {
            byOurFrame.merge(method(f), 1, Integer::sum);
            break;
          }
        }
      }
    }
    return new JsonObject()
        .put("execution_samples", samples)
        .put("gc_count", gcs)
        .put("gc_pause_ms", gcPauseNanos / 1_000_000)
        .put("by_thread", top(byThread, samples, top))
        .put("by_area", top(byPackage, samples, top))
        .put("hot_methods_self", top(byTopFrame, samples, top))
        .put("hot_methods_first_own_frame", top(byOurFrame, samples, top));
  }

  /** Which library the sample's top frame belongs to (JDK frames charged to their caller). */
  private static String area(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String type = f.getMethod().getType().getName();
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        String[] parts = type.split("\\.");
        return parts.length >= 3 ? parts[0] + "." + parts[1] + "." + parts[2] : type;
      }
    }
    return "jdk";
  }

  private static String method(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** Thread names with their numbers folded, so the 2 event loops count as one group. */
  static String threadGroup(String name) {
    return name.replaceAll("[0-9]+", "N");
  }

  private static JsonArray top(Map<String, Integer> counts, int total, int n) {
    JsonArray out = new JsonArray();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .forEach(
            e ->
                out.add(
                    new JsonObject()
                        .put("name", e.getKey())
                        .put("samples", e.getValue())
                        .put("share", Report.round(e.getValue() / (double) Math.max(1, total)))));
    return out;
  }
}
