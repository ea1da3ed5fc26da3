package io.kubeha.activities;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.steps.PrivateFiles;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The operator's snapshots of one cluster in a directory (mode 700): each NAME.db (mode 600, it
 * holds every Secret of the cluster) with its record NAME.db.json beside it, written last, so a
 * snapshot with a record is whole. Only files in the directory are read, written or deleted: a
 * record counts for the file its own name names, whatever path it holds.
 */
public final class SnapshotStore {
  static final String RECORD = ".json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  public SnapshotStore(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /**
   * The record of the snapshot called name, when it and its file are here and the file's size
   * matches.
   */
  EtcdSnapshot find(String name) {
    return list().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  /** Every recorded snapshot whose file is here, oldest first, each with its path here. */
  public List<EtcdSnapshot> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<EtcdSnapshot> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path record :
          files.filter(p -> p.getFileName().toString().endsWith(".db" + RECORD)).toList()) {
        String file = record.getFileName().toString();
        String name = file.substring(0, file.length() - RECORD.length());
        EtcdSnapshot s = read(record);
        // A record naming another file (a path elsewhere, ../) is not one of this store's.
        Path snapshot = dir.resolve(name);
        if (s != null
            && name.equals(s.name())
            && Files.isRegularFile(snapshot, LinkOption.NOFOLLOW_LINKS)) {
          out.add(s.at(snapshot.toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    out.sort(Comparator.comparing(EtcdSnapshot::takenAt).thenComparing(EtcdSnapshot::name));
    return out;
  }

  /** The record beside the snapshot file at path, or null when there is none. */
  public static EtcdSnapshot recordOf(Path snapshot) {
    return read(snapshot.resolveSibling(snapshot.getFileName() + RECORD));
  }

  private static EtcdSnapshot read(Path record) {
    try {
      return Files.isRegularFile(record)
          ? JSON.readValue(record.toFile(), EtcdSnapshot.class)
          : null;
    } catch (IOException e) {
      return null; // a record cut short by a crash: its snapshot is fetched again
    }
  }

  /**
   * Writes the snapshot through copy into a temporary file, checks its SHA-256 against the one
   * saved on the host, renames it into place, then writes its record; the record as kept.
   */
  EtcdSnapshot save(EtcdSnapshot saved, Consumer<OutputStream> copy) {
    Path file = dir.resolve(requirePlainName(saved.name()));
    try {
      PrivateFiles.directories(dir);
      Path temp = PrivateFiles.temp(dir, ".fetch", ".part");
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out =
            new DigestOutputStream(
                Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING), sha)) {
          copy.accept(out);
        }
        String got = HexFormat.of().formatHex(sha.digest());
        if (!got.equals(saved.sha256())) {
          throw ApplicationFailure.newFailure(
              "the copy of "
                  + saved.name()
                  + " has SHA-256 "
                  + got
                  + ", the host's "
                  + saved.sha256()
                  + ": copied again",
              "CopyCorrupted");
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
      EtcdSnapshot kept = saved.at(file.toString());
      Path record = dir.resolve(saved.name() + RECORD);
      Path tempRecord = PrivateFiles.temp(dir, ".record", ".part");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tempRecord.toFile(), kept);
      Files.move(
          tempRecord, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return kept;
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "cannot write " + file + ": " + e.getMessage(), "LocalWriteFailed");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes a listed snapshot's file and record, both in this directory. */
  void delete(EtcdSnapshot snapshot) {
    Path file = dir.resolve(requirePlainName(snapshot.name()));
    try {
      Files.deleteIfExists(dir.resolve(snapshot.name() + RECORD));
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "cannot delete " + file + ": " + e.getMessage(), "LocalWriteFailed");
    }
  }

  /** name, when it is a file name and no path: no separator, not . or .., nothing unprintable. */
  static String requirePlainName(String name) {
    if (name == null
        || name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.contains("/")
        || name.chars().anyMatch(Character::isISOControl)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a snapshot's name is a file name, without '/' or '..': "
              + (name == null ? "none" : name.replaceAll("\\p{Cntrl}", "?")),
          "BadSnapshotName");
    }
    return name;
  }
}
