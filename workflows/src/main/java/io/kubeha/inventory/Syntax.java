package io.kubeha.inventory;

import java.util.regex.Pattern;

/**
 * The accepted spelling of each kind of value. Every pattern is a whitelist without shell
 * metacharacters, spaces or quotes, because most values end up in commands run on hosts.
 */
final class Syntax {
  private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final String LOWER_LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
  private static final String REGISTRY = LABEL + "(\\." + LABEL + ")*(:[0-9]{1,5})?";
  private static final String IMAGE_PATH =
      "[a-z0-9]+([._-]+[a-z0-9]+)*(/[a-z0-9]+([._-]+[a-z0-9]+)*)*";

  static final Pattern DNS_LABEL = Pattern.compile(LOWER_LABEL);
  static final Pattern HOSTNAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
  static final Pattern NODE_NAME = Pattern.compile(LOWER_LABEL + "(\\." + LOWER_LABEL + ")*");
  static final Pattern POSIX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
  static final Pattern VERSION =
      Pattern.compile("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)");
  static final Pattern IMAGE_REFERENCE =
      Pattern.compile(
          "("
              + REGISTRY
              + "/)?"
              + IMAGE_PATH
              + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64}|:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}@sha256:[0-9a-f]{64})");
  static final Pattern REGISTRY_HOST = Pattern.compile(REGISTRY);
  static final Pattern IMAGE_REPOSITORY = Pattern.compile(REGISTRY + "(/" + IMAGE_PATH + ")?");
  static final Pattern HTTP_URL =
      Pattern.compile("https?://" + REGISTRY + "(/[A-Za-z0-9._~%+-]+)*");
  static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,254}");
  static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** An OpenPGP v4 key's fingerprint as `gpg --with-colons` prints it. */
  static final Pattern KEY_FINGERPRINT = Pattern.compile("[0-9A-F]{40}");

  static final Pattern OS_ID = Pattern.compile("[a-z0-9]+-[0-9]+(\\.[0-9]+)*");
  static final Pattern LOCAL_PATH = Pattern.compile("(/|~/)[^\\x00-\\x1f\\x7f]*");

  /** Linux limits a static hostname to 64 characters. */
  static final int MAX_HOSTNAME = 64;

  private Syntax() {}

  static boolean matches(Pattern pattern, String value) {
    return value != null && pattern.matcher(value).matches();
  }

  static boolean hostname(String value) {
    return matches(HOSTNAME, value) && value.length() <= MAX_HOSTNAME;
  }

  /** A DNS name or an IPv4 literal, e.g. an NTP upstream. */
  static boolean hostOrAddress(String value) {
    return Ipv4.isValid(value)
        || (matches(HOSTNAME, value) && value.length() <= 253 && !value.matches("[0-9.]+"));
  }
}
