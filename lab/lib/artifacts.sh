# The artifact mirror (laid out like github.com) and the signed apt repository (like pkgs.k8s.io).

CONTAINERD_VERSION=2.0.4
RUNC_VERSION=1.2.6
CNI_VERSION=1.6.2
CALICO_VERSION=3.29.3
K8S_DEB_VERSION=1.32.0-1.1
APT_PATH="apt/core:/stable:/v1.32/deb"

artifacts_build() {
  local www="$LAB/www" b="$LAB/build"
  rm -rf "${www:?}" "${b:?}"
  mkdir -p "$www" "$b"
  mirror_build "$www" "$b"
  apt_build "$www/$APT_PATH" "$b"
}

# A stand-in that only answers --version (see standins/bin/standin.sh).
version_standin() {
  local name=$1 output=$2 dest=$3
  sed -e "s|@NAME@|$name|g" -e "s|@OUTPUT@|$output|" -e "s|@VERSION@||" "$LAB_HOME/standins/bin/standin.sh" >"$dest"
  chmod 0755 "$dest"
}

# Deterministic tarballs: same content, same SHA-256, on every run.
tar_gz() { tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$2" -cf - "${@:3}" | gzip -n >"$1"; }

mirror_build() {
  local www=$1 b=$2 d f
  d="$www/containerd/containerd/releases/download/v$CONTAINERD_VERSION"; mkdir -p "$d" "$b/containerd/bin"
  install -m 0755 "$LAB_HOME/standins/bin/containerd" "$b/containerd/bin/containerd"
  version_standin ctr "ctr github.com/containerd/containerd/v2 v$CONTAINERD_VERSION" "$b/containerd/bin/ctr"
  version_standin containerd-shim-runc-v2 "containerd-shim-runc-v2 github.com/containerd/containerd/v2 v$CONTAINERD_VERSION" \
    "$b/containerd/bin/containerd-shim-runc-v2"
  version_standin containerd-stress "containerd-stress version v$CONTAINERD_VERSION" "$b/containerd/bin/containerd-stress"
  f="containerd-$CONTAINERD_VERSION-linux-amd64.tar.gz"
  tar_gz "$d/$f" "$b/containerd" bin
  sha_file "$d" "$f" "$f.sha256sum"

  d="$www/opencontainers/runc/releases/download/v$RUNC_VERSION"; mkdir -p "$d"
  version_standin runc "runc version $RUNC_VERSION\\\\ncommit: v$RUNC_VERSION-0-ge89a2992\\\\nspec: 1.2.0\\\\ngo: go1.23.7\\\\nlibseccomp: 2.5.5" "$d/runc.amd64"
  sha_file "$d" runc.amd64 runc.sha256sum

  d="$www/containernetworking/plugins/releases/download/v$CNI_VERSION"; mkdir -p "$d" "$b/cni"
  for f in bridge host-local loopback portmap bandwidth firewall; do
    version_standin "$f" "CNI $f plugin v$CNI_VERSION\\\\nCNI protocol versions supported: 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0" "$b/cni/$f"
  done
  f="cni-plugins-linux-amd64-v$CNI_VERSION.tgz"
  tar_gz "$d/$f" "$b/cni" ./bandwidth ./bridge ./firewall ./host-local ./loopback ./portmap
  sha_file "$d" "$f" "$f.sha256"

  d="$www/projectcalico/calico/archive"; mkdir -p "$d" "$b/calico/calico-$CALICO_VERSION/manifests"
  cp "$LAB_HOME/files/calico.yaml" "$b/calico/calico-$CALICO_VERSION/manifests/calico.yaml"
  tar_gz "$d/v$CALICO_VERSION.tar.gz" "$b/calico" "calico-$CALICO_VERSION"
}

# DIR FILE SHAFILE: writes "<sha256>  FILE" like the upstream checksum files.
sha_file() { (cd "$1" && sha256sum "$2" >"$3"); }

# Every mirror release file (not the checksum files) with its SHA-256, as "name sha" lines.
mirror_checksums() {
  find "$LAB/www" -path "$LAB/www/apt" -prune -o -type f ! -name '*.sha256*' -printf '%f %p\n' | sort |
    while read -r name path; do echo "$name $(sha256sum "$path" | cut -d' ' -f1)"; done
}

apt_build() {
  local repo=$1 b=$2 pkg
  mkdir -p "$repo"
  for pkg in kubelet kubeadm kubectl; do deb_build "$pkg" "$b/deb" "$repo"; done
  (cd "$repo" && dpkg-scanpackages --multiversion . /dev/null 2>/dev/null >Packages && gzip -9nk Packages)
  apt-ftparchive -o APT::FTPArchive::Release::Origin=obs://build.opensuse.org/isv:kubernetes:core:stable:v1.32/deb \
    -o APT::FTPArchive::Release::Label=isv:kubernetes:core:stable:v1.32 \
    -o APT::FTPArchive::Release::Architectures="amd64 arm64 ppc64el s390x" release "$repo" >"$b/Release"
  mv "$b/Release" "$repo/Release"
  export GNUPGHOME="$LAB/gnupg"
  rm -rf "$GNUPGHOME"; mkdir -m 0700 "$GNUPGHOME"
  gpg -q --batch --pinentry-mode loopback --passphrase '' --quick-gen-key 'kubeha lab apt <lab@kubeha.invalid>' ed25519 sign never 2>/dev/null
  gpg -q --batch --armor --export >"$repo/Release.key"
  gpg -q --batch --clearsign -o "$repo/InRelease" "$repo/Release"
  gpg -q --batch --armor --detach-sign -o "$repo/Release.gpg" "$repo/Release"
  gpgconf --kill gpg-agent 2>/dev/null || true
}

deb_build() {
  local pkg=$1 b=$2/$1 repo=$3
  mkdir -p "$b/DEBIAN" "$b/usr/bin"
  install -m 0755 "$LAB_HOME/standins/bin/$pkg" "$b/usr/bin/$pkg"
  if [[ $pkg == kubelet ]]; then
    install -D -m 0644 "$LAB_HOME/files/kubelet.service" "$b/usr/lib/systemd/system/kubelet.service"
    install -D -m 0644 "$LAB_HOME/files/10-kubeadm.conf" "$b/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf"
  fi
  cat >"$b/DEBIAN/control" <<CONTROL
Package: $pkg
Version: $K8S_DEB_VERSION
Architecture: amd64
Maintainer: Kubernetes Authors <dev@kubernetes.io>
Section: misc
Priority: optional
Homepage: https://kubernetes.io
Description: $pkg (kubeha lab stand-in)
 The kubeha lab's stand-in for $pkg v1.32.0: behaves like it on the paths kubeha uses and logs each call.
CONTROL
  # A real install of the package takes about 5 s; scaled by the host's KUBEHA_LAB_TIME_SCALE.
  cat >"$b/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
scale=$(cat /etc/kubeha-lab/time-scale 2>/dev/null || echo 0)
sleep "$(awk -v s="$scale" 'BEGIN { print 5 * s }')"
POSTINST
  chmod 0755 "$b/DEBIAN/postinst"
  dpkg-deb --root-owner-group -Zgzip --build "$b" "$repo/${pkg}_${K8S_DEB_VERSION}_amd64.deb" >/dev/null
}
