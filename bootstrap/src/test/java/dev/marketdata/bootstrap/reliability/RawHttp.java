package dev.marketdata.bootstrap.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, one request per connection ({@code Connection: close}): the test
 * knows exactly when a request was on the wire and whether its answer arrived whole, which a
 * pooling client hides.
 */
final class RawHttp {
  private RawHttp() {}

  /**
   * One exchange: when the request was fully written (nanoTime, or -1 if it never was), and the
   * answer's status (-1 without one), whether the body arrived as long as announced, or the error.
   */
  record Exchange(
      long writtenAt, int status, boolean complete, String error, String head, String body) {
    Exchange(long writtenAt, int status, boolean complete, String error) {
      this(writtenAt, status, complete, error, "", "");
    }

    boolean answered() {
      return status > 0;
    }

    boolean refusedAtConnect() {
      return writtenAt < 0;
    }
  }

  static Exchange get(int port, String pathAndQuery) {
    String request =
        "GET "
            + pathAndQuery
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nConnection: close\r\n\r\n";
    long written = -1;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      written = System.nanoTime();
      return read(socket.getInputStream(), written);
    } catch (IOException e) {
      return new Exchange(written, -1, false, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * Sends {@code probe} as is. A body past 64 KiB goes with {@code Expect: 100-continue}, as real
   * clients send large uploads, so a server that refuses it early is heard before the upload.
   */
  static Exchange send(int port, MalformedCorpus.Probe probe) {
    long written = -1;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.writeBytes(probe.method().getBytes(StandardCharsets.US_ASCII));
      head.write(' ');
      head.writeBytes(probe.target());
      StringBuilder headers =
          new StringBuilder(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
      boolean expectContinue = probe.body() != null && probe.body().length > 64 * 1024;
      if (probe.contentType() != null && !probe.contentType().isEmpty()) {
        headers.append("Content-Type: ").append(probe.contentType()).append("\r\n");
      }
      if (probe.body() != null) {
        headers.append("Content-Length: ").append(probe.body().length).append("\r\n");
      }
      if (expectContinue) {
        headers.append("Expect: 100-continue\r\n");
      }
      headers.append("\r\n");
      head.writeBytes(headers.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(head.toByteArray());
      out.flush();
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
      if (expectContinue) {
        String interim = readHead(in);
        if (!interim.startsWith("HTTP/1.1 100")) {
          written = System.nanoTime();
          return finish(interim, in, written);
        }
      }
      if (probe.body() != null) {
        out.write(probe.body());
        out.flush();
      }
      written = System.nanoTime();
      return read(in, written);
    } catch (IOException e) {
      return new Exchange(written, -1, false, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private static Exchange finish(String head, InputStream in, long written) throws IOException {
    return readBody(head, in, written);
  }

  /**
   * Reads one response: the head, then exactly the announced Content-Length (or, chunked or
   * unannounced, until the server closes; an event stream, which does not close, by its head). A
   * server may keep the connection open after a final answer to {@code Expect: 100-continue}, so
   * the length, not the close, ends the answer.
   */
  static Exchange read(InputStream in, long written) throws IOException {
    return readBody(readHead(in), in, written);
  }

  private static Exchange readBody(String rawHead, InputStream in, long written)
      throws IOException {
    if (!rawHead.startsWith("HTTP/1.1 ") || !rawHead.endsWith("\r\n\r\n")) {
      return new Exchange(written, -1, false, "no complete response head: " + rawHead);
    }
    int status = Integer.parseInt(rawHead.substring(9, 12));
    String head = rawHead.toLowerCase(Locale.ROOT);
    if (status == 200 && head.contains("\r\ncontent-type: text/event-stream")) {
      // A live stream (GET /stream/prices) never ends: its head is the whole answer to judge.
      return new Exchange(written, status, true, null, head, "");
    }
    byte[] body;
    boolean complete;
    int at = head.indexOf("\r\ncontent-length:");
    if (at >= 0) {
      int lineEnd = head.indexOf("\r\n", at + 2);
      int length = Integer.parseInt(head.substring(at + 17, lineEnd).strip());
      body = in.readNBytes(length);
      complete = body.length == length;
    } else {
      body = in.readAllBytes();
      complete =
          head.contains("transfer-encoding: chunked")
              && new String(body, StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n");
    }
    return new Exchange(
        written,
        status,
        complete,
        complete ? null : "truncated body",
        head,
        new String(body, StandardCharsets.UTF_8));
  }
}
