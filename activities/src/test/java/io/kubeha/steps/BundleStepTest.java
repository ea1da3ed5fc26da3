package io.kubeha.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.StepResult;
import io.kubeha.bundle.BundleImage;
import io.kubeha.bundle.TestBundles;
import io.kubeha.plan.Action;
import io.kubeha.plan.Phase;
import io.kubeha.plan.ServedBundle;
import io.kubeha.plan.Step;
import io.kubeha.ssh.LoopbackSsh;
import io.kubeha.ssh.LoopbackSshd;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A step that serves a bundle, against a real sshd on loopback. */
class BundleStepTest {
  @RegisterExtension static final LoopbackSsh SSH = new LoopbackSsh();

  private Path root;
  private StepExecutor executor;
  private Path bundle;
  private byte[] manifest;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createTempDirectory("kubeha-bundle-step-");
    executor =
        new StepExecutor(
            root.resolve("state").toString(),
            new ArtifactCache(root.resolve("cache")),
            LoopbackSshd.tempRoots());
    manifest =
        "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
            .getBytes(StandardCharsets.UTF_8);
    String digest = TestBundles.digest(manifest);
    Map<String, byte[]> contents = new LinkedHashMap<>();
    contents.put("files/opencontainers/runc/releases/download/v1.3.4/runc.amd64", new byte[4096]);
    contents.put(TestBundles.blobEntry(digest), manifest);
    bundle =
        TestBundles.write(
            root.resolve("made"),
            contents,
            List.of(
                new BundleImage(
                    "registry.k8s.io/pause:3.10.2",
                    digest,
                    "application/vnd.oci.image.manifest.v1+json",
                    manifest.length,
                    "test")));
  }

  private Step step(String source) {
    Path served = root.resolve("served");
    return new Step(
        "bundle-serve",
        Phase.SERVE_BUNDLE,
        "test",
        List.of(),
        List.of(),
        List.of(Action.onChange("reload", "echo reloaded >> " + root.resolve("reloads"))),
        List.of(),
        new ServedBundle(
            source,
            "spec.artifacts.bundle",
            served.toString(),
            root.resolve("nginx/images.conf").toString()));
  }

  @Test
  void unpacksWritesTheImageLocationsAndReloadsOnlyWhenSomethingChanged() throws Exception {
    StepResult first = executor.apply(SSH.shell(), step(bundle.toString()));

    assertTrue(first.changed());
    assertEquals(3, first.applied().size(), first.applied().toString());
    assertTrue(
        first
            .applied()
            .get(0)
            .startsWith(
                "unpack 2 bundle entries (4154 bytes sent; 0 entries and 0 bytes were there)"),
        first.applied() + "");
    assertArrayEquals(
        manifest,
        Files.readAllBytes(
            root.resolve("served").resolve(TestBundles.blobEntry(TestBundles.digest(manifest)))));
    String conf = Files.readString(root.resolve("nginx/images.conf"));
    assertTrue(conf.contains("location = /v2/pause/manifests/3.10.2 {"), conf);
    assertEquals("reloaded\n", Files.readString(root.resolve("reloads")));

    StepResult second = executor.apply(SSH.shell(), step(bundle.toString()));
    assertFalse(second.changed(), second.applied().toString());
    assertEquals("reloaded\n", Files.readString(root.resolve("reloads")));
  }

  @Test
  void aBundleOutsideTheAllowedRootsIsRefusedBeforeTheHostIsTouched() {
    ApplicationFailure refused =
        assertThrows(
            ApplicationFailure.class,
            () -> executor.apply(SSH.shell(), step("/etc/kubeha-no-such.bundle")));
    assertTrue(
        refused.getOriginalMessage().contains("spec.artifacts.bundle"), refused.getMessage());
    assertFalse(Files.exists(root.resolve("served")));
  }
}
