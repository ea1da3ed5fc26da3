package io.kubeha.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** spec.containerRuntime.registryMirrors: every problem at its field path, with its fix. */
class RegistryMirrorRulesTest {
  private static final String AT = "spec.containerRuntime.registryMirrors";

  private static Map<String, Object> mirror(String registry, Object endpoints) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("registry", registry);
    m.put("endpoints", endpoints);
    return m;
  }

  private static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(m);
    copy.put(key, value);
    return copy;
  }

  private static List<Problem> problems(Object... mirrors) {
    return RunbookInventory.load()
        .set("/spec/containerRuntime/registryMirrors", List.of(mirrors))
        .loaded()
        .problems();
  }

  private static Problem only(List<Problem> problems) {
    assertEquals(1, problems.size(), problems::toString);
    return problems.get(0);
  }

  @Test
  void goodMirrorsHaveNoProblemsAndDefaultToVerifiedTls() {
    LoadResult loaded =
        RunbookInventory.load()
            .set(
                "/spec/containerRuntime/registryMirrors",
                List.of(
                    mirror("registry.k8s.io", List.of("https://mirror.example:5000")),
                    with(
                        mirror("docker.io", List.of("https://a.example", "http://b.example:80/v2")),
                        "insecure",
                        true),
                    with(
                        with(mirror("quay.io", List.of("https://q.example")), "caFile", "~/ca.pem"),
                        "credentialsFile",
                        "/etc/kubeha/quay.auth"),
                    mirror("198.18.0.1:5000", List.of("https://198.18.0.1:5000")),
                    mirror("_default", List.of("https://everything.example"))))
            .loaded();
    assertEquals(List.of(), loaded.problems());
    List<RegistryMirrorSpec> mirrors =
        loaded.inventory().spec().containerRuntime().registryMirrors();
    assertEquals(5, mirrors.size());
    assertEquals(Boolean.FALSE, mirrors.get(0).insecure());
    assertEquals(Boolean.TRUE, mirrors.get(1).insecure());
  }

  @Test
  void noMirrorsIsAnEmptyList() {
    assertEquals(
        List.of(),
        RunbookInventory.load().loaded().inventory().spec().containerRuntime().registryMirrors());
  }

  @Test
  void aSecondEntryForTheSameRegistryNamesTheFirst() {
    Problem p =
        only(
            problems(
                mirror("docker.io", List.of("https://a.example")),
                mirror("Docker.io", List.of("https://b.example"))));
    assertEquals(AT + "[1].registry", p.path());
    assertTrue(p.message().contains("also registryMirrors[0]"), p::toString);
    assertTrue(p.fix().contains("merge"), p::toString);
  }

  @Test
  void registryIsAHostAndPortNotAUrlNorAPath() {
    assertEquals(
        AT + "[0].registry",
        only(problems(mirror("https://docker.io", List.of("https://a.example")))).path());
    Problem url = only(problems(mirror("https://docker.io", List.of("https://a.example"))));
    assertTrue(url.fix().contains("docker.io"), url::toString);
    for (String bad : List.of("../etc", "docker.io/library", "a b", "reg:99999", "-x.io")) {
      Problem p = only(problems(mirror(bad, List.of("https://a.example"))));
      assertEquals(AT + "[0].registry", p.path(), p::toString);
      assertTrue(p.fix().contains("host[:port]"), p::toString);
    }
    Problem hub = only(problems(mirror("registry-1.docker.io", List.of("https://a.example"))));
    assertTrue(hub.fix().contains("registry: docker.io"), hub::toString);
    Problem missing = only(problems(Map.of("endpoints", List.of("https://a.example"))));
    assertEquals(AT + "[0].registry", missing.path());
    assertEquals("is required", missing.message());
  }

  @Test
  void endpointsAreRequiredAndNotEmpty() {
    Problem missing = only(problems(Map.of("registry", "docker.io")));
    assertEquals(AT + "[0].endpoints", missing.path());
    assertTrue(missing.fix().contains("https://mirror.example:5000"), missing::toString);
    Problem empty = only(problems(mirror("docker.io", List.of())));
    assertEquals(AT + "[0].endpoints", empty.path());
    assertEquals("is empty", empty.message());
  }

  @Test
  void eachBadEndpointIsNamedByItsIndex() {
    List<String> bad =
        List.of(
            "https://ok.example",
            "ftp://mirror.example",
            "https://mirror.example/\"x",
            "https://mirror.example/a b",
            "https://mirror.example\nserver = \"evil\"",
            "https://mirror.example/");
    List<Problem> problems = problems(mirror("docker.io", bad));
    assertEquals(
        List.of(1, 2, 3, 4, 5).stream().map(i -> AT + "[0].endpoints[" + i + "]").toList(),
        problems.stream().map(Problem::path).toList());
    Problem newline = problems.get(3);
    assertTrue(newline.message().contains("\\x0a"), () -> "no raw newline is printed: " + newline);
    assertFalse(newline.message().contains("\n"), newline::toString);
    assertEquals("drop the trailing /: https://mirror.example", problems.get(4).fix());
  }

  @Test
  void credentialsInAnEndpointAreNeverPrinted() {
    Problem p =
        only(problems(mirror("docker.io", List.of("https://bob:Hunter2Secret@mirror.example"))));
    assertEquals(AT + "[0].endpoints[0]", p.path());
    assertFalse(p.toString().contains("Hunter2Secret"), p::toString);
    assertTrue(p.fix().contains("credentialsFile"), p::toString);
  }

  @Test
  void aDuplicateEndpointNamesTheFirst() {
    Problem p =
        only(problems(mirror("docker.io", List.of("https://a.example", "https://A.example"))));
    assertEquals(AT + "[0].endpoints[1]", p.path());
    assertTrue(p.message().contains("also endpoints[0]"), p::toString);
  }

  @Test
  void plainHttpNeedsInsecureAndNeverCarriesCredentials() {
    Problem plain = only(problems(mirror("docker.io", List.of("http://mirror.example:5000"))));
    assertEquals(AT + "[0].endpoints[0]", plain.path());
    assertTrue(plain.fix().contains("insecure: true"), plain::toString);

    Problem clear =
        only(
            problems(
                with(
                    with(mirror("docker.io", List.of("http://m.example")), "insecure", true),
                    "credentialsFile",
                    "/etc/kubeha/m.auth")));
    assertEquals(AT + "[0].endpoints[0]", clear.path());
    assertTrue(clear.message().contains("clear text"), clear::toString);
    assertTrue(clear.fix().contains("https://"), clear::toString);
  }

  @Test
  void caFileAndInsecureAreNotBoth() {
    Problem p =
        only(
            problems(
                with(
                    with(mirror("docker.io", List.of("https://m.example")), "insecure", true),
                    "caFile",
                    "/etc/kubeha/ca.pem")));
    assertEquals(AT + "[0].insecure", p.path());
    assertTrue(p.fix().contains("not both"), p::toString);
  }

  @Test
  void localFilesAreAbsoluteOrUnderHome() {
    List<Problem> problems =
        problems(
            with(
                with(mirror("docker.io", List.of("https://m.example")), "caFile", "ca.pem"),
                "credentialsFile",
                "auth"));
    assertEquals(
        List.of(AT + "[0].caFile", AT + "[0].credentialsFile"),
        problems.stream().map(Problem::path).toList());
    assertTrue(problems.get(1).fix().contains("~/"), problems::toString);
  }

  @Test
  void unknownFieldSuggestsTheRightOne() {
    Problem p =
        only(problems(with(mirror("docker.io", List.of("https://m.example")), "endpoint", "x")));
    assertEquals(AT + "[0].endpoint", p.path());
    assertEquals("did you mean endpoints?", p.fix());
  }

  @Test
  void everyProblemOfEveryEntryIsReportedAtOnce() {
    List<Problem> problems =
        problems(
            mirror("https://x", List.of("https://a.example")),
            mirror("quay.io", List.of("http://b.example")),
            mirror("quay.io", List.of()));
    assertEquals(
        List.of(
            AT + "[0].registry",
            AT + "[1].endpoints[0]",
            AT + "[2].registry",
            AT + "[2].endpoints"),
        problems.stream().map(Problem::path).toList());
  }
}
