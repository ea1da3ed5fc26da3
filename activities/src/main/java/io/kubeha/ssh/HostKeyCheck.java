package io.kubeha.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Verifies a host key against a known_hosts file and remembers the fingerprint of a rejected key.
 */
final class HostKeyCheck implements HostKeyVerifier {
  private final OpenSSHKnownHosts knownHosts;
  private volatile String rejectedFingerprint;

  HostKeyCheck(OpenSSHKnownHosts knownHosts) {
    this.knownHosts = knownHosts;
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    boolean known = knownHosts.verify(hostname, port, key);
    if (!known) {
      rejectedFingerprint = fingerprint(key);
    }
    return known;
  }

  @Override
  public List<String> findExistingAlgorithms(String hostname, int port) {
    return knownHosts.findExistingAlgorithms(hostname, port);
  }

  /** The fingerprint of the key the host offered and known_hosts did not list, or null. */
  String rejectedFingerprint() {
    return rejectedFingerprint;
  }

  /** "SHA256:..." as ssh-keygen -l prints it. */
  static String fingerprint(PublicKey key) {
    byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
