package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.CertificateExpiry;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading kubeadm's CertificateExpirationInfo (the field names of output.kubeadm.k8s.io/v1alpha3).
 */
class CertificatesTest {
  private static final String OUTPUT =
      """
      [check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...
      {
        "kind": "CertificateExpirationInfo",
        "apiVersion": "output.kubeadm.k8s.io/v1alpha3",
        "certificates": [
          {"name": "admin.conf", "expirationDate": "2027-12-03T13:40:12Z", "residualTime": 31535000,
           "externallyManaged": false, "caName": "ca", "missing": false},
          {"name": "etcd-server", "expirationDate": "0001-01-01T00:00:00Z", "residualTime": 0,
           "externallyManaged": false, "caName": "etcd-ca", "missing": true}
        ],
        "certificateAuthorities": [
          {"name": "ca", "expirationDate": "2036-12-01T13:40:12Z", "residualTime": 315360000,
           "externallyManaged": false, "missing": false}
        ]
      }
      """;

  @Test
  void readsCertificatesAndAuthoritiesAfterKubeadmsLogLine() {
    List<CertificateExpiry> rows = Certificates.parse("m1", OUTPUT);
    assertEquals(3, rows.size());
    CertificateExpiry ca = rows.get(0);
    assertTrue(ca.authority());
    assertEquals("", ca.caName());
    CertificateExpiry admin = rows.get(1);
    assertEquals(
        new CertificateExpiry(
            "m1", "admin.conf", false, "2027-12-03T13:40:12Z", 31535000, "ca", false, false),
        admin);
    assertTrue(admin.dueWithin(400L * 86400), "due within 400 days");
    assertFalse(admin.dueWithin(30L * 86400));
    assertFalse(rows.get(2).dueWithin(Long.MAX_VALUE), "a missing certificate is not renewable");
    assertFalse(ca.dueWithin(Long.MAX_VALUE), "a CA is not renewed by kubeadm certs renew");
  }

  @Test
  void anythingElseIsAClearFailure() {
    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> Certificates.parse("m1", "error: no pki"));
    assertTrue(
        e.getOriginalMessage().contains("m1 printed no CertificateExpirationInfo: error: no pki"),
        e.getOriginalMessage());
  }
}
