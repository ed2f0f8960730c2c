package dev.marketdata.bootstrap.reliability;

import static dev.marketdata.testsupport.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marketdata.adapter.persistence.PgConnectionConfig;
import dev.marketdata.testsupport.ServiceProcess;
import dev.marketdata.testsupport.TcpPorts;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 4: the runnable jar, in embedded mode, gets SIGTERM while a job polls and clients keep
 * asking for prices. Requests already sent are answered in full, nothing stored is lost or doubled,
 * and the job carries on when the jar starts again over the same data directory.
 */
class SigtermIT {
  private static final Logger log = LoggerFactory.getLogger(SigtermIT.class);
  private static final Pattern EMBEDDED =
      Pattern.compile("Embedded mode: PostgreSQL [^:]+:(\\d+) and Kafka (\\S+) run");
  private static final int CLIENTS = 6;

  @TempDir Path dataDir;

  @Test
  void sigtermDuringPollingAndLoad_inFlightRequestsCompleteAndNothingIsLost() throws Exception {
    int port = TcpPorts.free();
    Map<String, String> env = new HashMap<>();
    env.put("MDS_DATA_DIR", dataDir.resolve("data").toString());
    env.put("MDS_HTTP_PORT", Integer.toString(port));
    env.put("MDS_INSTANCE_ID", "sigterm");
    env.put("MDS_POLL_TICK_MILLIS", "100");
    env.put("MDS_SHUTDOWN_TIMEOUT_SECONDS", "30");
    // Load from one address would otherwise meet the per-client limit; 429s are not the point.
    env.put("MDS_RATE_LIMIT_CAPACITY", "1000000");
    env.put("MDS_RATE_LIMIT_PER_SECOND", "1000000");
    Path output = dataDir.resolve("service.log");
    Api api = new Api(port);

    String job;
    List<RawHttp.Exchange> exchanges = new CopyOnWriteArrayList<>();
    long signalAt;
    int inFlightStatus;
    try (ServiceProcess first = ServiceProcess.start(env, output).awaitReady()) {
      job = api.startJob("simulated", 1, "AAPL", "MSFT", "GOOG", "AMZN", "TSLA");
      until("the job ran three times", Settled.WAIT, () -> runCount(api, job) >= 3);

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger sequence = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      for (int c = 0; c < CLIENTS; c++) {
        clients.submit(
            () -> {
              while (!stop.get()) {
                int n = sequence.incrementAndGet();
                // Half cached (the polled symbols), half new symbols that need fetch + ingest.
                String symbol = n % 2 == 0 ? "AAPL" : "LD" + n;
                exchanges.add(RawHttp.get(port, "/prices/latest?symbol=" + symbol));
              }
              return null;
            });
      }
      until("the load is running", Duration.ofSeconds(30), () -> exchanges.size() >= 200);

      // A request whose body is still on its way when the signal arrives: surely in flight. The
      // server's "100 Continue" proves it has read the head before the signal is sent.
      try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), port)) {
        slow.setSoTimeout(30_000);
        byte[] body =
            "{\"symbols\":[\"INFL\"],\"interval\":1,\"provider\":\"simulated\"}"
                .getBytes(StandardCharsets.US_ASCII);
        OutputStream out = slow.getOutputStream();
        InputStream in = slow.getInputStream();
        out.write(
            ("POST /prices/poll HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Expect: 100-continue\r\nContent-Type: application/json\r\n"
                    + "Content-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(readHead(in)).startsWith("HTTP/1.1 100");

        signalAt = System.nanoTime();
        first.sigterm();
        out.write(body);
        out.flush();
        RawHttp.Exchange answer = RawHttp.read(in, signalAt);
        inFlightStatus = answer.status();
        assertThat(answer.complete()).as("the in-flight POST got its whole answer").isTrue();
      }
      int exit = first.awaitExit(Duration.ofSeconds(60));
      stop.set(true);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      assertThat(exit).as("exit code after SIGTERM").isEqualTo(143);
      assertThat(first.text()).contains("market-data-service stopped");
    }
    assertThat(inFlightStatus).as("status of the POST in flight at SIGTERM").isEqualTo(202);

    long startedBefore =
        exchanges.stream().filter(e -> e.writtenAt() >= 0 && e.writtenAt() < signalAt).count();
    List<RawHttp.Exchange> brokenBefore =
        exchanges.stream()
            .filter(e -> e.writtenAt() >= 0 && e.writtenAt() < signalAt)
            .filter(e -> !e.answered() || !e.complete())
            .toList();
    assertThat(brokenBefore).as("requests sent before SIGTERM without a whole answer").isEmpty();
    List<RawHttp.Exchange> answered =
        exchanges.stream().filter(RawHttp.Exchange::answered).toList();
    assertThat(answered)
        .as("every answer is whole and 200 or 503")
        .allSatisfy(
            e -> {
              assertThat(e.complete()).isTrue();
              assertThat(e.status()).isIn(200, 503);
            });
    List<RawHttp.Exchange> unanswered = exchanges.stream().filter(e -> !e.answered()).toList();
    assertThat(unanswered)
        .as("requests sent after SIGTERM are refused at connect or closed unanswered")
        .allSatisfy(e -> assertThat(e.writtenAt() < 0 || e.writtenAt() >= signalAt).isTrue());
    long inFlightAtSignal = answered.stream().filter(e -> e.writtenAt() < signalAt).count();

    try (ServiceProcess second = ServiceProcess.start(env, output).awaitReady()) {
      long runsBefore = runCount(api, job);
      until(
          "the job resumes after the restart",
          Settled.WAIT,
          () -> runCount(api, job) >= runsBefore + 3);
      assertThat(api.get("/prices/poll/" + job).json().get("status").asText()).isEqualTo("active");
      List<String> jobs = jobIds(api);
      assertThat(jobs).as("the job created by the in-flight POST survived").hasSize(2);
      for (String id : jobs) {
        assertThat(api.delete("/prices/poll/" + id).status()).isEqualTo(200);
      }
      Matcher embedded = lastMatch(second.text());
      PgConnectionConfig db =
          PgConnectionConfig.fromUrl(
              "postgresql://postgres@localhost:" + embedded.group(1) + "/postgres", 1);
      Ledger ledger = Settled.ledger(db);
      Settled.awaitQuiet(ledger);
      Ledger.Totals totals =
          Settled.assertNothingLostOrDuplicated("sigterm", ledger, embedded.group(2));
      log.info(
          "sigterm: requests={} sent before signal={} answered={} unanswered after signal={}"
              + " in-flight POST status={} final raw={}",
          exchanges.size(),
          startedBefore,
          answered.size(),
          unanswered.size(),
          inFlightStatus,
          totals.raw());
      second.sigterm();
      assertThat(second.awaitExit(Duration.ofSeconds(60))).isEqualTo(143);
    }
  }

  /** Reads an interim response head, byte by byte so nothing after it is consumed. */
  private static String readHead(InputStream in) throws java.io.IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("connection closed before an interim answer: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private static Matcher lastMatch(String text) {
    Matcher m = EMBEDDED.matcher(text);
    Matcher last = null;
    while (m.find()) {
      last = EMBEDDED.matcher(text);
      last.find(m.start());
    }
    if (last == null) {
      throw new AssertionError("no embedded-mode line in the service output");
    }
    return last;
  }

  private static List<String> jobIds(Api api) throws Exception {
    Api.Reply list = api.get("/prices/poll");
    assertThat(list.status()).isEqualTo(200);
    List<String> ids = new java.util.ArrayList<>();
    com.fasterxml.jackson.databind.JsonNode body = list.json();
    com.fasterxml.jackson.databind.JsonNode items = body.isArray() ? body : body.get("jobs");
    items.forEach(j -> ids.add(j.get("job_id").asText()));
    return ids;
  }

  private static long runCount(Api api, String job) {
    try {
      Api.Reply reply = api.get("/prices/poll/" + job);
      return reply.status() == 200 ? reply.json().get("run_count").asLong() : -1;
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
