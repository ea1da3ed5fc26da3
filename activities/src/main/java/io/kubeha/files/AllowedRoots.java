package io.kubeha.files;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The directories on the worker's machine whose files a workflow input may name: $KUBEHA_HOME and
 * those the worker's operator allowed. A path is accepted only when, with the symlinks of its
 * existing part resolved, it lies under one of them; anything else fails the activity before the
 * file is read, written or deleted, since whoever may start a workflow would otherwise choose them.
 */
public final class AllowedRoots {
  /** Failure type of a refused path: no retry makes it allowed. */
  public static final String NOT_ALLOWED = "PathNotAllowed";

  /** Colon-separated directories every worker allows besides $KUBEHA_HOME. */
  public static final String ENV = "KUBEHA_ALLOWED_PATHS";

  private static final String FIX =
      "move the file under one of them, or start the worker with --allow-path DIR (or "
          + ENV
          + "=DIR)";

  private final List<Path> roots;

  private AllowedRoots(List<Path> roots) {
    this.roots = roots;
  }

  /** The given directories (made absolute); each may be a symlink or not exist yet. */
  public static AllowedRoots of(Collection<Path> roots) {
    LinkedHashSet<Path> absolute = new LinkedHashSet<>();
    roots.forEach(r -> absolute.add(r.toAbsolutePath().normalize()));
    return new AllowedRoots(List.copyOf(absolute));
  }

  public static AllowedRoots of(Path... roots) {
    return of(List.of(roots));
  }

  /**
   * The directories of a colon-separated list such as $KUBEHA_ALLOWED_PATHS; blanks skipped, a
   * leading ~/ (quoted, so the shell left it) is the user's home.
   */
  public static List<Path> parse(String colonSeparated) {
    List<Path> out = new ArrayList<>();
    if (colonSeparated != null) {
      for (String part : colonSeparated.split(":")) {
        String dir = part.strip();
        if (dir.equals("~") || dir.startsWith("~/")) {
          dir = System.getProperty("user.home") + dir.substring(1);
        }
        if (!dir.isEmpty()) {
          out.add(Path.of(dir));
        }
      }
    }
    return out;
  }

  /** These roots and more. */
  public AllowedRoots with(Collection<Path> more) {
    List<Path> all = new ArrayList<>(roots);
    all.addAll(more);
    return of(all);
  }

  public List<Path> roots() {
    return roots;
  }

  /**
   * The path to use for field's value (symlinks of its existing part resolved), or a non-retryable
   * failure naming field, the roots and the fix.
   */
  public Path check(String field, String value) {
    if (value == null || value.isBlank()) {
      throw refused(field + " is empty: name a file on the worker's machine");
    }
    try {
      return check(field, Path.of(value));
    } catch (InvalidPathException e) {
      throw refused(field + " is not a path (" + e.getReason() + "): name a file by its path");
    }
  }

  /** The same for a path already parsed (a ~/ already expanded). */
  public Path check(String field, Path path) {
    for (Path part : path) {
      if (part.toString().equals("..")) {
        throw refused(field + " " + path + " has a '..' in it: " + where());
      }
    }
    Path resolved;
    try {
      resolved = resolve(path);
    } catch (IOException e) {
      throw refused(
          field + " " + path + " cannot be resolved (" + e.getMessage() + "): " + where());
    }
    for (Path root : roots) {
      Path real;
      try {
        real = resolve(root);
      } catch (IOException e) {
        continue; // a root that cannot be resolved holds nothing
      }
      if (resolved.startsWith(real)) {
        return resolved;
      }
    }
    String shown = resolved.equals(path) ? "" : " (" + resolved + ")";
    throw refused(field + " " + path + shown + " is outside " + where());
  }

  /**
   * The path with its deepest existing ancestor's symlinks resolved and the rest appended: a
   * symlink pointing out of a root lands outside it, a file still to be written resolves too.
   */
  static Path resolve(Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    // A dangling symlink throws here: it cannot be followed, so it is refused.
    return existing.toRealPath().resolve(existing.relativize(absolute));
  }

  private String where() {
    return "the directories this worker may use ("
        + roots.stream().map(Path::toString).collect(Collectors.joining(", "))
        + "): "
        + FIX;
  }

  private static ApplicationFailure refused(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, NOT_ALLOWED);
  }

  @Override
  public String toString() {
    return roots.toString();
  }
}
