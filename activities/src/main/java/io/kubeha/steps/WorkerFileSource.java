package io.kubeha.steps;

import io.kubeha.activity.Failures;
import io.kubeha.files.AllowedRoots;
import io.kubeha.plan.ServedBundle;
import io.kubeha.plan.WorkerFile;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Completes a worker file on the worker: reads its source here, when the step is applied, and fills
 * it in. The content lives only in this activity's memory and on the host: failures name the
 * inventory field, the path and the fix, never the content.
 */
final class WorkerFileSource {
  /** A CA bundle or one line of credentials; anything bigger is the wrong file. */
  static final long MAX_BYTES = 1 << 20;

  private WorkerFileSource() {}

  /** A bundle's path once it is absolute, under the allowed roots and a readable file. */
  static Path bundle(ServedBundle bundle, AllowedRoots roots) {
    Path path = allowed(bundle.field(), bundle.source(), roots);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw invalid(
          bundle.field()
              + ": "
              + bundle.source()
              + " is not a readable file on the worker's machine — copy the bundle there");
    }
    return path;
  }

  static String completed(WorkerFile file, AllowedRoots roots) {
    try {
      return file.complete(read(file, roots));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  /** The source's path once it is known to be absolute and under the worker's allowed roots. */
  static Path allowed(WorkerFile file, AllowedRoots roots) {
    return allowed(file.field(), file.source(), roots);
  }

  private static Path allowed(String field, String source, AllowedRoots roots) {
    if (source == null || !expandHome(source).isAbsolute()) {
      throw invalid(field + ": " + source + " is not an absolute path — write it as /… or ~/…");
    }
    return roots.check(field, expandHome(source));
  }

  private static String read(WorkerFile file, AllowedRoots roots) {
    Path path = allowed(file, roots);
    String where = file.field() + ": " + file.source();
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw invalid(
          where + " is not a readable file on the worker's machine — create it there (chmod 600)");
    }
    try {
      if (Files.size(path) > MAX_BYTES) {
        throw invalid(where + " is larger than 1 MiB — point it at the right file");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(path)))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalid(where + " is not UTF-8 text — give a PEM or a user:password line");
    } catch (IOException e) {
      throw invalid(where + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** ~/ is the worker user's home, as for the SSH key. */
  static Path expandHome(String path) {
    if (path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), path.substring(2));
    }
    return Path.of(path);
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, Failures.INVALID_INVENTORY);
  }
}
