package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.Problem;
import io.kubeha.inventory.RegistryMirrorSpec;
import io.kubeha.plan.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks that each registry mirror's caFile and credentialsFile is a readable file here, and that
 * its content has the form the worker will need, before anything is started. Paths must be expanded
 * already ({@link HomePaths}). A problem never quotes what a credentials file holds.
 */
public final class MirrorFilesCheck {
  private MirrorFilesCheck() {}

  public static List<Problem> check(Inventory inv) {
    List<Problem> problems = new ArrayList<>();
    if (inv.spec() == null
        || inv.spec().containerRuntime() == null
        || inv.spec().containerRuntime().registryMirrors() == null) {
      return problems; // the loader reported that already
    }
    List<RegistryMirrorSpec> mirrors = inv.spec().containerRuntime().registryMirrors();
    for (int i = 0; i < mirrors.size(); i++) {
      RegistryMirrorSpec m = mirrors.get(i);
      if (m == null) {
        continue;
      }
      String field = "spec.containerRuntime.registryMirrors[" + i + "]";
      check(
          field + ".caFile",
          m.caFile(),
          "put the CA certificate (PEM) that signed the mirrors' certificates there",
          text -> RegistryCredentials.checkedPem(text, field + ".caFile", m.caFile()),
          problems);
      check(
          field + ".credentialsFile",
          m.credentialsFile(),
          "write one line user:password into it (chmod 600)",
          text ->
              RegistryCredentials.basicAuthorization(
                  text, field + ".credentialsFile", m.credentialsFile()),
          problems);
    }
    return problems;
  }

  private static void check(
      String field, String value, String fix, Consumer<String> form, List<Problem> problems) {
    if (value == null) {
      return;
    }
    Optional<Problem> unreadable = ReadableFile.problem(field, value, fix);
    if (unreadable.isPresent()) {
      problems.add(unreadable.get());
      return;
    }
    try {
      form.accept(Files.readString(Path.of(value), StandardCharsets.UTF_8));
    } catch (RegistryCredentials.BadFile e) {
      problems.add(new Problem(field, e.what(), e.fix()));
    } catch (IOException e) {
      problems.add(new Problem(field, value + " cannot be read as UTF-8 text", fix));
    }
  }
}
