package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.InventoryLoader;
import io.kubeha.inventory.LoadResult;
import io.kubeha.inventory.Problem;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads an inventory file: parse, validate, expand ~/ paths, and optionally check the local files
 * (the SSH key and known_hosts, registry mirrors' CA and credentials files).
 */
public final class InventoryFile {
  private InventoryFile() {}

  /** Every problem of the file; the inventory has its defaults filled and absolute SSH paths. */
  public static LoadResult load(Path file, boolean checkLocalFiles) {
    return load(file, checkLocalFiles, UnaryOperator.identity());
  }

  /** The same, with what the command line sets over the file (see InventoryLoader). */
  public static LoadResult load(
      Path file, boolean checkLocalFiles, UnaryOperator<Inventory> given) {
    LoadResult loaded = InventoryLoader.load(read(file), file.toString(), given);
    if (loaded.inventory() == null) {
      return loaded;
    }
    var inventory = HomePaths.expand(loaded.inventory(), Path.of(System.getProperty("user.home")));
    List<Problem> problems = new ArrayList<>(loaded.problems());
    if (checkLocalFiles) {
      List<Problem> files = new ArrayList<>(SshFilesCheck.check(inventory));
      files.addAll(MirrorFilesCheck.check(inventory));
      for (Problem p : files) {
        if (problems.stream().noneMatch(q -> q.path().equals(p.path()))) {
          problems.add(p);
        }
      }
    }
    return new LoadResult(inventory, problems);
  }

  /** A valid inventory, or BadInputException listing every problem. */
  public static Inventory require(Path file, boolean checkLocalFiles) {
    return require(file, checkLocalFiles, UnaryOperator.identity());
  }

  /** The same, with what the command line sets over the file. */
  public static Inventory require(
      Path file, boolean checkLocalFiles, UnaryOperator<Inventory> given) {
    LoadResult loaded = load(file, checkLocalFiles, given);
    if (!loaded.ok()) {
      StringBuilder text =
          new StringBuilder(file + " has " + count(loaded.problems().size()) + ":");
      loaded.problems().forEach(p -> text.append(System.lineSeparator()).append("  ").append(p));
      throw new BadInputException(text.toString());
    }
    return loaded.inventory();
  }

  static String count(int problems) {
    return problems == 1 ? "1 problem" : problems + " problems";
  }

  private static String read(Path file) {
    try {
      // Checked before reading: a huge file is refused without being loaded.
      if (Files.size(file) > io.kubeha.inventory.InventoryLoader.MAX_CHARS) {
        throw new BadInputException(
            file
                + ": larger than 1 MiB ("
                + Files.size(file)
                + " bytes); an inventory fits in 1 MiB");
      }
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (MalformedInputException e) {
      throw new BadInputException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read it (" + e.getMessage() + ")");
    }
  }
}
