package io.kubeha.starter;

import io.kubeha.activity.CertificateExpiry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each control plane's certificates as kubeadm lists them, then the soonest expiry. */
final class CertificateTable {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("MMM dd, yyyy HH:mm 'UTC'")
          .withZone(ZoneOffset.UTC)
          .withLocale(java.util.Locale.ROOT);

  private CertificateTable() {}

  static List<String> lines(List<CertificateExpiry> rows) {
    Map<String, List<CertificateExpiry>> byHost = new LinkedHashMap<>();
    rows.forEach(r -> byHost.computeIfAbsent(r.host(), h -> new ArrayList<>()).add(r));
    List<String> lines = new ArrayList<>();
    byHost.forEach(
        (host, certs) -> {
          lines.add(host + ":");
          List<List<String>> table = new ArrayList<>();
          table.add(
              List.of(
                  "CERTIFICATE",
                  "EXPIRES",
                  "RESIDUAL TIME",
                  "CERTIFICATE AUTHORITY",
                  "EXTERNALLY MANAGED"));
          certs.stream()
              .filter(c -> !c.authority())
              .forEach(
                  c ->
                      table.add(
                          List.of(
                              c.name(),
                              expires(c),
                              residual(c),
                              c.caName(),
                              yesNo(c.externallyManaged()))));
          table.add(List.of());
          table.add(
              List.of(
                  "CERTIFICATE AUTHORITY", "EXPIRES", "RESIDUAL TIME", "", "EXTERNALLY MANAGED"));
          certs.stream()
              .filter(CertificateExpiry::authority)
              .forEach(
                  c ->
                      table.add(
                          List.of(
                              c.name(),
                              expires(c),
                              residual(c),
                              "",
                              yesNo(c.externallyManaged()))));
          lines.addAll(Columns.aligned(table, "  ", 3));
          lines.add("");
        });
    soonest(rows)
        .ifPresent(
            c ->
                lines.add(
                    "Soonest to expire: "
                        + c.name()
                        + " on "
                        + c.host()
                        + ", in "
                        + residual(c)
                        + " ("
                        + expires(c)
                        + ")."));
    return lines;
  }

  /** The renewable certificate (not a CA, not external, not missing) that expires first. */
  static Optional<CertificateExpiry> soonest(List<CertificateExpiry> rows) {
    return rows.stream()
        .filter(c -> c.dueWithin(Long.MAX_VALUE))
        .min(Comparator.comparingLong(CertificateExpiry::residualSeconds));
  }

  /** kubeadm's own short form: 59s, 59m, 47h, 729d, then years. */
  static String residual(CertificateExpiry c) {
    if (c.missing()) {
      return "<missing>";
    }
    long s = c.residualSeconds();
    if (s <= 0) {
      return "<invalid>";
    }
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    long h = s / 3600;
    if (h < 48) {
      return h + "h";
    }
    return h < 24 * 365 * 2 ? h / 24 + "d" : h / (24 * 365) + "y";
  }

  private static String expires(CertificateExpiry c) {
    if (c.missing()) {
      return "";
    }
    try {
      return WHEN.format(Instant.parse(c.expires()));
    } catch (java.time.format.DateTimeParseException e) {
      return c.expires();
    }
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }
}
