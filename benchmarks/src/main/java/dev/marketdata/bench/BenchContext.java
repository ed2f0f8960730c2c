package dev.marketdata.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What every part needs: the sizes, where to write, the service jar, the load generator. */
record BenchContext(Params params, Path workDir, Path serviceJar, boolean useWrk) {

  /** The service deploys one HTTP verticle per core; the bare ceiling deploys as many. */
  int httpInstances() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  String loadTool() {
    return useWrk ? "wrk" : "java-vertx-client";
  }

  BenchService startService(String name, Map<String, String> env, List<String> jvmArgs)
      throws IOException {
    return BenchService.start(serviceJar, env, jvmArgs, workDir.resolve(name), name);
  }
}
