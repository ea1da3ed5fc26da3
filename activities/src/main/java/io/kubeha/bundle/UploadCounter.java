package io.kubeha.bundle;

/** What an upload sent and kept, in entries and bytes, reported every few MB. */
final class UploadCounter {
  private static final long REPORT_EVERY_BYTES = 8L << 20;

  private final long total;
  private final int entries;
  private final Progress progress;
  private int sent;
  private int kept;
  private long bytesSent;
  private long bytesKept;
  private long reportedAt;

  UploadCounter(long total, int entries, Progress progress) {
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

  BundleUpload.Result result(long millis) {
    return new BundleUpload.Result(sent, kept, bytesSent, bytesKept, millis);
  }
}
