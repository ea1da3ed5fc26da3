package io.kubeha.plan.daytwo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.activity.SshTarget;
import io.kubeha.activity.UpgradeNodeInput;
import io.kubeha.plan.AtomicWrite;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The day-2 commands as they ran before they moved into the plan renderers, pinned byte for byte:
 * each expected string was printed by the activities' own code, so a renderer that drifts from it
 * fails here.
 */
class DayTwoCommandsPinTest {
  private static final String BASE = "/var/lib/kubeha";
  private static final SshTarget NODE =
      new SshTarget("kube-master-1", "192.168.2.11", 22, "root", "/k", "/kh");
  private static final String IGNORING =
      new UpgradeNodeInput(NODE, NODE, "1.37.2", true, true, List.of("NumCPU", "Mem")).ignoreFlag();
  private static final UpgradeCommands UPGRADE = new UpgradeCommands(BASE);
  private static final RestoreCommands RESTORE = new RestoreCommands(BASE, "run-1");
  private static final CertificateCommands CERTS = new CertificateCommands(BASE);

  /** The activity passes etcdutl's least bump (1000000000) for runs from before it was measured. */
  private static String restore(String bump) {
    return RESTORE.restore(
        "kube-master-1",
        "kube-master-1=https://192.168.2.11:2380,kube-master-2=https://192.168.2.12:2380",
        "kubeha-runbook-restore-run-1",
        "https://192.168.2.11:2380",
        bump);
  }

  @Test
  void upgrade() {
    assertEquals(
        "kubeadm version -o short 2>/dev/null | grep -qxF 'v1.37.2' || { { [ -z \"$(ls -A /var/lib/dpkg/updates 2>/dev/null)\" ] || DEBIAN_FRONTEND=noninteractive dpkg --force-confold --configure -a; } && if [ ! -e /var/lib/kubeha/apt-lists-updated ] || [ -n \"$(find /var/lib/kubeha/apt-lists-updated -mmin +60)\" ] || [ -n \"$(find /etc/apt/sources.list /etc/apt/sources.list.d /etc/apt/keyrings -newer /var/lib/kubeha/apt-lists-updated 2>/dev/null | head -n 1)\" ]; then DEBIAN_FRONTEND=noninteractive apt-get -y -o Dpkg::Options::=--force-confold update && mkdir -p /var/lib/kubeha && touch /var/lib/kubeha/apt-lists-updated; fi && DEBIAN_FRONTEND=noninteractive apt-get -y -o Dpkg::Options::=--force-confold install --allow-change-held-packages 'kubeadm=1.37.2-*' && apt-mark hold kubeadm; }",
        UpgradeCommands.installKubeadm("1.37.2"));
    assertEquals("kubeadm upgrade plan 'v1.37.2'", UpgradeCommands.plan("1.37.2", ""));
    assertEquals(
        "kubeadm upgrade plan 'v1.37.2' --ignore-preflight-errors=NumCPU,Mem",
        UpgradeCommands.plan("1.37.2", IGNORING));
    assertEquals(
        "kubeadm upgrade apply 'v1.37.2' --yes", UpgradeCommands.upgrade(true, "1.37.2", ""));
    assertEquals(
        "kubeadm upgrade apply 'v1.37.2' --yes --ignore-preflight-errors=NumCPU,Mem",
        UpgradeCommands.upgrade(true, "1.37.2", IGNORING));
    assertEquals("kubeadm upgrade node", UpgradeCommands.upgrade(false, "1.37.2", ""));
    assertEquals(
        "mkdir -p '/var/lib/kubeha/upgraded' && : > '/var/lib/kubeha/upgraded/v1.37.2' && rm -rf '/var/lib/kubeha/jobs/kubeadm-upgrade-1.37.2'",
        UPGRADE.recordUpgrade("1.37.2"));
    assertEquals(
        "systemctl daemon-reload && systemctl restart kubelet", UpgradeCommands.RESTART_KUBELET);
    assertEquals(
        "kubectl --kubeconfig /etc/kubernetes/admin.conf uncordon 'kube-worker-1'",
        UpgradeCommands.uncordon("kube-worker-1"));
  }

  @Test
  void removal() {
    assertEquals(
        "kubectl --kubeconfig /etc/kubernetes/admin.conf cordon 'kube-worker-1'",
        NodeRemovalCommands.cordon("kube-worker-1"));
    assertEquals(
        "kubectl --kubeconfig /etc/kubernetes/admin.conf drain 'kube-worker-1' --ignore-daemonsets --delete-emptydir-data --timeout=300s",
        NodeRemovalCommands.drain("kube-worker-1", 300));
    assertEquals(
        "kubeadm reset --force --cri-socket unix:///var/run/containerd/containerd.sock && rm -rf /etc/cni/net.d/* /var/lib/cni /run/flannel /var/lib/kubeha/pending/kubeadm-join && { "
            + "ip link delete cni0 2>/dev/null; ip link delete flannel.1 2>/dev/null; ip link delete flannel-v6.1 2>/dev/null; "
            + "ip link delete vxlan.calico 2>/dev/null; ip link delete vxlan-v6.calico 2>/dev/null; "
            + "if command -v iptables-save >/dev/null && iptables-save | grep -qE 'KUBE-|FLANNEL|CNI-|cali-'; then iptables-save | grep -vE 'KUBE-|FLANNEL|CNI-|cali-' | iptables-restore; fi; "
            + "if command -v ip6tables-save >/dev/null && ip6tables-save | grep -qE 'KUBE-|FLANNEL|CNI-|cali-'; then ip6tables-save | grep -vE 'KUBE-|FLANNEL|CNI-|cali-' | ip6tables-restore; fi; "
            + "if command -v nft >/dev/null; then nft delete table ip kube-proxy 2>/dev/null; nft delete table ip6 kube-proxy 2>/dev/null; fi; true; }",
        NodeRemovalCommands.RESET);
    assertEquals(
        "curl -sS --fail --max-time 10 --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/etcd/healthcheck-client.crt --key /etc/kubernetes/pki/etcd/healthcheck-client.key -X POST -d '{\"ID\":\"8e9e05c52164694d\"}' https://127.0.0.1:2379/v3/cluster/member/remove",
        NodeRemovalCommands.removeMember("8e9e05c52164694d"));
    assertEquals(
        "kubectl --kubeconfig /etc/kubernetes/admin.conf delete node --ignore-not-found 'kube-worker-1'",
        NodeRemovalCommands.deleteNode("kube-worker-1"));
  }

  @Test
  void restore() {
    assertEquals("/var/lib/kubeha/restore-run-1.db", RESTORE.upload());
    assertEquals("/var/lib/kubeha/restore-run-1.state", RESTORE.marker());
    assertEquals(
        "echo '5e1f  /var/lib/kubeha/restore-run-1.db' | sha256sum -c --status",
        RESTORE.uploaded("5e1f"));
    assertEquals("grep -qx swapped '/var/lib/kubeha/restore-run-1.state'", RESTORE.restored());
    assertEquals(
        "set -e\nmkdir -p '/var/lib/kubeha'\nif [ -f '/var/lib/etcd.kubeha-restore-run-1.done' ] && [ ! -d '/var/lib/etcd.kubeha-restore-run-1' ]; then :; else\n  if [ ! -f '/var/lib/etcd.kubeha-restore-run-1.done' ]; then rm -rf '/var/lib/etcd.kubeha-restore-run-1'; /usr/local/bin/etcdutl snapshot restore '/var/lib/kubeha/restore-run-1.db' --name 'kube-master-1' --initial-cluster 'kube-master-1=https://192.168.2.11:2380,kube-master-2=https://192.168.2.12:2380' --initial-cluster-token 'kubeha-runbook-restore-run-1' --initial-advertise-peer-urls 'https://192.168.2.11:2380' --bump-revision 1000000000 --mark-compacted --data-dir '/var/lib/etcd.kubeha-restore-run-1' || exit 4; touch '/var/lib/etcd.kubeha-restore-run-1.done'; fi\n  if [ -d '/var/lib/etcd' ] && [ ! -e '/var/lib/etcd.kubeha-before-run-1' ]; then mv '/var/lib/etcd' '/var/lib/etcd.kubeha-before-run-1'; fi\n  if [ -e '/var/lib/etcd' ]; then echo '/var/lib/etcd is back beside /var/lib/etcd.kubeha-before-run-1: something recreated it; look before restoring again' >&2; exit 3; fi\n  mv '/var/lib/etcd.kubeha-restore-run-1' '/var/lib/etcd'\nfi\nchmod 0700 '/var/lib/etcd'\nrm -f '/var/lib/etcd.kubeha-restore-run-1.done'\necho swapped > '/var/lib/kubeha/restore-run-1.state'",
        restore("1000000000"));
    assertEquals(
        "set -e\nmkdir -p '/var/lib/kubeha'\nif [ -f '/var/lib/etcd.kubeha-restore-run-1.done' ] && [ ! -d '/var/lib/etcd.kubeha-restore-run-1' ]; then :; else\n  if [ ! -f '/var/lib/etcd.kubeha-restore-run-1.done' ]; then rm -rf '/var/lib/etcd.kubeha-restore-run-1'; /usr/local/bin/etcdutl snapshot restore '/var/lib/kubeha/restore-run-1.db' --name 'kube-master-1' --initial-cluster 'kube-master-1=https://192.168.2.11:2380,kube-master-2=https://192.168.2.12:2380' --initial-cluster-token 'kubeha-runbook-restore-run-1' --initial-advertise-peer-urls 'https://192.168.2.11:2380' --bump-revision 1000004321 --mark-compacted --data-dir '/var/lib/etcd.kubeha-restore-run-1' || exit 4; touch '/var/lib/etcd.kubeha-restore-run-1.done'; fi\n  if [ -d '/var/lib/etcd' ] && [ ! -e '/var/lib/etcd.kubeha-before-run-1' ]; then mv '/var/lib/etcd' '/var/lib/etcd.kubeha-before-run-1'; fi\n  if [ -e '/var/lib/etcd' ]; then echo '/var/lib/etcd is back beside /var/lib/etcd.kubeha-before-run-1: something recreated it; look before restoring again' >&2; exit 3; fi\n  mv '/var/lib/etcd.kubeha-restore-run-1' '/var/lib/etcd'\nfi\nchmod 0700 '/var/lib/etcd'\nrm -f '/var/lib/etcd.kubeha-restore-run-1.done'\necho swapped > '/var/lib/kubeha/restore-run-1.state'",
        restore("1000004321"));
    assertEquals(
        "set -e\nchanged=0\nif [ -d '/var/lib/etcd.kubeha-before-run-1' ]; then\n  if [ -e '/var/lib/etcd' ]; then\n    if grep -qx swapped '/var/lib/kubeha/restore-run-1.state' 2>/dev/null; then rm -rf '/var/lib/etcd'; else mv '/var/lib/etcd' '/var/lib/etcd.kubeha-unexpected-run-1'; fi\n  fi\n  mv '/var/lib/etcd.kubeha-before-run-1' '/var/lib/etcd'\n  changed=1\nfi\nrm -rf '/var/lib/etcd.kubeha-restore-run-1' '/var/lib/etcd.kubeha-restore-run-1.done'\nrm -f '/var/lib/kubeha/restore-run-1.state'\ntest -d '/var/lib/etcd' || { echo 'no etcd data dir to put back' >&2; exit 3; }\necho changed=$changed",
        RESTORE.putBack());
    assertEquals(
        "rm -f '/var/lib/kubeha/restore-run-1.db' '/var/lib/kubeha/restore-run-1.state'",
        RESTORE.removeUploadAndMarker());
    assertEquals("rm -f '/var/lib/kubeha/restore-run-1.db'", RESTORE.removeUpload());
    assertEquals(
        "set -e\np='/var/lib/kubeha/restore-run-1.db'\nd=$(dirname \"$p\")\nmkdir -p \"$d\"\nt=$(mktemp \"$d/.kubeha.XXXXXX\")\ntrap 'rm -f \"$t\"' EXIT\ncat > \"$t\"\necho '5e1f  '\"$t\" | sha256sum -c --status || { echo \"content of $p arrived corrupted\" >&2; exit 1; }\nchmod '0600' \"$t\"\nchown 'root:root' \"$t\"\nmv -f \"$t\" \"$p\"",
        AtomicWrite.script(RESTORE.upload(), "0600", "root:root", "5e1f"));
  }

  @Test
  void certificates() {
    assertEquals("kubeadm certs check-expiration -o json", CertificateCommands.CHECK_EXPIRATION);
    assertEquals(
        "mkdir -p '/var/lib/kubeha' && echo 'run run-1' > '/var/lib/kubeha/certs-renewal'",
        CERTS.markRun("run-1"));
    assertEquals("kubeadm certs renew all", CertificateCommands.RENEW_ALL);
    assertEquals("echo 'renewed' >> '/var/lib/kubeha/certs-renewal'", CERTS.record("renewed"));
    assertEquals("rm -f '/var/lib/kubeha/certs-renewal'", CERTS.clear());
  }

  @Test
  void staticPods() {
    assertEquals(
        "test -f '/etc/kubernetes/kubeha-parked/etcd.yaml' || { mkdir -p /etc/kubernetes/kubeha-parked && mv '/etc/kubernetes/manifests/etcd.yaml' '/etc/kubernetes/kubeha-parked/etcd.yaml'; }",
        StaticPod.ETCD.park());
    assertEquals(
        "test ! -f '/etc/kubernetes/kubeha-parked/etcd.yaml' || mv '/etc/kubernetes/kubeha-parked/etcd.yaml' '/etc/kubernetes/manifests/etcd.yaml'",
        StaticPod.ETCD.unpark());
    assertEquals(
        "test -f '/etc/kubernetes/kubeha-parked/kube-apiserver.yaml' || { mkdir -p /etc/kubernetes/kubeha-parked && mv '/etc/kubernetes/manifests/kube-apiserver.yaml' '/etc/kubernetes/kubeha-parked/kube-apiserver.yaml'; }",
        StaticPod.API_SERVER.park());
    assertEquals(
        "test ! -f '/etc/kubernetes/kubeha-parked/kube-apiserver.yaml' || mv '/etc/kubernetes/kubeha-parked/kube-apiserver.yaml' '/etc/kubernetes/manifests/kube-apiserver.yaml'",
        StaticPod.API_SERVER.unpark());
    assertEquals(
        "test -f '/etc/kubernetes/kubeha-parked/kube-controller-manager.yaml' || { mkdir -p /etc/kubernetes/kubeha-parked && mv '/etc/kubernetes/manifests/kube-controller-manager.yaml' '/etc/kubernetes/kubeha-parked/kube-controller-manager.yaml'; }",
        StaticPod.CONTROLLER_MANAGER.park());
    assertEquals(
        "test ! -f '/etc/kubernetes/kubeha-parked/kube-controller-manager.yaml' || mv '/etc/kubernetes/kubeha-parked/kube-controller-manager.yaml' '/etc/kubernetes/manifests/kube-controller-manager.yaml'",
        StaticPod.CONTROLLER_MANAGER.unpark());
    assertEquals(
        "test -f '/etc/kubernetes/kubeha-parked/kube-scheduler.yaml' || { mkdir -p /etc/kubernetes/kubeha-parked && mv '/etc/kubernetes/manifests/kube-scheduler.yaml' '/etc/kubernetes/kubeha-parked/kube-scheduler.yaml'; }",
        StaticPod.SCHEDULER.park());
    assertEquals(
        "test ! -f '/etc/kubernetes/kubeha-parked/kube-scheduler.yaml' || mv '/etc/kubernetes/kubeha-parked/kube-scheduler.yaml' '/etc/kubernetes/manifests/kube-scheduler.yaml'",
        StaticPod.SCHEDULER.unpark());
  }

  /** The guards and job names the activities adopt an earlier attempt by, as they wrote them. */
  @Test
  void guardsAndJobs() {
    assertEquals("test -f '/var/lib/kubeha/upgraded/v1.37.2'", UPGRADE.upgraded("1.37.2"));
    assertEquals("upgrade-kubeadm-1.37.2", UpgradeCommands.installJob("1.37.2"));
    assertEquals("kubeadm-upgrade-1.37.2", UpgradeCommands.upgradeJob("1.37.2"));
    assertEquals("drain-kube-worker-1", NodeRemovalCommands.drainJob("kube-worker-1"));
    assertEquals("node-reset", NodeRemovalCommands.RESET_JOB);
    assertEquals(
        "test ! -e /etc/kubernetes/kubelet.conf && test -z \"$(ls -A /etc/kubernetes/manifests"
            + " 2>/dev/null)\"",
        NodeRemovalCommands.RESET_DONE);
    assertEquals("cat '/var/lib/kubeha/certs-renewal' 2>/dev/null || true", CERTS.readMarker());
    assertEquals(
        "/var/lib/kubeha/jobs/kubeadm-init.x_y", DetachedJobs.dir(BASE, "kubeadm-init.x/y"));
  }
}
