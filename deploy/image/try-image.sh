#!/usr/bin/env bash
# Runs an image tarball written by `./mvnw -Pimage` without a container engine, to prove it
# starts: unpacks its layers in order into a root file system and runs its entrypoint there
# with chroot, as the image's user, with /proc mounted (needs root; Linux only). The host's
# network is shared, so the service reaches a local stack on loopback.
#
#   deploy/image/try-image.sh routine-service/target/jib-image.tar [VAR=value ...]
#
# Files named in TRY_IMAGE_FILES (space-separated, e.g. the stack's public key) are copied
# into the image's /tmp, as a Secret volume would be mounted.
set -euo pipefail

tar_file=$(readlink -f "$1"); shift
[[ $(id -u) == 0 ]] || { echo "needs root (chroot, mount)" >&2; exit 1; }
root=$(dirname "$tar_file")/image-rootfs
oci=$(mktemp -d)
child=
cleanup() {
  [[ -n "$child" ]] && kill "$child" 2>/dev/null && wait "$child" 2>/dev/null
  umount "$root/proc" 2>/dev/null || true
  rm -rf "$oci"
}
trap cleanup EXIT
trap 'exit 143' INT TERM
tar -xf "$tar_file" -C "$oci"
rm -rf "$root" && mkdir -p "$root"

# index -> manifest -> config and layers, in order: user, then layer files, then the entrypoint.
mapfile -t lines < <(python3 - "$oci" <<'PY'
import json, sys
oci = sys.argv[1]
blob = lambda d: f"{oci}/blobs/sha256/{d.split(':')[1]}"
manifest = json.load(open(blob(json.load(open(f"{oci}/index.json"))["manifests"][0]["digest"])))
config = json.load(open(blob(manifest["config"]["digest"])))["config"]
print(config.get("User", "0"))
print(",".join(blob(l["digest"]) for l in manifest["layers"]))
print("\n".join(config["Entrypoint"]))
PY
)
user=${lines[0]}
layers=${lines[1]}
entrypoint=("${lines[@]:2}")
IFS=, read -ra layer_files <<< "$layers"
for layer in "${layer_files[@]}"; do
  tar -xzf "$layer" -C "$root" 2>/dev/null || tar -xf "$layer" -C "$root"
done
mkdir -p "$root/proc" && mount -t proc proc "$root/proc"
cp /etc/resolv.conf /etc/hosts "$root/etc/" 2>/dev/null || true
for f in ${TRY_IMAGE_FILES:-}; do cp "$f" "$root/tmp/"; done
echo "running ${entrypoint[*]} as $user in $root"
cd /
env -i "$@" "$(command -v chroot)" --userspec="$user" "$root" "${entrypoint[@]}" &
child=$!
wait "$child"
