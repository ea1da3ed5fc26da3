package io.kubeha.bundle;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a bundle into a directory on a host over SSH, each entry checked there against the
 * index's SHA-256 before it takes its name. Resumable: an entry already there with its SHA-256 is
 * kept, and an entry cut off mid-way (NAME.part) continues from its bytes once their SHA-256
 * matches the bundle's same bytes. Each entry's bytes are hashed on this side too as they stream,
 * so a damaged bundle is refused naming the entry, and nothing of it takes that name on the host.
 */
public final class BundleUpload {
  /** What the upload did: entries and bytes sent, and those found already there. */
  public record Result(int sent, int kept, long bytesSent, long bytesKept, long millis) {}

  static final String PART = ".part";
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration SURVEY = Duration.ofMinutes(10);
  private static final Duration ENTRY = Duration.ofMinutes(30);
  private static final long REPORT_EVERY_BYTES = 8L << 20;

  private BundleUpload() {}

  /** Unpacks bundle (a file on this machine) into directory on the shell's host. */
  public static Result upload(RemoteShell shell, Path bundle, String directory, Progress progress) {
    return upload(shell, bundle, directory, () -> {}, progress);
  }

  /** The same; aboutToChange runs once before the host's first change. */
  public static Result upload(
      RemoteShell shell, Path bundle, String directory, Runnable aboutToChange, Progress progress) {
    long started = System.currentTimeMillis();
    BundleIndex index = BundleReader.index(bundle);
    Map<String, BundleEntry> entries = new HashMap<>();
    index.entries().forEach(e -> entries.put(e.name(), e));
    Survey there = Survey.take(shell, directory, index.entries());
    Counter counter = new Counter(index.totalSize(), index.entries().size(), progress);
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(bundle), 1 << 16))) {
      TarArchiveEntry t;
      boolean changing = false;
      while ((t = tar.getNextEntry()) != null) {
        BundleEntry e = entries.get(t.getName());
        if (e == null) {
          continue; // the index and its .sha256: read by BundleReader.index
        }
        if (there.complete(e)) {
          counter.kept(e);
          continue;
        }
        if (!changing) {
          aboutToChange.run();
          changing = true;
        }
        send(shell, directory, e, there.partSize(e), tar, counter);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("reading bundle " + bundle, ex);
    }
    return counter.result(System.currentTimeMillis() - started);
  }

  private static void send(
      RemoteShell shell,
      String directory,
      BundleEntry e,
      long partSize,
      InputStream tar,
      Counter counter)
      throws IOException {
    String path = directory + "/" + e.name();
    String part = path + PART;
    String context = "bundle entry " + e.name();
    MessageDigest whole = Staging.sha256Digest();
    DigestInputStream in = new DigestInputStream(new Unclosed(tar), whole);
    long resumeFrom = 0;
    if (partSize > 0 && partSize <= e.size()) {
      // Same bytes as the bundle's first partSize? Then only the rest is sent.
      byte[] head = in.readNBytes((int) partSize);
      CommandResult remote =
          shell.run(
              RemoteCommand.of("sha256sum < " + quote(part), ENTRY)
                  .withSummary("hash " + e.name() + PART));
      if (head.length == partSize && remote.ok() && remote.stdout().startsWith(Staging.hex(head))) {
        counter.resumed(partSize);
      } else {
        // Not this entry's first bytes: the part is written again from them.
        shell.runOk(
            RemoteCommand.of("cat > " + quote(part), ENTRY)
                .withStdin(() -> new ByteArrayInputStream(head))
                .withSummary("write " + e.name() + PART),
            context);
        counter.sent(head.length);
      }
      resumeFrom = head.length;
    }
    long rest = e.size() - resumeFrom;
    String write =
        resumeFrom > 0
            ? "cat >> " + quote(part)
            : "mkdir -p " + quote(parentOf(path)) + " && cat > " + quote(part);
    shell.runOk(
        RemoteCommand.of(write, ENTRY)
            .withStdin(() -> new Counted(new Limited(in, rest), counter))
            .withSummary("send " + e.name() + " (" + rest + " bytes)"),
        context);
    // Whatever the host has, what the bundle holds must be the index's.
    in.transferTo(OutputStream.nullOutputStream());
    String sha = HexFormat.of().formatHex(whole.digest());
    if (!sha.equals(e.sha256())) {
      shell.run(RemoteCommand.of("rm -f " + quote(part), QUICK).withSummary("remove " + part));
      throw new BundleException(
          "bundle entry "
              + e.name()
              + " is corrupt: SHA-256 "
              + sha
              + ", the index says "
              + e.sha256()
              + "; run `kubeha bundle verify` on it and make the bundle again");
    }
    String check =
        "printf '%s  %s\\n' "
            + quote(e.sha256())
            + " "
            + quote(part)
            + " | sha256sum -c --quiet >/dev/null && chmod 0644 "
            + quote(part)
            + " && mv -f "
            + quote(part)
            + " "
            + quote(path);
    shell.runOk(RemoteCommand.of(check, ENTRY).withSummary("check " + e.name()), context);
    counter.done();
  }

  private static String parentOf(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }

  /** What the host has: each entry's SHA-256 where its size is right, and each part's size. */
  private record Survey(Map<String, String> sha256, Map<String, Long> parts) {
    static Survey take(RemoteShell shell, String directory, List<BundleEntry> entries) {
      // Sizes first: only files of the right size are hashed (a part's bytes are hashed when used).
      String sizes =
          "mkdir -p "
              + quote(directory)
              + " && cd "
              + quote(directory)
              + " && find . -type f -printf '%s %P\\n'";
      CommandResult listed =
          shell.runOk(RemoteCommand.of(sizes, SURVEY).withSummary("list " + directory), "bundle");
      Map<String, Long> size = new HashMap<>();
      listed
          .stdout()
          .lines()
          .map(line -> line.split(" ", 2))
          .filter(f -> f.length == 2)
          .forEach(f -> size.put(f[1], Long.parseLong(f[0])));
      StringBuilder hash = new StringBuilder("cd " + quote(directory) + " && sha256sum --");
      int candidates = 0;
      Map<String, Long> parts = new HashMap<>();
      for (BundleEntry e : entries) {
        Long have = size.get(e.name());
        if (have != null && have == e.size()) {
          hash.append(' ').append(quote(e.name()));
          candidates++;
        }
        Long part = size.get(e.name() + PART);
        if (part != null) {
          parts.put(e.name(), part);
        }
      }
      Map<String, String> sha = new HashMap<>();
      if (candidates > 0) {
        CommandResult hashed =
            shell.runOk(
                RemoteCommand.of(hash.toString(), SURVEY).withSummary("hash " + directory),
                "bundle");
        hashed
            .stdout()
            .lines()
            .map(line -> line.split(" {1,2}\\*?", 2))
            .filter(f -> f.length == 2)
            .forEach(f -> sha.put(f[1], f[0]));
      }
      return new Survey(sha, parts);
    }

    boolean complete(BundleEntry e) {
      return e.sha256().equals(sha256.get(e.name()));
    }

    long partSize(BundleEntry e) {
      return parts.getOrDefault(e.name(), 0L);
    }
  }

  /** Bytes and entries, reported every few MB. */
  private static final class Counter {
    private final long total;
    private final int entries;
    private final Progress progress;
    private int sent;
    private int kept;
    private long bytesSent;
    private long bytesKept;
    private long reportedAt;

    Counter(long total, int entries, Progress progress) {
      this.total = total;
      this.entries = entries;
      this.progress = progress;
    }

    void kept(BundleEntry e) {
      kept++;
      bytesKept += e.size();
    }

    void resumed(long bytes) {
      bytesKept += bytes;
    }

    void sent(long bytes) {
      bytesSent += bytes;
      if (bytesSent - reportedAt >= REPORT_EVERY_BYTES) {
        reportedAt = bytesSent;
        report();
      }
    }

    void done() {
      sent++;
      report();
    }

    private void report() {
      progress.line(
          String.format(
              "bundle: %d of %d entries there; sent %d bytes, kept %d, of %d",
              sent + kept, entries, bytesSent, bytesKept, total));
    }

    Result result(long millis) {
      return new Result(sent, kept, bytesSent, bytesKept, millis);
    }
  }

  /** The tar's stream, left open when a command's stdin is closed. */
  private static final class Unclosed extends FilterInputStream {
    Unclosed(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }

  /** At most limit bytes of in, not closing it. */
  private static final class Limited extends FilterInputStream {
    private long left;

    Limited(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public void close() {}
  }

  /** Counts what the command reads. */
  private static final class Counted extends FilterInputStream {
    private final Counter counter;

    Counted(InputStream in, Counter counter) {
      super(in);
      this.counter = counter;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counter.sent(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        counter.sent(n);
      }
      return n;
    }

    @Override
    public void close() {}
  }
}
