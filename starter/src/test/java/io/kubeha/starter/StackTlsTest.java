package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kubeha.starter.TemporalStackScript.Run;
import io.kubeha.worker.TemporalSecurity;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * scripts/temporal-stack requires mutual TLS: without TLS, without a client certificate, or with
 * one of another CA, the real server refuses the Java SDK and the real temporal CLI; its own client
 * certificate works, for the UI too; its certificates are made once and are the owner's only.
 */
class StackTlsTest {
  @RegisterExtension static final TlsStack tls = new TlsStack();

  @Test
  void theSdkWithoutTlsIsRefused() {
    refused(TemporalSecurity.NONE);
  }

  @Test
  void theSdkOverTlsWithoutAClientCertificateIsRefused() {
    refused(new TemporalSecurity(true, null, null, tls.ca(), null, null));
  }

  @Test
  void theSdkWithACertificateOfAnotherCaIsRefused() {
    refused(tls.otherCa.clientOf(tls.ca()));
  }

  @Test
  void theSdkWithTheStacksClientCertificateWorks() {
    assertEquals("default", tls.describeDefault(tls.stack.security()));
  }

  @Test
  void theTemporalCliWithoutAClientCertificateIsRefused() {
    Run plain = tls.temporalCli(List.of());
    assertTrue(plain.exitCode() != 0, plain.output());
    assertTrue(plain.output().contains("The server requires TLS"), plain.output());
    Run caOnly = tls.temporalCli(List.of("--tls-ca-path", tls.ca().toString()));
    assertTrue(caOnly.exitCode() != 0, caOnly.output());
    assertTrue(caOnly.output().contains("requires client certificates"), caOnly.output());
  }

  @Test
  void theTemporalCliWithACertificateOfAnotherCaIsRefused() {
    Run other =
        tls.temporalCli(
            List.of(
                "--tls-cert-path",
                tls.otherCa.cert().toString(),
                "--tls-key-path",
                tls.otherCa.key().toString(),
                "--tls-ca-path",
                tls.ca().toString()));
    assertTrue(other.exitCode() != 0, other.output());
    assertTrue(other.output().contains("requires client certificates"), other.output());
  }

  @Test
  void theTemporalCliWithTheStacksClientCertificateWorks() {
    Run ok = tls.temporalCli(tls.stack.tlsOptions());
    assertEquals(0, ok.exitCode(), ok.output());
    assertTrue(ok.output().contains("default"), ok.output());
  }

  /**
   * openssl sends its certificate whatever CAs the server names (the Java and Go clients then send
   * none), so this is the server's own check of the chain.
   */
  @Test
  void theServerItselfRejectsACertificateOfAnotherCa() {
    Run other = tls.openssl(tls.otherCa.cert(), tls.otherCa.key());
    assertTrue(other.output().contains("alert unknown ca"), other.output());
    TemporalSecurity own = tls.stack.security();
    Run accepted = tls.openssl(own.certPath(), own.keyPath());
    assertTrue(accepted.output().contains("Verify return code: 0 (ok)"), accepted.output());
    assertFalse(accepted.output().contains("alert"), accepted.output());
  }

  /** The UI server reaches the frontend with the client certificate: its API lists namespaces. */
  @Test
  void theUiReachesTheServerWithTheClientCertificate() throws Exception {
    HttpURLConnection c =
        (HttpURLConnection)
            URI.create("http://127.0.0.1:" + tls.stack.uiPort + "/api/v1/namespaces")
                .toURL()
                .openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(10000);
    assertEquals(200, c.getResponseCode());
    String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(Pattern.compile("\"name\":\\s*\"default\"").matcher(body).find(), body);
  }

  /**
   * The CA, the certificates and the roles file are made once: `up` bringing a killed part back
   * keeps them, and puts back rw------- on a file left wider; the directory is rwx------.
   */
  @Test
  void theCertificatesAreTheOwnersOnlyAndKeptAcrossUps() throws Exception {
    Path dir = tls.stack.state().resolve("tls");
    Map<String, String> before = contents(dir);
    assertEquals(
        List.of(
            "ca.key",
            "ca.pem",
            "client.key",
            "client.pem",
            "roles.yaml",
            "server.key",
            "server.pem",
            "viewer.key",
            "viewer.pem"),
        List.copyOf(before.keySet()));
    Files.setPosixFilePermissions(
        dir.resolve("client.key"), PosixFilePermissions.fromString("rw-r--r--"));
    long ui = tls.stack.pids().get("ui");
    assertEquals(0, tls.stack.run(TemporalStackScript.UP, "kill", "ui").exitCode());
    TemporalStackScript.waitForExit(ui);
    Run up = tls.stack.run(TemporalStackScript.UP, "up");
    assertEquals(0, up.exitCode(), up.output());
    assertEquals(before, contents(dir), "up made new certificates");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    for (String name : before.keySet()) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))),
          name);
    }
  }

  /** A call with security fails as UNAVAILABLE: the TLS handshake does not complete. */
  private static void refused(TemporalSecurity security) {
    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> tls.describeDefault(security));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    System.out.println("refused " + security + ": " + e.getStatus().getDescription());
  }

  private static Map<String, String> contents(Path dir) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (var list = Files.list(dir)) {
      for (Path p : list.toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return files;
  }
}
