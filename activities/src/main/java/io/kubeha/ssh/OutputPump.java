package io.kubeha.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one output stream of a remote command on its own thread, keeping it and logging each line.
 */
final class OutputPump {
  private static final Logger log = LoggerFactory.getLogger("io.kubeha.ssh.output");
  // Keeps memory bounded for chatty commands; the log still has every line.
  private static final int MAX_KEPT_CHARS = 1 << 20;

  /** The first stderr line of every command: the pid of the host-side `timeout` that runs it. */
  static final String PID_PREFIX = "kubeha-pid ";

  private final StringBuilder kept = new StringBuilder();
  private volatile String pid;
  private final CountDownLatch ended;

  private OutputPump(CountDownLatch ended) {
    this.ended = ended;
  }

  /**
   * Starts pumping; lines are logged as "host: line" unless quiet; ended counts down at the end.
   */
  static OutputPump start(String host, InputStream stream, boolean quiet, CountDownLatch ended) {
    OutputPump pump = new OutputPump(ended);
    Thread thread = new Thread(() -> pump.read(host, stream, quiet), "ssh-output-" + host);
    thread.setDaemon(true);
    thread.start();
    return pump;
  }

  /**
   * Copies the stream's bytes into sink (a file's content, not lines to log); ended counts down at
   * the end.
   */
  static OutputPump startCopy(
      String host, InputStream stream, java.io.OutputStream sink, CountDownLatch ended) {
    OutputPump pump = new OutputPump(ended);
    Thread thread = new Thread(() -> pump.copy(stream, sink), "ssh-copy-" + host);
    thread.setDaemon(true);
    thread.start();
    return pump;
  }

  private void copy(InputStream stream, java.io.OutputStream sink) {
    try (stream) {
      stream.transferTo(sink);
      sink.flush();
    } catch (IOException e) {
      keep("[copy ended: " + e.getMessage() + "]");
    } finally {
      ended.countDown();
    }
  }

  private void read(String host, InputStream stream, boolean quiet) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (pid == null && line.startsWith(PID_PREFIX)) {
          pid = line.substring(PID_PREFIX.length()).trim();
          continue;
        }
        if (!quiet) {
          log.info("{}: {}", host, line);
        }
        keep(line);
      }
    } catch (IOException e) {
      // The channel was closed under us (timeout, cancellation, dropped connection): the caller
      // reports it.
      keep("[output ended: " + e.getMessage() + "]");
    } finally {
      ended.countDown();
    }
  }

  private synchronized void keep(String line) {
    kept.append(line).append('\n');
    if (kept.length() > MAX_KEPT_CHARS) {
      kept.delete(0, kept.length() - MAX_KEPT_CHARS / 2);
    }
  }

  /** The pid the command announced, or null when it did not (yet). */
  String pid() {
    return pid;
  }

  synchronized String text() {
    return kept.toString();
  }
}
