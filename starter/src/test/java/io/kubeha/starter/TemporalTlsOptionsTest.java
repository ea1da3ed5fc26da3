package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubeha.worker.TemporalSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporal CLI's TLS options on kubeha's commands: unusable ones are bad input naming the
 * option and the fix, refused before anything connects (no server here: nothing would answer).
 */
class TemporalTlsOptionsTest {
  @TempDir static Path dir;
  static TestCertificates certs;
  static String address;

  @BeforeAll
  static void certificates() throws Exception {
    certs = TestCertificates.make(dir.resolve("pki"), "options test CA");
    address = "127.0.0.1:" + TestTemporal.freePort();
  }

  @Test
  void aKeyWithoutItsCertificateIsRefusedNamingBoth() {
    Cli list = list("--tls-key-path", certs.key().toString());
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(
        list.err()
            .contains(
                "--tls-key-path (or $TEMPORAL_TLS_CLIENT_KEY_PATH) is set but --tls-cert-path (or"
                    + " $TEMPORAL_TLS_CLIENT_CERT_PATH) is not: give the client certificate of that"
                    + " key too"),
        list.err());
    assertFalse(list.err().contains("does not answer"), "it tried to connect: " + list.err());
  }

  @Test
  void aCertificateWithoutItsKeyIsRefused() {
    Cli list = list("--tls-cert-path", certs.cert().toString());
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(list.err().contains("give the client certificate's private key too"), list.err());
  }

  @Test
  void aMissingFileIsNamedWithItsOption() {
    Path missing = dir.resolve("nowhere/client.pem");
    Cli list =
        list("--tls-cert-path", missing.toString(), "--tls-key-path", certs.key().toString());
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(
        list.err()
            .contains(
                "--tls-cert-path (or $TEMPORAL_TLS_CLIENT_CERT_PATH): "
                    + missing
                    + " does not exist: give the PEM file of the client certificate"),
        list.err());
    assertFalse(list.err().contains("does not answer"), "it tried to connect: " + list.err());
  }

  @Test
  void aCaFileThatIsNoCertificateIsRefused() {
    Cli list = list("--tls-ca-path", certs.key().toString());
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(
        list.err().contains("--tls-ca-path (or $TEMPORAL_TLS_SERVER_CA_CERT_PATH): " + certs.key()),
        list.err());
    assertTrue(list.err().contains("is not a certificate"), list.err());
  }

  @Test
  void aKeyThatIsNotAPrivateKeySaysHowToConvertOne() {
    Cli list =
        list("--tls-cert-path", certs.cert().toString(), "--tls-key-path", certs.ca().toString());
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(
        list.err().contains("--tls-key-path (or $TEMPORAL_TLS_CLIENT_KEY_PATH)"), list.err());
    assertTrue(list.err().contains("openssl pkcs8 -topk8 -nocrypt"), list.err());
  }

  @Test
  void tlsWithoutAnAddressIsRefusedRatherThanSentToTheDevServer() throws Exception {
    assumeTrue(System.getenv("TEMPORAL_ADDRESS") == null, "TEMPORAL_ADDRESS is set here");
    Cli list =
        Cli.run(
            "list",
            "--tls-cert-path",
            certs.cert().toString(),
            "--tls-key-path",
            certs.key().toString());
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(list.err().contains("but no --address or $TEMPORAL_ADDRESS"), list.err());
    assertFalse(list.err().contains("Started a local Temporal"), list.err());
  }

  @Test
  void theTemporalCliVariablesFillWhatNoOptionGives() {
    TemporalTlsOptions options = new TemporalTlsOptions();
    options.caPath = Path.of("/from/option/ca.pem");
    TemporalSecurity s =
        options.resolve(
            Map.of(
                "TEMPORAL_TLS_CLIENT_CERT_PATH", "/env/client.pem",
                "TEMPORAL_TLS_CLIENT_KEY_PATH", "/env/client.key",
                "TEMPORAL_TLS_SERVER_CA_CERT_PATH", "/env/ca.pem",
                "TEMPORAL_TLS_SERVER_NAME", "temporal.example",
                "TEMPORAL_API_KEY", "secret"));
    assertEquals(Path.of("/env/client.pem"), s.certPath());
    assertEquals(Path.of("/env/client.key"), s.keyPath());
    assertEquals(Path.of("/from/option/ca.pem"), s.caPath(), "an option wins over its variable");
    assertEquals("temporal.example", s.serverName());
    assertEquals("secret", s.apiKey());
    assertTrue(s.usesTls());
    assertFalse(s.toString().contains("secret"), "the API key is printed: " + s);
    assertFalse(new TemporalTlsOptions().resolve(Map.of()).usesTls(), "plaintext by default");
    assertTrue(new TemporalTlsOptions().resolve(Map.of("TEMPORAL_TLS", "true")).usesTls());
    assertTrue(new TemporalTlsOptions().resolve(Map.of("TEMPORAL_TLS", "1")).usesTls());
    assertFalse(new TemporalTlsOptions().resolve(Map.of("TEMPORAL_TLS", "false")).usesTls());
  }

  @Test
  void keyFilesFromTheVariablesAreCheckedToo() throws Exception {
    Files.writeString(dir.resolve("empty.pem"), "");
    TemporalSecurity s =
        new TemporalTlsOptions()
            .resolve(Map.of("TEMPORAL_TLS_CLIENT_CERT_PATH", dir.resolve("empty.pem").toString()));
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> io.kubeha.worker.TemporalServiceOptions.of(address, s));
    assertTrue(e.getMessage().contains("$TEMPORAL_TLS_CLIENT_CERT_PATH"), e.getMessage());
  }

  private static Cli list(String... tls) {
    List<String> args = new ArrayList<>(List.of("list", "--address", address));
    args.addAll(List.of(tls));
    return Cli.run(args.toArray(String[]::new));
  }
}
