#!/usr/bin/env bash
# Builds the root file system of a "from scratch" image layer: a Java runtime made by jlink
# from the build JDK, the shared libraries it links against (taken from the build machine),
# a passwd entry for the non-root user, and /tmp. Used by the Maven profile `image` when the
# base image is `scratch`, so an image can be built with no registry and no Docker daemon.
#
#   java-runtime.sh OUT BASE_IMAGE APP_DIR
#
# Does nothing for a module without a packaged Quarkus app (APP_DIR missing).
# With any other base image the layer stays empty (the base brings Java), and the base must be
# pinned by digest.
set -euo pipefail

out=$1
base=$2
app=${3:-}
if [[ -n "$app" && ! -d "$app" ]]; then
  echo "no $app: not a service, no image"
  exit 0
fi
rm -rf "$out"
mkdir -p "$out"

if [[ "$base" != scratch ]]; then
  if [[ "$base" != *@sha256:* ]]; then
    echo "image base '$base' is not pinned by digest (name@sha256:...)" >&2
    exit 1
  fi
  exit 0
fi

java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
# What the three services use at run time: the JDK modules Quarkus, Narayana (java.rmi),
# Vert.x/Netty, Kafka, the MongoDB driver (DNS SRV, SASL/SCRAM, TLS), Micrometer (process
# metrics) and java.beans users (java.desktop) need. Checked by running each image
# (deploy/image/try-image.sh); add a module here when a class of the JDK is missing.
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
# java.desktop's native parts for screens, sound and fonts are never loaded by a headless
# server; their X11/ALSA/freetype libraries stay out of the image.
no_libs='libawt_xawt.so|libsplashscreen.so|libjsound.so|libfontmanager.so|liblcms.so|libjavajpeg.so|libjawt.so'

"$java_home/bin/jlink" --add-modules "$modules" --output "$out/opt/java" \
  --strip-debug --no-man-pages --no-header-files --compress=2 --add-options=-Djava.awt.headless=true

# The shared libraries of every ELF file of the runtime, and the loader; copied as files
# (the layer must not depend on the build machine's symlinks).
while read -r lib; do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done < <(find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) | grep -Ev "$no_libs" | xargs ldd 2>/dev/null \
  | grep -o '/[^ ]*\.so[^ ]*' | grep -v "^$out" | sort -u)
# glibc resolves host names through these at run time (files, then DNS).
for nss in /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libresolv.so.2; do
  [[ -e "$nss" ]] && mkdir -p "$out$(dirname "$nss")" && cp -L "$nss" "$out$nss"
done

mkdir -p "$out/etc" "$out/tmp" "$out/deployments"
printf 'root:x:0:0:root:/root:/sbin/nologin\nsukha:x:185:0:sukha:/deployments:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\n' > "$out/etc/group"
printf 'hosts: files dns\n' > "$out/etc/nsswitch.conf"
echo "java runtime for the image: $(du -sh "$out" | cut -f1) in $out"
