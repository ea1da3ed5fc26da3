package io.kubeha.plan;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns the text of a registry mirror's credentialsFile (one line user:password, as for docker
 * login; a token goes in as the password) into the Authorization header containerd sends, and
 * checks a caFile's text. Pure: the worker reads the files. Errors name the file and the fix and
 * never repeat what the file holds.
 */
public final class RegistryCredentials {
  /** What the plan shows where the worker writes the header value: no secret. */
  public static final String PLACEHOLDER = "<from credentialsFile>";

  private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String PEM_END = "-----END CERTIFICATE-----";

  private RegistryCredentials() {}

  /** "Basic " and base64 of user:password, from the file's one line (a final newline dropped). */
  public static String basicAuthorization(String fileText, String field, String file) {
    String line = withoutFinalNewline(fileText);
    String fix = "write one line user:password into it (a token goes in as the password)";
    if (line.isEmpty()) {
      throw problem(field, file, "is empty", fix);
    }
    if (line.contains("\n") || line.contains("\r")) {
      throw problem(field, file, "holds more than one line", fix);
    }
    if (line.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw problem(field, file, "holds control characters", fix);
    }
    if (line.indexOf(':') < 1) {
      throw problem(field, file, "is not user:password", fix);
    }
    return "Basic " + Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8));
  }

  /** The text of a CA bundle: PEM certificates only (it is written world-readable on hosts). */
  public static String checkedPem(String fileText, String field, String file) {
    if (fileText.contains("PRIVATE KEY")) {
      throw problem(
          field,
          file,
          "holds a private key",
          "give the CA's certificate only; a private key must not be copied to the nodes");
    }
    if (!fileText.contains(PEM_BEGIN) || !fileText.contains(PEM_END)) {
      throw problem(
          field,
          file,
          "is not a PEM certificate",
          "give the CA certificate in PEM form (" + PEM_BEGIN + " ...)");
    }
    return fileText.endsWith("\n") ? fileText : fileText + "\n";
  }

  private static String withoutFinalNewline(String text) {
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  private static BadFile problem(String field, String file, String what, String fix) {
    return new BadFile(field, file + " " + what, fix);
  }

  /** A file that cannot be used: the field that named it, what is wrong, and the fix. */
  public static final class BadFile extends IllegalArgumentException {
    private final String field;
    private final String what;
    private final String fix;

    BadFile(String field, String what, String fix) {
      super(field + ": " + what + " — " + fix);
      this.field = field;
      this.what = what;
      this.fix = fix;
    }

    public String field() {
      return field;
    }

    public String what() {
      return what;
    }

    public String fix() {
      return fix;
    }
  }
}
