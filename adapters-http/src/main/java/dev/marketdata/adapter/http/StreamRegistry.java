package dev.marketdata.adapter.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open streams of the process, so that a stopping replica can end them all at once. */
final class StreamRegistry {
  private final Set<LiveConnection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  void add(LiveConnection connection) {
    open.add(connection);
    if (closing) {
      connection.closeFromAnyThread(LiveConnection.CloseReason.SHUTDOWN);
    }
  }

  void remove(LiveConnection connection) {
    open.remove(connection);
  }

  int size() {
    return open.size();
  }

  /** Ends every stream (on its own event loop), and every stream opened from now on. */
  void closeAll() {
    closing = true;
    for (LiveConnection connection : open) {
      connection.closeFromAnyThread(LiveConnection.CloseReason.SHUTDOWN);
    }
  }
}
