package io.kubeha.worker;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The one place kubeha's CLI and workers get their WorkflowServiceStubsOptions: the target, TLS
 * with a client certificate and a private CA, the server name, the API key.
 */
public final class TemporalServiceOptions {
  private TemporalServiceOptions() {}

  /**
   * Options for address with security, checked first: IllegalArgumentException naming the option.
   */
  public static WorkflowServiceStubsOptions of(String address, TemporalSecurity security) {
    TemporalSecurityCheck.check(security);
    WorkflowServiceStubsOptions.Builder builder =
        WorkflowServiceStubsOptions.newBuilder().setTarget(address);
    if (security.usesTls()) {
      builder.setSslContext(sslContext(security));
    }
    if (security.serverName() != null) {
      // The name the server's certificate is checked against, when the address is not in it.
      builder.setChannelInitializer(channel -> channel.overrideAuthority(security.serverName()));
    }
    if (security.apiKey() != null) {
      builder.addApiKey(security::apiKey);
    }
    return builder.build();
  }

  private static SslContext sslContext(TemporalSecurity security) {
    SimpleSslContextBuilder ssl =
        security.certPath() == null
            ? SimpleSslContextBuilder.noKeyOrCertChain()
            : SimpleSslContextBuilder.forPKCS8(read(security.certPath()), read(security.keyPath()));
    if (security.caPath() != null) {
      ssl.setTrustManager(trusting(security.caPath()).getTrustManagers()[0]);
    }
    try {
      return ssl.build();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          TemporalSecurityCheck.KEY
              + ": "
              + security.keyPath()
              + " is not a private key of "
              + security.certPath()
              + " kubeha can read ("
              + e.getMessage()
              + "): it must be PEM PKCS#8 (BEGIN PRIVATE KEY); convert one with `openssl pkcs8"
              + " -topk8 -nocrypt -in KEY -out KEY.pk8`",
          e);
    }
  }

  /** Trust only the certificates in caFile (the private CA), not the JDK's public roots. */
  private static TrustManagerFactory trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          TemporalSecurityCheck.CA + ": cannot read " + caFile + ": " + e.getMessage(), e);
    }
  }

  private static InputStream read(Path file) {
    try {
      return new ByteArrayInputStream(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
