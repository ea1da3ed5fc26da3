package io.kubeha.plan;

/**
 * The certificate key every control-plane join decrypts the uploaded certificates with. Each {@code
 * kubeadm init phase upload-certs} encrypts them under a fresh key, so joins prepared at the same
 * time would each void the key of the others. The first join uploads under a lock and keeps the key
 * in a root-only file under /run (gone at a reboot); the others reuse it while it is under an hour
 * old (kubeadm keeps the upload two hours) and the kubeadm-certs Secret is still there.
 */
public final class SharedCertificateKey {
  static final String DIR = "/run/kubeha";
  static final String FILE = DIR + "/certificate-key";
  static final int REUSE_MINUTES = 60;

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
          "if ! { grep -Eqx '[0-9a-f]{64}' \"$key\""
              + " && test -n \"$(find \"$key\" -mmin -"
              + REUSE_MINUTES
              + ")\""
              + " && kubectl --kubeconfig /etc/kubernetes/admin.conf -n kube-system"
              + " get secret kubeadm-certs >/dev/null; } 2>/dev/null; then",
          // With the init config: without one kubeadm guesses this host's address from its route.
          "  kubeadm init phase upload-certs --upload-certs --config "
              + KubeadmConfig.PATH
              + " > \"$key.out\"",
          "  awk 'NF { k = $0 } END { print k }' \"$key.out\" > \"$key\"",
          "  rm -f \"$key.out\"",
          "fi",
          "cat \"$key\"");

  private SharedCertificateKey() {}
}
