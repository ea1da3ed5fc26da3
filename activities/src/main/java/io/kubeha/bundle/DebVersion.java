package io.kubeha.bundle;

/** A Debian version (epoch:upstream-revision), ordered as dpkg orders them. */
record DebVersion(int epoch, String upstream, String revision) implements Comparable<DebVersion> {

  static DebVersion parse(String text) {
    String s = text.strip();
    int colon = s.indexOf(':');
    int epoch = colon > 0 ? Integer.parseInt(s.substring(0, colon)) : 0;
    s = s.substring(colon + 1);
    int dash = s.lastIndexOf('-');
    return dash > 0
        ? new DebVersion(epoch, s.substring(0, dash), s.substring(dash + 1))
        : new DebVersion(epoch, s, "");
  }

  @Override
  public int compareTo(DebVersion o) {
    int c = Integer.compare(epoch, o.epoch);
    if (c == 0) {
      c = compareText(upstream, o.upstream);
    }
    return c != 0 ? c : compareText(revision, o.revision);
  }

  /** dpkg's verrevcmp: alternating non-digit parts (~ first, letters before others) and numbers. */
  static int compareText(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !Character.isDigit(a.charAt(i)))
          || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
        int ca = i < a.length() && !Character.isDigit(a.charAt(i)) ? order(a.charAt(i)) : 0;
        int cb = j < b.length() && !Character.isDigit(b.charAt(j)) ? order(b.charAt(j)) : 0;
        if (ca != cb) {
          return Integer.compare(ca, cb);
        }
        if (i < a.length() && !Character.isDigit(a.charAt(i))) {
          i++;
        }
        if (j < b.length() && !Character.isDigit(b.charAt(j))) {
          j++;
        }
      }
      int si = i;
      int sj = j;
      while (i < a.length() && Character.isDigit(a.charAt(i))) {
        i++;
      }
      while (j < b.length() && Character.isDigit(b.charAt(j))) {
        j++;
      }
      int c = compareNumbers(a.substring(si, i), b.substring(sj, j));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int order(char c) {
    if (c == '~') {
      return -1;
    }
    return Character.isLetter(c) ? c : c + 256;
  }

  private static int compareNumbers(String a, String b) {
    String x = a.replaceFirst("^0+", "");
    String y = b.replaceFirst("^0+", "");
    return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
  }

  @Override
  public String toString() {
    return (epoch > 0 ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision);
  }
}
