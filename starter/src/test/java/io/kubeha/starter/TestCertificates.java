package io.kubeha.starter;

import io.kubeha.worker.TemporalSecurity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A CA of a test's own and a client certificate it signed, made with the real openssl. */
record TestCertificates(Path ca, Path cert, Path key) {

  /** ca.pem, client.pem and client.key (PKCS#8) in dir, the CA named caName. */
  static TestCertificates make(Path dir, String caName) throws IOException {
    Files.createDirectories(dir);
    Path caKey = dir.resolve("ca.key");
    Path ca = dir.resolve("ca.pem");
    Path key = dir.resolve("client.key");
    Path csr = dir.resolve("client.csr");
    Path cert = dir.resolve("client.pem");
    Path ext = Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    openssl(
        dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", caKey);
    openssl(
        dir,
        "req",
        "-x509",
        "-new",
        "-key",
        caKey,
        "-days",
        "2",
        "-subj",
        "/CN=" + caName,
        "-out",
        ca);
    openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key);
    openssl(dir, "req", "-new", "-key", key, "-subj", "/CN=kubeha", "-out", csr);
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        csr,
        "-CA",
        ca,
        "-CAkey",
        caKey,
        "-set_serial",
        "7",
        "-days",
        "2",
        "-extfile",
        ext,
        "-out",
        cert);
    return new TestCertificates(ca, cert, key);
  }

  /** A client certificate for subject cn in dir, signed by the CA ca (its key caKey). */
  static TestCertificates issuedBy(Path dir, Path ca, Path caKey, String cn) throws IOException {
    Files.createDirectories(dir);
    Path key = dir.resolve("client.key");
    Path csr = dir.resolve("client.csr");
    Path cert = dir.resolve("client.pem");
    Path ext = Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key);
    openssl(dir, "req", "-new", "-key", key, "-subj", "/CN=" + cn, "-out", csr);
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        csr,
        "-CA",
        ca,
        "-CAkey",
        caKey,
        "-set_serial",
        "8",
        "-days",
        "2",
        "-extfile",
        ext,
        "-out",
        cert);
    return new TestCertificates(ca, cert, key);
  }

  /** Mutual TLS with this certificate, trusting serverCa for the server's. */
  TemporalSecurity clientOf(Path serverCa) {
    return new TemporalSecurity(true, cert, key, serverCa, null, null);
  }

  /** Runs openssl in dir; fails the test when it fails. */
  private static void openssl(Path dir, Object... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    for (Object a : args) {
      command.add(a.toString());
    }
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
