package io.kubeha.activities;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Stand-ins for kubeadm, kubectl and curl (etcd's gateway) in a loopback sshd's /usr/local/bin,
 * keeping the cluster's state in files under state: every kubeadm call in kubeadm.calls, the nodes
 * and etcd members one a line, the bootstrap tokens as kubectl lists them. kubeadm join's phases
 * leave what the real ones do on the host (certificates, manifests, kubelet.conf) and kubeadm reset
 * removes it. As kubeadm's preflight does, a whole join fails over a prepare's manifests; the
 * phases after a prepare fail without them, and once when fail-rest exists.
 */
final class FakeKubernetesBin {
  static final String TOKEN = "abcdef.0123456789abcdef";
  static final String CA_HASH = "sha256:" + "a1b2c3d4".repeat(8);
  static final String CERT_KEY = "9f8e7d6c".repeat(8);

  private FakeKubernetesBin() {}

  /** Writes the stand-ins into state/bin, the cluster holding kube-master-1 alone; returns bin. */
  static Path write(Path state) throws Exception {
    Path bin = Files.createDirectories(state.resolve("bin"));
    String s = "S=" + state;
    script(
        bin.resolve("kubeadm"),
        s,
        "echo \"$*\" >> $S/kubeadm.calls",
        "for a; do last=$a; done",
        "joined() { node=$(sed -n 's/^ *name: *//p' \"$1\" | head -1); echo \"$node\" >> $S/nodes",
        "  if grep -q certificateKey \"$1\"; then echo \"$node\" >> $S/etcd; fi",
        "  mkdir -p /etc/kubernetes; : > /etc/kubernetes/kubelet.conf; echo 'This node has joined the cluster'; }",
        "case \"$1 $2\" in",
        "  'token create') echo \"kubeadm join 127.0.0.1:6443 --token "
            + TOKEN
            + " --discovery-token-ca-cert-hash "
            + CA_HASH
            + " \"",
        "    printf 'bootstrap-token-abcdef %s\\n' \"$(printf %s \"$last\" | base64 -w0)\" >> $S/tokens;;",
        "  'init phase') echo '[upload-certs] Using certificate key:'; echo " + CERT_KEY,
        "    echo \"uid-1/$(wc -l < $S/kubeadm.calls)\" > $S/certs-secret;;",
        "  'init --config') mkdir -p /etc/kubernetes; echo 'kind: Config # admin' > /etc/kubernetes/admin.conf;;",
        "  'reset --force') rm -rf /etc/kubernetes/pki /etc/kubernetes/manifests /etc/kubernetes/kubelet.conf;;",
        "  'join phase') case \"$3\" in",
        "    preflight) test ! -e /etc/kubernetes/manifests/kube-apiserver.yaml || exit 1;;",
        "    control-plane-prepare) cp \"$6\" $S/seen-prepare-config; mkdir -p /etc/kubernetes/pki /etc/kubernetes/manifests",
        "      : > /etc/kubernetes/pki/ca.crt; : > /etc/kubernetes/manifests/kube-apiserver.yaml;;",
        "    esac;;",
        "  'join --config') cp \"$3\" $S/seen-join-config",
        "    if [ \"$4\" = --skip-phases ]; then",
        "      test -e /etc/kubernetes/manifests/kube-apiserver.yaml || exit 1",
        "      if [ -e $S/fail-rest ]; then rm -f $S/fail-rest; exit 1; fi",
        "    else test ! -e /etc/kubernetes/manifests/kube-apiserver.yaml || exit 1",
        "    fi",
        "    joined \"$3\";;",
        "esac",
        "");
    String list =
        "list() { printf '['; sep=; while read n; do printf \"$sep$1\" \"$n\"; sep=,; done < \"$2\"; printf ']'; }";
    script(
        bin.resolve("kubectl"),
        s,
        list,
        "case \"$*\" in",
        "  *'get nodes'*) printf '{\"items\":'; list '{\"metadata\":{\"name\":\"%s\"},\"status\":{\"conditions\":"
            + "[{\"type\":\"Ready\",\"status\":\"True\"}]}}' $S/nodes; echo '}';;",
        "  *'get secrets'*) cat $S/tokens 2>/dev/null || true;;",
        "  *'delete secret'*) : > $S/tokens;;",
        "  *'get secret kubeadm-certs'*) test ! -e $S/no-certs-secret && cat $S/certs-secret;;",
        "esac",
        "");
    script(
        bin.resolve("curl"),
        s,
        list,
        "case \"$*\" in",
        "  *'/v3/cluster/member/list'*) printf '{\"members\":'; list '{\"name\":\"%s\"}' $S/etcd; echo '}';;",
        "  *) exec /usr/bin/curl \"$@\";;",
        "esac",
        "");
    Files.writeString(state.resolve("nodes"), "kube-master-1\n");
    Files.writeString(state.resolve("etcd"), "kube-master-1\n");
    return bin;
  }

  private static void script(Path path, String... lines) throws Exception {
    Files.writeString(path, "#!/bin/sh\n" + String.join("\n", lines));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
