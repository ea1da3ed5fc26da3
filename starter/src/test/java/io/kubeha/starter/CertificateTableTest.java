package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.CertificateExpiry;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateTableTest {
  private static final long DAY = 86_400;

  @Test
  void groupsByControlPlaneAndNamesTheSoonest() {
    List<String> lines =
        CertificateTable.lines(
            List.of(
                new CertificateExpiry(
                    "m1", "ca", true, "2036-12-01T00:00:00Z", 3650 * DAY, "", false, false),
                new CertificateExpiry(
                    "m1",
                    "apiserver",
                    false,
                    "2027-12-01T10:05:00Z",
                    363 * DAY,
                    "ca",
                    false,
                    false),
                new CertificateExpiry(
                    "m2",
                    "apiserver",
                    false,
                    "2027-11-01T10:05:00Z",
                    332 * DAY + 5,
                    "ca",
                    false,
                    false),
                new CertificateExpiry("m2", "etcd-server", false, "", 0, "etcd-ca", false, true)));
    assertEquals("m1:", lines.get(0));
    assertTrue(
        lines
            .get(1)
            .matches(
                "  CERTIFICATE +EXPIRES +RESIDUAL TIME +CERTIFICATE AUTHORITY +EXTERNALLY MANAGED"),
        lines.get(1));
    assertTrue(
        lines.get(2).matches("  apiserver +Dec 01, 2027 10:05 UTC +363d +ca +no"), lines.get(2));
    assertTrue(
        lines.stream().anyMatch(l -> l.matches("  ca +Dec 01, 2036 00:00 UTC +10y +no")),
        String.join("\n", lines));
    assertTrue(
        lines.stream().anyMatch(l -> l.matches("  etcd-server +<missing> +etcd-ca +no")),
        String.join("\n", lines));
    assertEquals(
        "Soonest to expire: apiserver on m2, in 332d (Nov 01, 2027 10:05 UTC).",
        lines.get(lines.size() - 1));
  }

  @Test
  void residualTimeReadsLikeKubeadms() {
    assertEquals("59s", CertificateTable.residual(row(59)));
    assertEquals("59m", CertificateTable.residual(row(3599)));
    assertEquals("47h", CertificateTable.residual(row(47 * 3600 + 10)));
    assertEquals("729d", CertificateTable.residual(row(729 * DAY)));
    assertEquals("2y", CertificateTable.residual(row(730 * DAY)));
    assertEquals("<invalid>", CertificateTable.residual(row(-5)));
  }

  private static CertificateExpiry row(long residual) {
    return new CertificateExpiry(
        "m1", "apiserver", false, "2027-12-01T10:05:00Z", residual, "ca", false, false);
  }
}
