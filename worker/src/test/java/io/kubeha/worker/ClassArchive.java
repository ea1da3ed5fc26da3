package io.kubeha.worker;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The tests' counterpart of the launcher's class-data archive: child JVMs start as the launcher's
 * do. The tests' class path holds directories, which a JDK 17 archive refuses, so the archive holds
 * the library jars' classes a warm-up (KubehaWorker --warm-up) loads, dumped from its class list,
 * and a child runs with the jars first and the directories after them (no class is in both).
 */
final class ClassArchive {
  private static Optional<ClassArchive> made;

  final Path file;
  final String classPath;

  private ClassArchive(Path file, String classPath) {
    this.file = file;
    this.classPath = classPath;
  }

  /** This class path's archive, made once per build of its jars; empty when it cannot be. */
  static synchronized Optional<ClassArchive> forTests() {
    if (made == null) {
      made = make();
    }
    return made;
  }

  private static Optional<ClassArchive> make() {
    List<String> jars = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      (e.endsWith(".jar") && Files.isRegularFile(Path.of(e)) ? jars : dirs).add(e);
    }
    String jarPath = String.join(File.pathSeparator, jars);
    String all = jarPath + File.pathSeparator + String.join(File.pathSeparator, dirs);
    // Keyed by each jar's path, size and time: a rebuilt module jar makes a new archive (the JVM
    // would refuse the old one silently).
    StringBuilder key = new StringBuilder();
    for (String jar : jars) {
      File f = new File(jar);
      key.append(jar)
          .append(':')
          .append(f.length())
          .append(':')
          .append(f.lastModified())
          .append(';');
    }
    Path file =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "kubeha-tests-" + Integer.toHexString(key.toString().hashCode()) + ".jsa");
    if (Files.isRegularFile(file)) {
      return Optional.of(new ClassArchive(file, all));
    }
    try {
      Path dir = Files.createTempDirectory("kubeha-class-archive");
      Path list = dir.resolve("classes.lst");
      Path dumped = dir.resolve("archive.jsa");
      boolean ok =
          run(
                  dir,
                  "-XX:DumpLoadedClassList=" + list,
                  "-cp",
                  all,
                  KubehaWorker.class.getName(),
                  KubehaWorker.WARM_UP)
              && run(
                  dir,
                  "-Xshare:dump",
                  "-XX:SharedClassListFile=" + list,
                  "-XX:SharedArchiveFile=" + dumped,
                  "-cp",
                  jarPath);
      if (ok && Files.isRegularFile(dumped)) {
        Files.move(dumped, file, StandardCopyOption.REPLACE_EXISTING);
      }
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      return Files.isRegularFile(file)
          ? Optional.of(new ClassArchive(file, all))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** java with the children's flags and args, in dir (its KUBEHA_HOME too); true if it exited 0. */
  private static boolean run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(ChildJvm.javaAndFlags());
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dump.log").toFile()));
    pb.environment().put("KUBEHA_HOME", dir.toString());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }

  /** The flags that map it, its messages kept out of the child's output. */
  List<String> flags() {
    return List.of("-XX:SharedArchiveFile=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }
}
