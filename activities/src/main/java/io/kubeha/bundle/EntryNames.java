package io.kubeha.bundle;

import java.util.regex.Pattern;

/**
 * The bundle's layout. Each part is laid out as it will be served: files/ like the release mirror
 * (github.com's paths), apt/ like pkgs.k8s.io, oci/ one OCI image layout (blobs by digest).
 */
public final class EntryNames {
  /** The index, the archive's first entry, and its SHA-256 (sha256sum's format), the second. */
  public static final String INDEX = "kubeha-bundle.json";

  public static final String INDEX_SHA256 = INDEX + ".sha256";
  public static final String FILES = "files";
  public static final String APT = "apt";
  public static final String OCI = "oci";

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._:+~%@=-]+");
  private static final int MAX_LENGTH = 1024;

  private EntryNames() {}

  /** A relative path of plain segments, nothing that could leave the directory it unpacks into. */
  public static boolean isSafe(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    for (String segment : name.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** name, or a BundleException naming the source when it is not a plain relative path. */
  public static String require(String name, String from) {
    if (!isSafe(name)) {
      throw new BundleException(
          from
              + " names a file \""
              + name.replaceAll("\\p{Cntrl}", "?")
              + "\" the bundle refuses"
              + " (only plain relative paths: letters, digits and ._:+~%@=-)");
    }
    return name;
  }

  public static String blob(String digest) {
    return OCI + "/blobs/" + digest.replace(':', '/');
  }
}
