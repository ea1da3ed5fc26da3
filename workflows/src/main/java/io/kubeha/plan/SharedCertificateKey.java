package io.kubeha.plan;

/**
 * The certificate key every control-plane join decrypts the uploaded certificates with. Each {@code
 * kubeadm init phase upload-certs} encrypts them under a fresh key, so joins prepared at the same
 * time would each void the key of the others. The first join uploads under a lock and keeps the key
 * in a root-only file under /run (gone at a reboot); the others reuse it while it is under an hour
 * old (kubeadm keeps the upload two hours) and the kubeadm-certs Secret is still the one that
 * upload wrote (its uid and resourceVersion): after a reset and a new init, the new cluster's
 * Secret is under init's own key, and a key kept from the old cluster failed every prepare
 * ("message authentication failed", the journey's reset, 2026-12-07).
 */
public final class SharedCertificateKey {
  static final String DIR = "/run/kubeha";
  static final String FILE = DIR + "/certificate-key";
  static final int REUSE_MINUTES = 60;

  /** The kubeadm-certs Secret's uid/resourceVersion: another upload or cluster changes it. */
  static final String SECRET_VERSION =
      "kubectl --kubeconfig /etc/kubernetes/admin.conf -n kube-system get secret kubeadm-certs"
          + " -o jsonpath='{.metadata.uid}/{.metadata.resourceVersion}'";

  /**
   * Run on the first master: prints the key (a secret) as its last line, uploading the certificates
   * under a new key first when there is no fresh one.
   */
  public static final String UPLOAD =
      String.join(
          "\n",
          "set -e",
          "umask 077",
          "mkdir -p " + DIR + " && chmod 700 " + DIR,
          "exec 9>>" + FILE + ".lock",
          "flock 9",
          "key=" + FILE,
          "secret() { " + SECRET_VERSION + "; }",
          "if ! { grep -Eqx '[0-9a-f]{64}' \"$key\""
              + " && test -n \"$(find \"$key\" -mmin -"
              + REUSE_MINUTES
              + ")\""
              + " && now=$(secret) && test -n \"$now\""
              + " && test \"$now\" = \"$(cat \"$key.secret\")\"; } 2>/dev/null; then",
          // With the init config: without one kubeadm guesses this host's address from its route.
          "  kubeadm init phase upload-certs --upload-certs --config "
              + KubeadmConfig.PATH
              + " > \"$key.out\"",
          "  awk 'NF { k = $0 } END { print k }' \"$key.out\" > \"$key\"",
          "  rm -f \"$key.out\"",
          // Unread, the next join uploads again: safe.
          "  secret > \"$key.secret\" || rm -f \"$key.secret\"",
          "fi",
          "cat \"$key\"");

  private SharedCertificateKey() {}
}
