package io.kubeha.bundle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The packages apt installs from one repository for kubelet, kubeadm and kubectl at one version:
 * those, and their dependencies (Depends, Pre-Depends) the same repository ships, each at the
 * newest version that satisfies them (apt's candidate). Dependencies the repository does not ship
 * are the operating system's: they are listed, not bundled.
 */
final class DebSelection {
  private final List<DebPackage> repository;
  private final Map<String, DebPackage> chosen = new LinkedHashMap<>();
  private final TreeSet<String> fromOs = new TreeSet<>();

  DebSelection(List<DebPackage> repository) {
    this.repository =
        repository.stream()
            .filter(p -> p.architecture().equals("amd64") || p.architecture().equals("all"))
            .toList();
  }

  /** Adds the package at upstream version (any Debian revision: the newest), and what it needs. */
  DebSelection add(String name, String upstreamVersion, String from) {
    DebPackage p =
        newest(name, v -> v.upstream().equals(upstreamVersion))
            .orElseThrow(
                () ->
                    new BundleException(
                        from
                            + " has no "
                            + name
                            + " "
                            + upstreamVersion
                            + " for amd64 (it has: "
                            + versions(name)
                            + ")"));
    take(p);
    return this;
  }

  List<DebPackage> packages() {
    return List.copyOf(chosen.values());
  }

  /** The dependencies left to the nodes' own apt sources, as the packages spell them. */
  List<String> fromOs() {
    return List.copyOf(fromOs);
  }

  private void take(DebPackage p) {
    if (chosen.putIfAbsent(p.name(), p) != null) {
      return;
    }
    for (String clause : p.depends().split(",")) {
      if (!clause.isBlank()) {
        resolve(clause.strip());
      }
    }
  }

  private void resolve(String clause) {
    for (String alternative : clause.split("\\|")) {
      DebRelation r = DebRelation.parse(alternative.strip());
      if (chosen.containsKey(r.name())) {
        return;
      }
      Optional<DebPackage> p = newest(r.name(), r::allows);
      if (p.isPresent()) {
        take(p.get());
        return;
      }
    }
    fromOs.add(clause);
  }

  private Optional<DebPackage> newest(String name, java.util.function.Predicate<DebVersion> ok) {
    return repository.stream()
        .filter(p -> p.name().equals(name) && ok.test(p.version()))
        .max(Comparator.comparing(DebPackage::version));
  }

  private String versions(String name) {
    List<String> v = new ArrayList<>();
    repository.stream().filter(p -> p.name().equals(name)).forEach(p -> v.add(p.version() + ""));
    return v.isEmpty() ? "none" : String.join(", ", v);
  }
}
