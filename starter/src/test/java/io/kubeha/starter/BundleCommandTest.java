package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeha.bundle.BundleCreator;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubeha bundle create, verify and list against real sources on 127.0.0.1: a static file server
 * laid out like the lab's release mirror and apt repository, and the lab's registry program holding
 * every image the inventory's cluster runs.
 */
class BundleCommandTest {
  @TempDir static Path sources;
  static FileServer files;
  static LocalRegistry registry;
  static BundleFixture fixture;
  static List<String> pushed;

  @TempDir Path dir;

  @BeforeAll
  static void serve() throws Exception {
    Files.createDirectories(sources.resolve("registry"));
    registry = LocalRegistry.start(sources.resolve("registry"));
    fixture = new BundleFixture(sources.resolve("www"));
    fixture.mirror();
    fixture.apt();
    pushed = fixture.push(registry);
    files = new FileServer(sources.resolve("www"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (files != null) {
      files.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private Cli create(Path inventory, Path bundle) {
    return Cli.run(
        "bundle",
        "create",
        "-f",
        inventory.toString(),
        "-o",
        bundle.toString(),
        "--from-mirror",
        files.url(),
        "--from-apt",
        files.url() + "/apt",
        "--from-registry",
        registry.url());
  }

  @Test
  void createsAVerifiableBundleThatListsWhatTheClusterNeeds() throws Exception {
    Path inventory = fixture.inventory(dir, "small", fixture.sha256);
    Path bundle = dir.resolve("small.bundle");
    Cli created = create(inventory, bundle);
    assertEquals(ExitCodes.OK, created.exitCode(), created::toString);
    assertTrue(
        created
            .out()
            .contains(
                "fetched  files/"
                    + BundleFixture.CONTAINERD
                    + " (20.0 kB) from "
                    + files.url()
                    + "/"
                    + BundleFixture.CONTAINERD),
        created.out());
    assertTrue(created.out().contains("SHA-256 "), created.out());
    assertTrue(
        created.out().contains("also need, from the nodes' own apt sources: iptables (>= 1.4.21)"),
        created.out());
    assertFalse(Files.exists(BundleCreator.partialDir(bundle)), "the partial directory is removed");
    String sum = Files.readString(dir.resolve("small.bundle.sha256"));
    assertEquals(io.kubeha.plan.Sha256.hex(Files.readAllBytes(bundle)) + "  small.bundle\n", sum);

    Cli verified = Cli.run("bundle", "verify", bundle.toString());
    assertEquals(ExitCodes.OK, verified.exitCode(), verified::toString);

    Cli listed = Cli.run("bundle", "list", bundle.toString(), "-o", "json");
    assertEquals(ExitCodes.OK, listed.exitCode(), listed::toString);
    JsonNode index = Json.MAPPER.readTree(listed.out());
    Map<String, String> images = new LinkedHashMap<>();
    index
        .path("images")
        .forEach(i -> images.put(i.path("name").asText(), i.path("digest").asText()));
    assertEquals(pushed.size(), images.size(), images::toString);
    for (int i = 0; i < BundleFixture.IMAGES.size(); i++) {
      assertEquals(
          pushed.get(i), images.get(BundleFixture.IMAGES.get(i)), BundleFixture.IMAGES.get(i));
    }
    assertEquals(pushed.get(pushed.size() - 1), images.get(BundleFixture.PAUSE), "pause's index");
    List<String> names = entries(index);
    for (String deb :
        List.of(
            BundleFixture.debPath("kubelet", "1.37.2-1.1"),
            BundleFixture.debPath("kubeadm", "1.37.2-1.1"),
            BundleFixture.debPath("kubectl", "1.37.2-1.1"),
            BundleFixture.debPath("cri-tools", "1.37.0-1.1"),
            BundleFixture.debPath("kubernetes-cni", "1.8.0-1.1"))) {
      assertTrue(names.contains(deb), deb + " in " + names);
    }
    assertFalse(
        names.contains(BundleFixture.debPath("kubelet", "1.37.1-1.1")),
        "only the inventory's version");
    assertFalse(
        names.contains(BundleFixture.debPath("cri-tools", "1.30.0-1.1")), "apt's candidate only");
    for (String meta :
        List.of("Release", "InRelease", "Release.gpg", "Release.key", "Packages", "Packages.gz")) {
      assertTrue(names.contains(BundleFixture.REPO + meta), meta);
    }
    for (String file :
        List.of(
            BundleFixture.CONTAINERD, BundleFixture.RUNC, BundleFixture.CNI, BundleFixture.ETCD)) {
      assertTrue(names.contains("files/" + file), file);
    }
    assertTrue(names.contains("oci/index.json") && names.contains("oci/oci-layout"));
    assertEquals(names.size(), names.stream().distinct().count(), "each blob once");

    Cli text = Cli.run("bundle", "list", bundle.toString());
    assertTrue(text.out().contains("files/" + BundleFixture.RUNC), text.out());
    assertTrue(text.out().contains(files.url() + "/" + BundleFixture.RUNC), text.out());

    // One byte flipped inside one entry: verify names that entry, and only it.
    String victim = BundleFixture.debPath("kubeadm", "1.37.2-1.1");
    flipByte(bundle, victim);
    Cli corrupt = Cli.run("bundle", "verify", bundle.toString());
    assertEquals(ExitCodes.FAILURE, corrupt.exitCode(), corrupt::toString);
    assertEquals(1, corrupt.err().lines().count(), corrupt.err());
    assertTrue(corrupt.err().contains(victim + ": corrupt"), corrupt.err());
  }

  @Test
  void anInterruptedCreateFetchesOnlyWhatIsMissingWhenRunAgain() throws Exception {
    Path inventory = fixture.inventory(dir, "resumed", fixture.sha256);
    Path bundle = dir.resolve("resumed.bundle");
    String failing = "/" + BundleFixture.debPath("kubectl", "1.37.2-1.1");
    files.resetCounts();
    files.fail(failing);
    Cli first;
    try {
      first = create(inventory, bundle);
    } finally {
      files.heal();
    }
    assertEquals(ExitCodes.FAILURE, first.exitCode(), first::toString);
    assertTrue(
        first.err().contains("kubectl_1.37.2-1.1_amd64.deb") && first.err().contains("HTTP 500"),
        first.err());
    assertTrue(first.err().contains("run the same command again"), first.err());
    assertFalse(Files.exists(bundle));
    String kubeadm = "/" + BundleFixture.debPath("kubeadm", "1.37.2-1.1");
    String containerd = "/" + BundleFixture.CONTAINERD;
    assertEquals(1, files.requests(kubeadm));
    assertEquals(1, files.requests(containerd));

    files.resetCounts();
    Cli second = create(inventory, bundle);
    assertEquals(ExitCodes.OK, second.exitCode(), second::toString);
    assertEquals(0, files.requests(containerd), "a verified release file is not fetched again");
    assertEquals(0, files.requests(kubeadm), "a verified package is not fetched again");
    assertEquals(1, files.requests(failing), "what failed is fetched");
    assertTrue(second.out().contains("have     files/" + BundleFixture.CONTAINERD), second.out());
    long fetched = second.out().lines().filter(l -> l.startsWith("fetched  ")).count();
    long blobs = second.out().lines().filter(l -> l.startsWith("fetched  oci/blobs/")).count();
    long debs =
        second
            .out()
            .lines()
            .filter(l -> l.startsWith("fetched  apt/") && l.contains(".deb"))
            .count();
    assertEquals(1, debs, second.out());
    assertTrue(blobs > 0, "the images had not been reached");
    assertEquals(fetched, blobs + debs, "nothing else was fetched again:\n" + second.out());
    assertEquals(ExitCodes.OK, Cli.run("bundle", "verify", bundle.toString()).exitCode());
  }

  @Test
  void aWrongSha256AtTheSourceIsRefusedNamingTheFile() throws Exception {
    Map<String, String> wrong = new LinkedHashMap<>(fixture.sha256);
    wrong.put("runc-1.3.4.amd64", "ab".repeat(32));
    Path inventory = fixture.inventory(dir, "wrong", wrong);
    Path bundle = dir.resolve("wrong.bundle");
    Cli r = create(inventory, bundle);
    assertEquals(ExitCodes.FAILURE, r.exitCode(), r::toString);
    assertTrue(r.err().contains("files/" + BundleFixture.RUNC + ": what " + files.url()), r.err());
    assertTrue(r.err().contains("is not what the plan says"), r.err());
    assertFalse(
        Files.exists(BundleCreator.partialDir(bundle).resolve("files/" + BundleFixture.RUNC)),
        "nothing kept");
    assertFalse(Files.exists(bundle));
  }

  @Test
  void aFileWithoutAKnownSha256StopsBeforeAnyFetchNamingIt() throws Exception {
    Map<String, String> none = new LinkedHashMap<>(fixture.sha256);
    none.remove("containerd-2.2.10-linux-amd64.tar.gz");
    Path inventory = fixture.inventory(dir, "unknown", none);
    files.resetCounts();
    Cli r = create(inventory, dir.resolve("unknown.bundle"));
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    assertTrue(
        r.err().contains("no SHA-256 known for containerd-2.2.10-linux-amd64.tar.gz"), r.err());
    assertEquals(0, files.totalRequests());
  }

  private static List<String> entries(JsonNode index) {
    List<String> names = new java.util.ArrayList<>();
    index.path("entries").forEach(e -> names.add(e.path("name").asText()));
    return names;
  }

  /** Flips the middle byte of an entry's data, found through the tar's own headers. */
  static void flipByte(Path bundle, String entry) throws Exception {
    long offset = -1;
    long size = 0;
    try (TarFile tar = new TarFile(bundle)) {
      for (TarArchiveEntry e : tar.getEntries()) {
        if (e.getName().equals(entry)) {
          offset = e.getDataOffset();
          size = e.getSize();
        }
      }
    }
    assertTrue(offset > 0, entry + " is in the archive");
    try (RandomAccessFile f = new RandomAccessFile(bundle.toFile(), "rw")) {
      f.seek(offset + size / 2);
      int b = f.read();
      f.seek(offset + size / 2);
      f.write(b ^ 0x01);
    }
  }
}
