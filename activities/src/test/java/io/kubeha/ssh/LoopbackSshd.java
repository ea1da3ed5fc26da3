package io.kubeha.ssh;

import io.kubeha.activity.SshTarget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on 127.0.0.1 for tests: its own host key, an authorized client key and a
 * known_hosts, all in a temp dir. It runs in a private mount namespace with a fresh /run, so the
 * machine's /run is never touched, and is stopped by its pid.
 */
public final class LoopbackSshd implements AutoCloseable {
  private static final Duration START_DEADLINE = Duration.ofSeconds(15);

  private final Path dir;
  private final int port;
  private final Process process;

  private LoopbackSshd(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  public static LoopbackSshd start() throws IOException, InterruptedException {
    return start(null);
  }

  /**
   * With fakeBin, the server's namespace also sees fakeBin as /usr/local/bin (stand-ins for
   * kubeadm, kubectl, ...), an overlay on /etc whose writes land in {@link #etcWrites()}, and one
   * on /var/lib (a join's clean-up removes /var/lib/etcd: never this machine's).
   */
  public static LoopbackSshd start(Path fakeBin) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("kubeha-sshd-");
    keygen(dir.resolve("host_key"));
    keygen(dir.resolve("client_key"));
    Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
    int port = freePort();
    Files.writeString(
        dir.resolve("sshd_config"),
        String.join(
            "\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + dir.resolve("host_key"),
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "PermitRootLogin prohibit-password",
            "StrictModes no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "MaxSessions 20",
            "PidFile " + dir.resolve("sshd.pid"),
            ""));
    writeKnownHosts(dir.resolve("known_hosts"), port, dir.resolve("host_key.pub"));
    Files.writeString(dir.resolve("bashrc"), "");
    // Inside the namespace only: a fresh /run for sshd, and an empty ~/.bashrc (this machine's
    // costs ~0.3 s a command).
    String sshd =
        "mount -t tmpfs tmpfs /run && mkdir -m 755 /run/sshd"
            + " && { [ ! -f \"$HOME/.bashrc\" ] || mount --bind "
            + dir.resolve("bashrc")
            + " \"$HOME/.bashrc\"; }"
            + (fakeBin == null
                ? ""
                : " && mount --bind "
                    + fakeBin
                    + " /usr/local/bin && mkdir -p "
                    + dir.resolve("etc-upper")
                    + " "
                    + dir.resolve("etc-work")
                    + " && mount -t overlay overlay -o lowerdir=/etc,upperdir="
                    + dir.resolve("etc-upper")
                    + ",workdir="
                    + dir.resolve("etc-work")
                    + " /etc"
                    + " && mkdir -p "
                    + dir.resolve("var-lib-upper")
                    + " "
                    + dir.resolve("var-lib-work")
                    + " && mount -t overlay overlay -o lowerdir=/var/lib,upperdir="
                    + dir.resolve("var-lib-upper")
                    + ",workdir="
                    + dir.resolve("var-lib-work")
                    + " /var/lib")
            + " && exec /usr/sbin/sshd -D -e -f "
            + dir.resolve("sshd_config");
    Process process =
        new ProcessBuilder("unshare", "-m", "/bin/sh", "-c", sshd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    LoopbackSshd server = new LoopbackSshd(dir, port, process);
    server.awaitListening();
    return server;
  }

  /**
   * Where the tests' local files are (this server's keys and known_hosts, every temp dir): the
   * worker's allowed roots for tests that are not about them.
   */
  public static io.kubeha.files.AllowedRoots tempRoots() {
    return io.kubeha.files.AllowedRoots.of(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** A target for root on this server, verified against its known_hosts. */
  public SshTarget target(String host) {
    return new SshTarget(
        host,
        "127.0.0.1",
        port,
        "root",
        dir.resolve("client_key").toString(),
        dir.resolve("known_hosts").toString());
  }

  /** A known_hosts that lists another key for this server, as after a re-install. */
  public Path knownHostsWithOtherKey() throws IOException, InterruptedException {
    Path other = dir.resolve("other_key");
    keygen(other);
    Path file = dir.resolve("known_hosts_other");
    writeKnownHosts(file, port, dir.resolve("other_key.pub"));
    return file;
  }

  /** The SHA-256 fingerprint of this server's host key, as ssh-keygen -l prints it. */
  public String hostKeyFingerprint() throws IOException, InterruptedException {
    Process keygen =
        new ProcessBuilder(
                "ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve("host_key.pub").toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(keygen.getInputStream().readAllBytes());
    keygen.waitFor();
    return out.split(" ")[1];
  }

  /** What commands wrote to /etc inside the server's namespace (with a fakeBin only). */
  public Path etcWrites() {
    return dir.resolve("etc-upper");
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        process.waitFor(50, TimeUnit.MILLISECONDS);
      }
    }
    throw new IOException("sshd did not listen on " + port + " within " + START_DEADLINE);
  }

  private static void writeKnownHosts(Path file, int port, Path publicKey) throws IOException {
    List<String> parts = List.of(Files.readString(publicKey).trim().split(" "));
    Files.writeString(file, "[127.0.0.1]:" + port + " " + parts.get(0) + " " + parts.get(1) + "\n");
  }

  private static void keygen(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "kubeha-test",
                "-f",
                file.toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException("ssh-keygen failed for " + file);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
