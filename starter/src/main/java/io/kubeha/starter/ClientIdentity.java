package io.kubeha.starter;

import io.kubeha.worker.TemporalSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who the CLI is to Temporal: the subject (CN) of its client certificate, when it has one. A server
 * with kubeha's authorizer (scripts/temporal-stack) refuses an update whose identity, or an
 * approval whose approver, is not that CN; so the approver a run records is the certificate's.
 */
final class ClientIdentity {
  private ClientIdentity() {}

  /** The client certificate's CN; empty without a certificate or without a CN in it. */
  static Optional<String> of(TemporalSecurity security) {
    if (security.certPath() == null) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(security.certPath())) {
      X509Certificate cert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return commonName(cert);
    } catch (IOException | CertificateException | InvalidNameException e) {
      throw new BadInputException(
          "cannot read the subject of the client certificate "
              + security.certPath()
              + " (--tls-cert-path or $"
              + TemporalSecurity.ENV_CERT
              + "): "
              + e.getMessage());
    }
  }

  private static Optional<String> commonName(X509Certificate cert) throws InvalidNameException {
    LdapName name = new LdapName(cert.getSubjectX500Principal().getName());
    return name.getRdns().stream()
        .filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
        .map(Rdn::getValue)
        .map(String::valueOf)
        .reduce((first, last) -> last);
  }
}
