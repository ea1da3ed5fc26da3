package io.kubeha.bundle;

import java.util.LinkedHashMap;
import java.util.Map;

/** The SHA256 section of an apt Release (or InRelease) file: each index file's size and hash. */
record AptRelease(Map<String, Sum> sha256) {

  record Sum(long size, String sha256) {}

  /** Release's text, or InRelease's (the clear-signed copy: the stanza with SHA256 is read). */
  static AptRelease parse(String text, String from) {
    for (Map<String, String> stanza : DebControl.parse(text)) {
      String section = stanza.get("SHA256");
      if (section != null) {
        Map<String, Sum> sums = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
          String[] f = line.strip().split("\\s+");
          if (f.length == 3) {
            sums.put(f[2], new Sum(Long.parseLong(f[1]), f[0].toLowerCase(java.util.Locale.ROOT)));
          }
        }
        return new AptRelease(sums);
      }
    }
    throw new BundleException(from + ": no SHA256 section (kubeha checks the indexes by it)");
  }
}
