#!/usr/bin/env bash
# java-runtime.sh APP-DIR ROOTFS HOME: what the JVM images' final stage adds to its distroless base,
# made in their build stage (operator/Dockerfile, apps/backend/Dockerfile) as a tree to copy to /:
#   ROOTFS/opt/java       a Java runtime cut to the modules the Quarkus fast-jar in APP-DIR uses;
#   ROOTFS/usr/lib/...    the system libraries that runtime needs beyond glibc (none with Temurin);
#   ROOTFS/etc/passwd, group  root, nobody and the app's user `todo` (UID/GID 10001, home HOME), so
#                         that the JVM finds its user's name and home.
# Needs a JDK with jdeps and jlink (JAVA_HOME or PATH), bash and ldd; prints the modules it kept
# and the libraries it copied.
#
# jdeps reads every class of APP-DIR (quarkus-run.jar, lib/, app/, quarkus/). It cannot read the
# jars as they are: dozens of them carry a module-info whose `requires` jdeps then insists on, so the
# classes are unpacked into one directory first, without module-info and META-INF/versions.
# From what jdeps finds, two modules are left out on purpose, because nothing at run time loads them:
#   jdk.compiler  only Vert.x's code generator (an annotation processor in vertx-core) refers to it;
#   java.desktop  java.awt/javax.imageio only in Quarkus's native-image substitutions, java.beans
#                 only on optional paths (Jackson's JDK 7 annotations, commons-compress, SnakeYAML's
#                 JavaBean loader): 10 MB for nothing. JAVA_RUNTIME_KEEP_DESKTOP=1 keeps it.
# and a few are added that jdeps cannot see, because they are found through service loaders:
#   jdk.crypto.ec   elliptic-curve TLS (the Kubernetes API server's certificates, HTTPS to an LLM);
#   jdk.zipfs       the jar: file system (without it the backend dies at start-up, silently:
#                   "Unable to find provider supporting jar scheme" in a static initializer);
#   jdk.naming.dns  JNDI's DNS provider, which Netty asks for the name servers.
# jlink then links them without debug information, man pages or headers, compressed (zip). Last,
# the native libraries lose their symbol tables (`strip`, when binutils is there): Debian's JDK
# ships libjvm.so with them (24 MB, 20 MB without); Temurin's comes stripped already.
set -euo pipefail
usage="usage: java-runtime.sh APP-DIR ROOTFS HOME"
app=$(cd "${1:?$usage}" && pwd)
rootfs=${2:?$usage}
home=${3:?$usage}
out=$rootfs/opt/java
libs=$rootfs
bin=${JAVA_HOME:+$JAVA_HOME/bin/}
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT

mapfile -t jars < <(find "$app" -name '*.jar')
[ ${#jars[@]} -gt 0 ] || { echo "java-runtime.sh: no jar under $app" >&2; exit 1; }
# One JVM unpacks them all (a `jar xf` per jar took minutes on a busy machine).
cat >"$classes/Unpack.java" <<'JAVA'
import java.nio.file.*;
import java.util.zip.*;

public class Unpack {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0], "classes").toAbsolutePath().normalize();
    for (int i = 1; i < args.length; i++) {
      try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(Path.of(args[i])))) {
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
          String name = e.getName();
          if (e.isDirectory() || !name.endsWith(".class") || name.endsWith("module-info.class")
              || name.startsWith("META-INF/versions/")) continue;
          Path file = out.resolve(name).normalize();
          if (!file.startsWith(out)) continue;
          Files.createDirectories(file.getParent());
          Files.copy(zip, file, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
JAVA
"${bin}java" "$classes/Unpack.java" "$classes" "${jars[@]}"
found=$("${bin}jdeps" -q --ignore-missing-deps --print-module-deps "$classes/classes")
[ -n "$found" ] || { echo "java-runtime.sh: jdeps found no module in $app" >&2; exit 1; }
drop=" jdk.compiler "
[ "${JAVA_RUNTIME_KEEP_DESKTOP:-0}" = 1 ] || drop+="java.desktop "
modules=jdk.crypto.ec,jdk.zipfs,jdk.naming.dns
for m in ${found//,/ }; do
  case "$drop" in *" $m "*) ;; *) modules+=",$m" ;; esac
done
echo "java-runtime.sh: jdeps found $found; linking $modules"
mkdir -p "$rootfs/opt"
"${bin}jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out"
if command -v strip >/dev/null; then
  find "$out" -name '*.so' -exec strip --strip-unneeded {} +
fi
# Temurin's runtime needs glibc only (it bundles zlib and links libstdc++ statically); Debian's
# needs libz, libstdc++ and libgcc_s as well: those are copied, to where the build image keeps them.
glibc='^(linux-vdso|libc|libm|libdl|libpthread|librt|libresolv|libutil|ld-linux-[a-z0-9_-]*)\.so'
find "$out" -type f \( -name '*.so' -o -perm -u+x \) -exec ldd {} + 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' | sort -u | while read -r name path; do
  [[ $name =~ $glibc ]] && continue
  case "$path" in "$out"/*) continue ;; esac
  dir=$(dirname "$(readlink -f "$path")")
  mkdir -p "$libs$dir"
  cp -L "$path" "$libs$dir/$name"
  echo "java-runtime.sh: the runtime needs $name, beyond glibc: copied to $dir"
done
mkdir -p "$rootfs/etc"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\ntodo:x:10001:10001:todo:%s:/sbin/nologin\n' \
  "$home" >"$rootfs/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\ntodo:x:10001:\n' >"$rootfs/etc/group"
