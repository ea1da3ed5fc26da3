package io.kubeha.campaign;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.lab.ExecResult;
import io.kubeha.lab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the lab looked like when a campaign run went wrong, read before the lab goes down: where the
 * VIP is and what the balancers' nginx says, the first master's API and containers, the worker's
 * last warnings. CI keeps only the test's message, so this goes into it.
 */
final class LabPostMortem {
  // A long cell keeps its start and its end (the journal's last lines are at the end).
  private static final int HEAD = 300;
  private static final int TAIL = 500;

  private LabPostMortem() {}

  static List<String> lines(Lab lab, Inventory inv, Path workerLog) {
    List<String> lines = new ArrayList<>();
    String endpoint =
        inv.spec().controlPlaneEndpoint().vip() + ":" + inv.spec().controlPlaneEndpoint().port();
    for (HostSpec lb : inv.loadBalancers()) {
      lines.add(
          "lab at the end: "
              + lb.name()
              + ": "
              + run(
                  lab,
                  lb.name(),
                  "echo addrs $(ip -4 -o addr show | awk '{print $4}');"
                      + " echo nginx $(systemctl is-active nginx) keepalived $(systemctl is-active keepalived);"
                      + " tail -n 3 /var/log/nginx/k8s-apiserver-error.log 2>&1;"
                      + " journalctl -u keepalived -n 4 --no-pager -o cat 2>&1"));
    }
    HostSpec first = inv.firstControlPlane();
    lines.add(
        "lab at the end: "
            + first.name()
            + ": "
            + run(
                lab,
                first.name(),
                "echo kubelet $(systemctl is-active kubelet) containerd $(systemctl is-active containerd);"
                    + " echo local $(curl -sSk -m 3 https://127.0.0.1:6443/livez 2>&1);"
                    + " echo endpoint $(curl -sSk -m 3 https://"
                    + endpoint
                    + "/livez 2>&1);"
                    + " crictl ps -a 2>&1 | awk 'NR>1 {print $(NF-5), $(NF-4), $(NF-3)}'"));
    lines.add("lab at the end: worker's last warnings: " + warnings(workerLog));
    return lines;
  }

  private static String run(Lab lab, String host, String script) {
    try {
      ExecResult r = lab.exec(host, "sh", "-c", script);
      return cell(r.stdout() + r.stderr());
    } catch (RuntimeException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  private static String warnings(Path log) {
    try {
      List<String> hits =
          Files.readAllLines(log).stream()
              .filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
              .toList();
      return cell(String.join("\n", hits.subList(Math.max(0, hits.size() - 3), hits.size())));
    } catch (Exception e) {
      return "unreadable: " + e.getMessage();
    }
  }

  private static String cell(String text) {
    String flat = text.strip().replace('\n', '|');
    return flat.length() <= HEAD + TAIL
        ? flat
        : flat.substring(0, HEAD) + "…" + flat.substring(flat.length() - TAIL);
  }
}
