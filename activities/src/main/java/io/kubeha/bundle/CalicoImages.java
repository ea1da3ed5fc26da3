package io.kubeha.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The images Calico's manifests/calico.yaml names, read from its release's source archive. */
final class CalicoImages {
  private static final Pattern IMAGE = Pattern.compile("(?m)^\\s*image:\\s*\"?([^\"\\s]+)\"?\\s*$");

  private CalicoImages() {}

  static Set<String> in(Path archive) {
    try (InputStream file = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.getName().endsWith("/manifests/calico.yaml")) {
          Set<String> images = new LinkedHashSet<>();
          Matcher m = IMAGE.matcher(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
          while (m.find()) {
            images.add(m.group(1));
          }
          return images;
        }
      }
    } catch (IOException e) {
      throw new BundleException(archive.getFileName() + ": cannot read it: " + e.getMessage(), e);
    }
    throw new BundleException(archive.getFileName() + ": has no manifests/calico.yaml");
  }
}
