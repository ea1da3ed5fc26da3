package io.kubeha.ssh;

import io.kubeha.activity.Failures;
import io.kubeha.activity.SshTarget;
import io.kubeha.files.AllowedRoots;
import io.temporal.failure.ApplicationFailure;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.userauth.UserAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's pool of authenticated SSH connections: one per target, shared by every activity that
 * talks to that host, reopened when it died, closed on shutdown. A target's key and known_hosts are
 * read only from the worker's allowed roots.
 */
public final class SshConnections implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SshConnections.class);
  private static final int CONNECT_TIMEOUT_MILLIS = 15_000;
  private static final int KEEPALIVE_SECONDS = 10;
  // OpenSSH allows 10 sessions per connection (MaxSessions); stay below it.
  static final int CHANNELS_PER_CONNECTION = 8;

  /** Failure type of a host that cannot be reached; retrying may help. */
  public static final String UNREACHABLE = "SshUnreachable";

  /** One open connection and the permits for channels on it. */
  record Pooled(SSHClient client, Semaphore channels) {
    boolean alive() {
      return client.isConnected() && client.isAuthenticated();
    }
  }

  private final Map<SshTarget, Pooled> pool = new ConcurrentHashMap<>();
  private final Map<SshTarget, Object> locks = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> opened = new ConcurrentHashMap<>();
  private final AllowedRoots roots;

  public SshConnections(AllowedRoots roots) {
    this.roots = roots;
  }

  /** A shell on the target that reuses this pool's connection. */
  public RemoteShell shell(SshTarget target, Heartbeat heartbeat) {
    return new RemoteShell(target, this, heartbeat);
  }

  /** How many connections were opened to the host so far (for benchmarks and tests). */
  public int connectionsOpened(String host) {
    AtomicInteger count = opened.get(host);
    return count == null ? 0 : count.get();
  }

  /** The live connection to the target, opening one if there is none. */
  Pooled connection(SshTarget target) {
    synchronized (locks.computeIfAbsent(target, key -> new Object())) {
      Pooled current = pool.get(target);
      if (current != null && current.alive()) {
        return current;
      }
      if (current != null) {
        closeQuietly(current.client());
      }
      Pooled fresh = new Pooled(open(target), new Semaphore(CHANNELS_PER_CONNECTION));
      pool.put(target, fresh);
      opened.computeIfAbsent(target.host(), host -> new AtomicInteger()).incrementAndGet();
      return fresh;
    }
  }

  /** Closes the target's connection; the next command opens a new one. Running commands fail. */
  public void disconnect(SshTarget target) {
    Pooled current = pool.remove(target);
    if (current != null) {
      closeQuietly(current.client());
    }
  }

  /** Drops a connection that failed, unless another thread already replaced it. */
  void discard(SshTarget target, Pooled broken) {
    pool.remove(target, broken);
    closeQuietly(broken.client());
  }

  @Override
  public void close() {
    pool.keySet().forEach(this::disconnect);
  }

  private SSHClient open(SshTarget target) {
    // Checked before either file is read: a workflow input names them.
    Path knownHostsFile = local(target, "knownHosts", target.knownHosts());
    Path keyFile = local(target, "keyPath", target.keyPath());
    DefaultConfig config = new DefaultConfig();
    config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    SSHClient client = new SSHClient(config);
    HostKeyCheck hostKeys = new HostKeyCheck(knownHosts(target, knownHostsFile));
    client.addHostKeyVerifier(hostKeys);
    client.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    try {
      client.connect(target.address(), target.port());
    } catch (TransportException e) {
      closeQuietly(client);
      if (hostKeys.rejectedFingerprint() != null) {
        throw ApplicationFailure.newNonRetryableFailure(
            String.format(
                "%s: host key of %s:%d offered %s not in %s (unknown or changed key)",
                target.host(),
                target.address(),
                target.port(),
                hostKeys.rejectedFingerprint(),
                target.knownHosts()),
            Failures.HOST_KEY_MISMATCH);
      }
      throw unreachable(target, e);
    } catch (IOException e) {
      closeQuietly(client);
      throw unreachable(target, e);
    }
    client.getConnection().getKeepAlive().setKeepAliveInterval(KEEPALIVE_SECONDS);
    authenticate(client, target, keyFile);
    log.info(
        "{}: connected to {}@{}:{}", target.host(), target.user(), target.address(), target.port());
    return client;
  }

  private Path local(SshTarget target, String field, String value) {
    String expanded =
        value != null && (value.equals("~") || value.startsWith("~/"))
            ? System.getProperty("user.home") + value.substring(1)
            : value;
    return roots.check(target.host() + ": ssh." + field, expanded);
  }

  private static void authenticate(SSHClient client, SshTarget target, Path keyFile) {
    String keyPath = keyFile.toString();
    try {
      client.authPublickey(target.user(), client.loadKeys(keyPath));
    } catch (UserAuthException e) {
      // sshj says the same when the connection died during authentication (sshd killed, host
      // rebooting): only a
      // refusal on a connection that still stands is final; the other is retried like any lost
      // connection.
      boolean refused = client.isConnected() && !causedByTransport(e);
      closeQuietly(client);
      if (!refused) {
        throw unreachable(
            target, new IOException("connection lost during authentication: " + e.getMessage(), e));
      }
      throw ApplicationFailure.newNonRetryableFailure(
          target.host() + ": key " + keyPath + " refused for user " + target.user(),
          Failures.AUTHENTICATION_FAILED);
    } catch (IOException e) {
      closeQuietly(client);
      throw ApplicationFailure.newNonRetryableFailure(
          target.host() + ": cannot use SSH key " + keyPath + ": " + e.getMessage(),
          Failures.AUTHENTICATION_FAILED);
    }
  }

  private static boolean causedByTransport(Throwable e) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof TransportException
          || (c instanceof IOException && !(c instanceof UserAuthException))) {
        return true;
      }
    }
    return false;
  }

  private static OpenSSHKnownHosts knownHosts(SshTarget target, Path path) {
    File file = path.toFile();
    if (!file.canRead()) {
      throw ApplicationFailure.newNonRetryableFailure(
          target.host() + ": cannot verify the host key: known_hosts " + file + " is not readable",
          Failures.HOST_KEY_MISMATCH);
    }
    try {
      return new OpenSSHKnownHosts(file);
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          target.host() + ": cannot read known_hosts " + file + ": " + e.getMessage(),
          Failures.HOST_KEY_MISMATCH);
    }
  }

  private static ApplicationFailure unreachable(SshTarget target, IOException e) {
    return ApplicationFailure.newFailure(
        target.host()
            + ": cannot connect to "
            + target.address()
            + ":"
            + target.port()
            + ": "
            + e.getMessage(),
        UNREACHABLE);
  }

  private static void closeQuietly(SSHClient client) {
    try {
      client.close();
    } catch (IOException e) {
      log.debug("closing an SSH connection failed", e);
    }
  }
}
