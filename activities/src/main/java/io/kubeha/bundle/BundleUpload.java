package io.kubeha.bundle;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
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
  private static final Duration ENTRY = Duration.ofMinutes(30);

  private BundleUpload() {}

  /**
   * Unpacks bundle (a file on this machine) into directory on the shell's host; aboutToChange runs
   * once before the host's first change.
   */
  public static Result upload(
      RemoteShell shell, Path bundle, String directory, Runnable aboutToChange, Progress progress) {
    long started = System.currentTimeMillis();
    BundleIndex index = BundleReader.index(bundle);
    Map<String, BundleEntry> entries = new HashMap<>();
    index.entries().forEach(e -> entries.put(e.name(), e));
    HostBundleState there = HostBundleState.take(shell, directory, index.entries());
    UploadCounter counter = new UploadCounter(index.totalSize(), entries.size(), progress);
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
        new EntrySend(shell, directory, e, tar, counter).send(there.partSize(e));
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("reading bundle " + bundle, ex);
    }
    return counter.result(System.currentTimeMillis() - started);
  }

  /** One entry on its way: resumed or started, sent, then checked on both sides and named. */
  private static final class EntrySend {
    private final RemoteShell shell;
    private final BundleEntry entry;
    private final String path;
    private final String part;
    private final String context;
    private final MessageDigest digest = Staging.sha256Digest();
    private final DigestInputStream in;
    private final UploadCounter counter;

    EntrySend(
        RemoteShell shell,
        String directory,
        BundleEntry entry,
        InputStream tar,
        UploadCounter counter) {
      this.shell = shell;
      this.entry = entry;
      this.path = directory + "/" + entry.name();
      this.part = path + PART;
      this.context = "bundle entry " + entry.name();
      this.in = new DigestInputStream(new EntryStreams.Unclosed(tar), digest);
      this.counter = counter;
    }

    void send(long partSize) throws IOException {
      long from = partSize > 0 && partSize <= entry.size() ? resume(partSize) : 0;
      long rest = entry.size() - from;
      String write =
          from > 0
              ? "cat >> " + quote(part)
              : "mkdir -p "
                  + quote(path.substring(0, path.lastIndexOf('/')))
                  + " && cat > "
                  + quote(part);
      shell.runOk(
          RemoteCommand.of(write, ENTRY)
              .withStdin(
                  () -> new EntryStreams.Counted(new EntryStreams.Limited(in, rest), counter))
              .withSummary("send " + entry.name() + " (" + rest + " bytes)"),
          context);
      name();
    }

    /** The part's bytes kept when they are the bundle's first ones, else written again. */
    private long resume(long partSize) throws IOException {
      byte[] head = in.readNBytes((int) partSize);
      CommandResult remote =
          shell.run(
              RemoteCommand.of("sha256sum < " + quote(part), ENTRY)
                  .withSummary("hash " + entry.name() + PART));
      if (head.length == partSize && remote.ok() && remote.stdout().startsWith(Staging.hex(head))) {
        counter.resumed(partSize);
      } else {
        shell.runOk(
            RemoteCommand.of("cat > " + quote(part), ENTRY)
                .withStdin(() -> new ByteArrayInputStream(head))
                .withSummary("write " + entry.name() + PART),
            context);
        counter.sent(head.length);
      }
      return head.length;
    }

    /** The entry takes its name once the bundle's bytes and the host's both have its SHA-256. */
    private void name() throws IOException {
      in.transferTo(OutputStream.nullOutputStream());
      String sha = HexFormat.of().formatHex(digest.digest());
      if (!sha.equals(entry.sha256())) {
        shell.run(RemoteCommand.of("rm -f " + quote(part), QUICK).withSummary("remove " + part));
        throw new BundleException(
            "bundle entry "
                + entry.name()
                + " is corrupt: SHA-256 "
                + sha
                + ", the index says "
                + entry.sha256()
                + "; run `kubeha bundle verify` on it and make the bundle again");
      }
      String check =
          "printf '%s  %s\\n' "
              + quote(entry.sha256())
              + " "
              + quote(part)
              + " | sha256sum -c --quiet >/dev/null && chmod 0644 "
              + quote(part)
              + " && mv -f "
              + quote(part)
              + " "
              + quote(path);
      shell.runOk(RemoteCommand.of(check, ENTRY).withSummary("check " + entry.name()), context);
      counter.done();
    }
  }
}
