package io.kubeha.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Views of the bundle's tar stream that one remote command's stdin reads one entry through. */
final class EntryStreams {
  private EntryStreams() {}

  /** The tar's stream, left open when a command's stdin is closed. */
  static final class Unclosed extends FilterInputStream {
    Unclosed(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }

  /** At most limit bytes of in, not closing it. */
  static final class Limited extends FilterInputStream {
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
  static final class Counted extends FilterInputStream {
    private final UploadCounter counter;

    Counted(InputStream in, UploadCounter counter) {
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
