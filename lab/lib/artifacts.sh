# The artifact mirror (laid out like github.com) and the signed apt repositories (like pkgs.k8s.io),
# served to the hosts from 198.18.0.1. The Kubernetes packages hold the real programs built by
# lab/bin/build-kubernetes; containerd, runc, the CNI plugins and crictl are build-node's (lab/lib/realnode.sh).

# Calico's manifest is served though the lab runs flannel: LabTest has the real API server check it.
CALICO_VERSION=3.30.6
# The real Calico manifest: calico's own repository as the Go module proxy serves it (no release
# tag is served; this pseudo-version is a commit of the release-v3.28 branch, images v3.28.5).
CALICO_MODULE=github.com/projectcalico/calico@v1.11.0-cni-plugin.0.20250813170300-a0db560f0520
K8S_CACHE="${KUBEHA_K8S_CACHE:-$HOME/.cache/kubeha/kubernetes}"
# Where every host sees the built releases (read-only), e.g. for running a release's own kubeadm.
HOST_RELEASES=/usr/lib/kubeha-lab/kubernetes

# The built Kubernetes releases (vX.Y.Z), oldest first; the lab serves one apt repository per minor.
k8s_releases() {
  local d
  for d in "$K8S_CACHE"/v*; do
    [[ -x $d/bin/kubeadm && -x $d/bin/kubelet ]] && basename "$d"
  done | sort -V
}

# The release the lab's inventory names: the newest built.
k8s_default_release() { k8s_releases | tail -1; }

artifacts_build() {
  local www="$LAB/www" b="$LAB/build" v
  rm -rf "${www:?}" "${b:?}"
  mkdir -p "$www" "$b"
  # Builds what a release lacks of build-kubernetes' default set, such as the kubelet of a cache made
  # before it was in that set (a no-op, without Go, when all is built).
  for v in "$K8S_CACHE"/v*; do
    [[ -x $v/bin/kubeadm ]] && { "$LAB_HOME/bin/build-kubernetes" "$(basename "$v")" >>"$LAB/build-kubernetes.log" 2>&1 ||
      die "build-kubernetes $(basename "$v") failed (see $LAB/build-kubernetes.log)"; }
  done
  [[ -n "$(k8s_releases)" ]] || die "no Kubernetes release is built in $K8S_CACHE: run lab/bin/build-kubernetes vX.Y.Z (scripts/install-deps does)"
  mirror_build "$www" "$b"
  for v in $(k8s_releases); do apt_build "$v" "$b"; done
  apt_sign
}

# Deterministic tarballs: same content, same SHA-256, on every run.
tar_gz() { tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$2" -cf - "${@:3}" | gzip -n >"$1"; }

mirror_build() {
  local www=$1 b=$2 d v
  realnode_mirror "$www"

  # etcd's release tarball for each built release's etcd: the real etcdctl and etcdutl, for backups and restores.
  for v in $(k8s_releases); do etcd_tarball "$v" "$www"; done

  d="$www/projectcalico/calico/archive"; mkdir -p "$d" "$b/calico/calico-$CALICO_VERSION/manifests"
  cp "$(calico_manifest)" "$b/calico/calico-$CALICO_VERSION/manifests/calico.yaml"
  tar_gz "$d/v$CALICO_VERSION.tar.gz" "$b/calico" "calico-$CALICO_VERSION"
}

# RELEASE WWW: etcd-vE-linux-amd64.tar.gz laid out like etcd's own release (a directory holding etcd, etcdctl and
# etcdutl), made once per release in the cache (compressing 80 MB takes seconds) and linked into the mirror.
etcd_tarball() {
  local v=$1 www=$2 ev name cached d
  [[ -f $K8S_CACHE/$v/etcd-version ]] || return 0
  ev=$(cat "$K8S_CACHE/$v/etcd-version"); name="etcd-v$ev-linux-amd64"
  cached="$K8S_CACHE/$v/$name.tar.gz"
  if [[ ! -f $cached || $cached -ot $K8S_CACHE/$v/bin/etcdutl ]]; then
    rm -rf "$LAB/build/$name"; mkdir -p "$LAB/build/$name"
    install -m 0755 "$K8S_CACHE/$v/bin/etcd" "$K8S_CACHE/$v/bin/etcdctl" "$K8S_CACHE/$v/bin/etcdutl" "$LAB/build/$name/"
    tar_gz "$cached.tmp" "$LAB/build" "$name" && mv "$cached.tmp" "$cached"
    rm -rf "${LAB:?}/build/$name"
  fi
  d="$www/etcd-io/etcd/releases/download/v$ev"; mkdir -p "$d"
  ln -f "$cached" "$d/$name.tar.gz" 2>/dev/null || cp "$cached" "$d/$name.tar.gz"
}

# calico.yaml from the Go module cache (fetched through the module proxy the first time).
calico_manifest() {
  local dir
  dir=$(cd / && GOFLAGS=-mod=mod "$GO_BIN" mod download -json "$CALICO_MODULE" 2>/dev/null | sed -n 's/^\s*"Dir": "\(.*\)",\?$/\1/p')
  [[ -f $dir/manifests/calico.yaml ]] || die "cannot get $CALICO_MODULE from the Go module proxy"
  echo "$dir/manifests/calico.yaml"
}

# DIR FILE SHAFILE: writes "<sha256>  FILE" like the upstream checksum files.
sha_file() { (cd "$1" && sha256sum "$2" >"$3"); }

# Every mirror release file (not the checksum files) with its SHA-256, as "name sha" lines.
mirror_checksums() {
  find "$LAB/www" -path "$LAB/www/apt" -prune -o -type f ! -name '*.sha256*' -printf '%f %p\n' | sort |
    while read -r name path; do echo "$name $(sha256sum "$path" | cut -d' ' -f1)"; done
}

apt_repo_dir() { local v=${1#v}; echo "$LAB/www/apt/core:/stable:/v${v%.*}/deb"; }

# One repository per minor version, like pkgs.k8s.io; the packages are cached beside the release.
apt_build() {
  local v=$1 b=$2 repo pkg minor
  repo=$(apt_repo_dir "$v"); minor=${v#v}; minor=${minor%.*}
  mkdir -p "$repo"
  for pkg in kubelet kubeadm kubectl; do
    deb_cached "$v" "$pkg" "$b/deb"; cp "$(deb_path "$v" "$pkg")" "$repo/"
  done
  (cd "$repo" && dpkg-scanpackages --multiversion . /dev/null 2>/dev/null >Packages && gzip -9nk Packages)
  apt-ftparchive -o APT::FTPArchive::Release::Origin="obs://build.opensuse.org/isv:kubernetes:core:stable:v$minor/deb" \
    -o APT::FTPArchive::Release::Label="isv:kubernetes:core:stable:v$minor" \
    -o APT::FTPArchive::Release::Architectures="amd64 arm64 ppc64el s390x" release "$repo" >"$b/Release"
  mv "$b/Release" "$repo/Release"
}

# Signs every repository with one fresh lab key.
apt_sign() {
  local repo
  export GNUPGHOME="$LAB/gnupg"
  rm -rf "$GNUPGHOME"; mkdir -m 0700 "$GNUPGHOME"
  gpg -q --batch --pinentry-mode loopback --passphrase '' --quick-gen-key 'kubeha lab apt <lab@kubeha.invalid>' ed25519 sign never 2>/dev/null
  for repo in "$LAB"/www/apt/core:/stable:/*/deb; do
    gpg -q --batch --armor --export >"$repo/Release.key"
    gpg -q --batch --clearsign -o "$repo/InRelease" "$repo/Release"
    gpg -q --batch --armor --detach-sign -o "$repo/Release.gpg" "$repo/Release"
  done
  gpgconf --kill gpg-agent 2>/dev/null || true
}

# The fingerprint of the key the lab's repositories serve as Release.key (one key, the same in every
# repository), read from those files now, as kubeha's key step reads it on a host (gpg --show-keys
# with a throwaway home): the inventory gives it as aptKeyFingerprint, the path a real mirror takes.
apt_key_fingerprint() {
  local home key fprs
  home=$(mktemp -d)
  fprs=$(for key in "$LAB"/www/apt/core:/stable:/*/deb/Release.key; do
    [[ ! -f $key ]] || gpg --homedir "$home" --batch --quiet --with-colons --show-keys "$key" 2>/dev/null |
      awk -F: '$1=="pub"{n++; p=1} $1=="fpr"&&p{f=$10; p=0} END{if (n==1) print f; else print "none"}'
  done | sort -u)
  rm -rf "$home"
  [[ $fprs =~ ^[0-9A-F]{40}$ ]] && echo "$fprs" && return 0
  fprs=${fprs//$'\n'/ }
  say "lab: the apt repositories under $LAB/www/apt do not serve one signing key (${fprs:-no Release.key})"
  return 1
}

deb_version() { echo "${1#v}-1.1"; }
deb_path() { echo "$K8S_CACHE/$1/debs/${2}_$(deb_version "$1")_amd64.deb"; }

# Builds a package once per release, binary and lab file version (the binaries are large; dpkg-deb runs uncompressed).
deb_cached() {
  local v=$1 pkg=$2 stamp
  stamp=$( (cat "$LAB_HOME/standins/bin/shim" "$LAB_HOME/files/kubelet.service" "$LAB_HOME/files/10-kubeadm.conf"
    stat -c '%s %Y' "$K8S_CACHE/$v/bin/$pkg") | sha256sum | cut -c1-16)
  [[ -f $(deb_path "$v" "$pkg") && $(cat "$(deb_path "$v" "$pkg").stamp" 2>/dev/null) == "$stamp" ]] && return 0
  deb_build "$v" "$pkg" "$3"
  echo "$stamp" >"$(deb_path "$v" "$pkg").stamp"
}

deb_build() {
  local v=$1 pkg=$2 b=$3/$1/$2 out description
  rm -rf "$b"; mkdir -p "$b/DEBIAN" "$b/usr/bin"
  if [[ $pkg == kubelet ]]; then
    install -m 0755 "$K8S_CACHE/$v/bin/kubelet" "$b/usr/bin/kubelet"
    install -D -m 0644 "$LAB_HOME/files/kubelet.service" "$b/usr/lib/systemd/system/kubelet.service"
    install -D -m 0644 "$LAB_HOME/files/10-kubeadm.conf" "$b/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf"
    description="the real kubelet $v, built from the Go module proxy"
  else
    install -D -m 0755 "$K8S_CACHE/$v/bin/$pkg" "$b/usr/libexec/kubeha-lab/$pkg"
    sed -e "s|@NAME@|$pkg|g" -e "s|@VERSION@|$v|g" "$LAB_HOME/standins/bin/shim" >"$b/usr/bin/$pkg"
    chmod 0755 "$b/usr/bin/$pkg"
    description="the real $pkg $v, built from the Go module proxy, each call logged"
  fi
  deb_control "$pkg" "$v" "$description" >"$b/DEBIAN/control"
  deb_postinst >"$b/DEBIAN/postinst"
  chmod 0755 "$b/DEBIAN/postinst"
  out=$(deb_path "$v" "$pkg"); mkdir -p "$(dirname "$out")"
  dpkg-deb --root-owner-group -Znone --build "$b" "$out.tmp" >/dev/null && mv "$out.tmp" "$out"
  rm -rf "$b"
}

# PACKAGE RELEASE DESCRIPTION: the package's control file.
deb_control() {
  cat <<CONTROL
Package: $1
Version: $(deb_version "$2")
Architecture: amd64
Maintainer: Kubernetes Authors <dev@kubernetes.io>
Section: misc
Priority: optional
Homepage: https://kubernetes.io
Description: $1 (kubeha lab)
 The kubeha lab's package: $3.
CONTROL
}

# A real install of the package takes about 5 s; scaled by the host's KUBEHA_LAB_TIME_SCALE.
deb_postinst() {
  cat <<'POSTINST'
#!/bin/sh
scale=$(cat /etc/kubeha-lab/time-scale 2>/dev/null || echo 0)
sleep "$(awk -v s="$scale" 'BEGIN { print 5 * s }')"
POSTINST
}
