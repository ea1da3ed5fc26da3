package io.kubeha.plan.daytwo;

import static io.kubeha.plan.Shell.quote;

import io.kubeha.plan.EtcdTools;

/**
 * The shell commands of one control plane's part of restore restoreId: the uploaded snapshot, the
 * member's data restored from it and swapped in (a marker names the restore, so a retry never
 * restores over restored data), and the data from before put back.
 */
public record RestoreCommands(String baseDir, String restoreId) {
  public static final String DATA_DIR = "/var/lib/etcd";

  /** The restore script's exit code when a data dir is not where the restore left it. */
  public static final int EXIT_DATA_DIR_UNEXPECTED = 3;

  /** The restore script's exit code when etcdutl refuses the snapshot. */
  public static final int EXIT_ETCDUTL_FAILED = 4;

  /** Where the snapshot is uploaded to. */
  public String upload() {
    return baseDir + "/restore-" + restoreId + ".db";
  }

  /** Says "swapped" once the member runs on restored data. */
  public String marker() {
    return baseDir + "/restore-" + restoreId + ".state";
  }

  /** Where the member's data is restored to before it takes the data dir's place. */
  public String fresh() {
    return DATA_DIR + ".kubeha-restore-" + restoreId;
  }

  /**
   * Where the data dir from before this restore is kept: the whole restore id, so no two restores
   * share it.
   */
  public String before() {
    return DATA_DIR + ".kubeha-before-" + restoreId;
  }

  /** Exits 0 when the upload holds the snapshot already. */
  public String uploaded(String sha256) {
    return "echo " + quote(sha256 + "  " + upload()) + " | sha256sum -c --status";
  }

  /** Exits 0 once the member runs on restored data. */
  public String restored() {
    return "grep -qx swapped " + quote(marker());
  }

  /**
   * The member's data restored from the upload into the one new cluster (initialCluster
   * "name=url,...", a new token), its revision moved on by bumpRevision, then swapped in.
   */
  public String restore(
      String memberName,
      String initialCluster,
      String clusterToken,
      String peerUrl,
      String bumpRevision) {
    String fresh = fresh();
    String before = before();
    String restore =
        EtcdTools.ETCDUTL
            + " snapshot restore "
            + quote(upload())
            + " --name "
            + quote(memberName)
            + " --initial-cluster "
            + quote(initialCluster)
            + " --initial-cluster-token "
            + quote(clusterToken)
            + " --initial-advertise-peer-urls "
            + quote(peerUrl)
            // Revisions move past the old ones, so every watcher lists again instead of trusting
            // its cache.
            + " --bump-revision "
            + bumpRevision
            + " --mark-compacted"
            + " --data-dir "
            + quote(fresh);
    return String.join(
        "\n",
        "set -e",
        "mkdir -p " + quote(baseDir),
        // done and gone: an attempt cut short right after moving the restored data into place.
        "if [ -f " + quote(fresh + ".done") + " ] && [ ! -d " + quote(fresh) + " ]; then :; else",
        // A restore cut short is done again from the start; a finished one is kept.
        "  if [ ! -f "
            + quote(fresh + ".done")
            + " ]; then rm -rf "
            + quote(fresh)
            + "; "
            + restore
            + " || exit "
            + EXIT_ETCDUTL_FAILED
            + "; touch "
            + quote(fresh + ".done")
            + "; fi",
        "  if [ -d "
            + quote(DATA_DIR)
            + " ] && [ ! -e "
            + quote(before)
            + " ]; then mv "
            + quote(DATA_DIR)
            + " "
            + quote(before)
            + "; fi",
        "  if [ -e "
            + quote(DATA_DIR)
            + " ]; then echo "
            + quote(
                DATA_DIR
                    + " is back beside "
                    + before
                    + ": something recreated it; look before restoring again")
            + " >&2; exit "
            + EXIT_DATA_DIR_UNEXPECTED
            + "; fi",
        "  mv " + quote(fresh) + " " + quote(DATA_DIR),
        "fi",
        "chmod 0700 " + quote(DATA_DIR),
        "rm -f " + quote(fresh + ".done"),
        "echo swapped > " + quote(marker()));
  }

  /** The data dir from before the restore back in place; prints changed=1 when it moved. */
  public String putBack() {
    String before = before();
    String fresh = fresh();
    return String.join(
        "\n",
        "set -e",
        "changed=0",
        // Only a data dir this restore moved aside is put back; without one, etcd never left.
        "if [ -d " + quote(before) + " ]; then",
        "  if [ -e " + quote(DATA_DIR) + " ]; then",
        // Restored data (the marker says so) is a copy of the snapshot: it goes. Anything else
        // is kept aside for a look.
        "    if grep -qx swapped "
            + quote(marker())
            + " 2>/dev/null; then rm -rf "
            + quote(DATA_DIR)
            + "; else mv "
            + quote(DATA_DIR)
            + " "
            + quote(DATA_DIR + ".kubeha-unexpected-" + restoreId)
            + "; fi",
        "  fi",
        "  mv " + quote(before) + " " + quote(DATA_DIR),
        "  changed=1",
        "fi",
        "rm -rf " + quote(fresh) + " " + quote(fresh + ".done"),
        "rm -f " + quote(marker()),
        "test -d " + quote(DATA_DIR) + " || { echo 'no etcd data dir to put back' >&2; exit 3; }",
        "echo changed=$changed");
  }

  /** The snapshot holds every Secret: it leaves the node once the member runs on its data. */
  public String removeUploadAndMarker() {
    return "rm -f " + quote(upload()) + " " + quote(marker());
  }

  public String removeUpload() {
    return "rm -f " + quote(upload());
  }
}
