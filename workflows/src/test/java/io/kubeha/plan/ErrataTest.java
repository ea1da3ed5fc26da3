package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each erratum of SPEC.md, fixed in what the plan renders. */
class ErrataTest {
  @TempDir Path dir;
  private final Inventory runbook = TestInventories.runbook();
  private final Inventory lab = TestInventories.lab();

  @Test
  void bothBalancersShareOneVipWithoutAFixedSecret() {
    for (Inventory inv : List.of(runbook, lab)) {
      String vip = inv.spec().controlPlaneEndpoint().vip();
      List<HostSpec> lbs = inv.loadBalancers();
      for (HostSpec lb : lbs) {
        String conf = KeepalivedConfig.content(inv, lb);
        assertTrue(conf.contains("virtual_ipaddress {\n        " + vip + "\n    }"), conf);
        assertFalse(
            conf.contains("authentication") || conf.contains("auth_pass") || conf.contains("1111"),
            conf);
        assertTrue(
            conf.contains(
                "interface " + inv.spec().controlPlaneEndpoint().networkInterface() + "\n"),
            conf);
        assertTrue(
            conf.contains(
                "virtual_router_id " + inv.spec().controlPlaneEndpoint().virtualRouterId() + "\n"));
        assertTrue(conf.contains("unicast_src_ip " + lb.address() + "\n"), conf);
        HostSpec peer = lbs.get(0).equals(lb) ? lbs.get(1) : lbs.get(0);
        assertTrue(conf.contains("unicast_peer {\n        " + peer.address() + "\n    }"), conf);
        // Adverts only from the peer's address, and no silent fall-back to multicast without one.
        assertTrue(conf.contains("    check_unicast_src\n    unicast_fault_no_peer\n"), conf);
        assertTrue(
            conf.contains("enable_script_security") && conf.contains("script_user root"), conf);
      }
      assertTrue(KeepalivedConfig.content(inv, lbs.get(0)).contains("state MASTER\n"));
      assertTrue(KeepalivedConfig.content(inv, lbs.get(0)).contains("priority 100\n"));
      assertTrue(KeepalivedConfig.content(inv, lbs.get(1)).contains("state BACKUP\n"));
      assertTrue(KeepalivedConfig.content(inv, lbs.get(1)).contains("priority 98\n"));
      assertFalse(KeepalivedConfig.content(runbook, lbs.get(1)).contains("192.168.2.200"));
    }
  }

  @Test
  void theHealthCheckAndTheProxyUseTheEndpointPort() {
    assertTrue(KeepalivedConfig.checkScript(lab).contains("https://127.0.0.1:16443/healthz"));
    String nginx = NginxStreamConfig.content(lab);
    assertTrue(nginx.contains("listen 16443;"), nginx);
    lab.controlPlanes()
        .forEach(
            cp ->
                assertTrue(
                    nginx.contains("server " + cp.address() + ":6443 max_fails=0;"), cp.name()));
    assertTrue(LoadBalancer.nginx(lab).actions().get(0).verify().contains("'sport = :16443'"));
  }

  @Test
  void netplanUsesEthernetsAndPrefixLengths() throws Exception {
    HostSpec m1 = runbook.firstControlPlane();
    JsonNode netplan = new YAMLMapper().readTree(Netplan.content(runbook, m1));
    JsonNode eth = netplan.at("/network/ethernets/enp1s0");
    assertEquals("192.168.2.11/24", eth.at("/addresses/0").asText());
    assertEquals("192.168.2.1", eth.at("/routes/0/via").asText());
    assertEquals("223.5.5.5", eth.at("/nameservers/addresses/1").asText());
    assertEquals(2, netplan.at("/network/version").asInt());
  }

  @Test
  void modulesAndBridgeSysctlsAreSet() {
    Step modules = Sysctls.kernelModules();
    assertEquals("overlay\nbr_netfilter\n", modules.files().get(0).content());
    String settings = Sysctls.sysctl().files().get(0).content();
    for (String key :
        List.of(
            "net.ipv4.ip_forward",
            "net.bridge.bridge-nf-call-iptables",
            "net.bridge.bridge-nf-call-ip6tables")) {
      assertTrue(settings.contains(key + " = 1\n"), key);
    }
    assertEquals(
        "test \"$(sysctl -n net.ipv4.ip_forward)\" = 1",
        Sysctls.sysctl().actions().get(0).verify());
  }

  @Test
  void chronyServesTheInventorysNetworksAndClientsUseTheServer() {
    String server = ChronyServerConfig.content(lab);
    assertTrue(server.contains("allow 198.18.0.0/24\n"), server);
    assertFalse(server.contains("192.168.2.0/24"), server);
    assertTrue(server.contains("pool 198.18.0.1 iburst maxsources 4\n"), server);
    assertTrue(ChronyClientConfig.content(lab).contains("server 198.18.0.31 iburst\n"));
    assertTrue(
        ChronyClientConfig.step(lab).actions().get(1).verify().contains("grep -qwF '198.18.0.31'"));
  }

  @Test
  void calicoGetsThePodSubnet() throws Exception {
    String excerpt =
        """
                    # - name: CALICO_IPV4POOL_CIDR
                    #   value: "192.168.0.0/16"
                    - name: CALICO_DISABLE_FILE_LOGGING
        """;
    Processes.Result r =
        Processes.run(List.of("sed", CniManifest.podCidrSed("10.244.0.0/16")), excerpt);
    assertEquals(
        """
                    - name: CALICO_IPV4POOL_CIDR
                      value: "10.244.0.0/16"
                    - name: CALICO_DISABLE_FILE_LOGGING
        """,
        r.output());
    Step cni = CniManifest.step(runbook);
    assertEquals("calico-3.30.6.tar.gz", cni.downloads().get(0).name());
    assertTrue(
        cni.actions().get(0).run().contains("--kubeconfig /etc/kubernetes/admin.conf apply"));
  }

  @Test
  void swapLinesAreCommentedOnceAndNothingElse() throws Exception {
    String fstab =
        "UUID=abc / ext4 defaults 0 1\n/swap.img\tnone\tswap\tsw\t0\t0\n# /old none swap sw 0 0\n";
    Path file = Files.writeString(dir.resolve("fstab"), fstab);
    String run = NodeBasics.swapOff().actions().get(0).run();
    String sed = run.substring(run.indexOf("sed ")).replace("/etc/fstab", file.toString());
    assertEquals(0, Processes.run(List.of("sh", "-c", sed + " && " + sed)).exitCode());
    assertEquals(
        "UUID=abc / ext4 defaults 0 1\n# /swap.img\tnone\tswap\tsw\t0\t0\n# /old none swap sw 0 0\n",
        Files.readString(file));
    String noSwapInFstab =
        NodeBasics.swapOff()
            .actions()
            .get(0)
            .check()
            .replaceFirst("^.*&& ", "")
            .replace("/etc/fstab", file.toString());
    assertEquals(0, Processes.run(List.of("sh", "-c", noSwapInFstab)).exitCode());
  }

  @Test
  void workersGetTheKubernetesRepositoryOfTheMinorVersion() {
    assertEquals(
        "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] http://198.18.0.1:8080/apt/core:/stable:/v1.37/deb/ /\n",
        KubeadmPackages.sourcesList(lab));
    assertTrue(
        KubeadmPackages.repository(runbook)
            .actions()
            .get(1)
            .run()
            .contains("'https://pkgs.k8s.io/core:/stable:/v1.37/deb/Release.key'"));
  }
}
