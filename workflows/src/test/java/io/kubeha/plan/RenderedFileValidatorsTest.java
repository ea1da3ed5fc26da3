package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real validators of nginx, keepalived and chrony accept what the plan renders. */
class RenderedFileValidatorsTest {
  private static final String STREAM_MODULE = "/usr/lib/nginx/modules/ngx_stream_module.so";

  @TempDir Path dir;

  static List<Inventory> inventories() {
    return List.of(TestInventories.runbook(), TestInventories.lab());
  }

  @ParameterizedTest
  @MethodSource("inventories")
  void nginxAcceptsTheStreamProxy(Inventory inv) throws Exception {
    assumeTrue(
        Processes.installed("nginx") && Files.exists(Path.of(STREAM_MODULE)),
        "nginx with the stream module");
    // Only the machine-specific paths change: the module is loaded directly, logs and pid go to the
    // temp dir.
    String conf =
        NginxStreamConfig.content(inv)
            .replace(NginxStreamConfig.MODULES_INCLUDE, "load_module " + STREAM_MODULE + ";")
            .replace("/var/log/nginx", dir.toString())
            .replace("/run/nginx.pid", dir.resolve("nginx.pid").toString());
    Path file = Files.writeString(dir.resolve("nginx.conf"), conf);
    Processes.Result r =
        Processes.run(List.of("nginx", "-t", "-p", dir.toString(), "-c", file.toString()));
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("test is successful"), r.output());
  }

  @ParameterizedTest
  @MethodSource("inventories")
  void keepalivedAcceptsBothBalancers(Inventory inv) throws Exception {
    assumeTrue(Processes.installed("keepalived"), "keepalived");
    for (HostSpec lb : inv.loadBalancers()) {
      Path script = dir.resolve("check_apiserver.sh");
      Files.writeString(script, KeepalivedConfig.checkScript(inv));
      script.toFile().setExecutable(true);
      // keepalived -t insists that the interface exists on the machine running the test.
      String conf =
          KeepalivedConfig.content(inv, lb)
              .replace(KeepalivedConfig.CHECK_SCRIPT, script.toString())
              .replace(
                  "interface " + inv.spec().controlPlaneEndpoint().networkInterface(),
                  "interface " + localInterface());
      Path file = Files.writeString(dir.resolve(lb.name() + ".conf"), conf);
      Processes.Result r = Processes.run(List.of("keepalived", "-t", "-f", file.toString()));
      assertEquals(0, r.exitCode(), lb.name() + ":\n" + r.output());
    }
  }

  private static String localInterface() throws java.io.IOException {
    try (var names = Files.list(Path.of("/sys/class/net"))) {
      return names
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("lo"))
          .sorted()
          .findFirst()
          .orElse("lo");
    }
  }

  @ParameterizedTest
  @MethodSource("inventories")
  void chronydParsesServerAndClientConfigs(Inventory inv) throws Exception {
    assumeTrue(Processes.installed("chronyd"), "chronyd");
    for (String conf : List.of(ChronyServerConfig.content(inv), ChronyClientConfig.content(inv))) {
      Path file = Files.writeString(dir.resolve("chrony.conf"), conf);
      // -p prints the parsed configuration and exits; it never starts the daemon or touches the
      // clock.
      Processes.Result r = Processes.run(List.of("chronyd", "-p", "-f", file.toString()));
      assertEquals(0, r.exitCode(), r.output());
      assertTrue(
          r.output().contains("local stratum 10") == conf.contains("local stratum 10"), r.output());
    }
  }
}
