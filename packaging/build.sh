#!/usr/bin/env bash
# Builds Belfry's installers for the OS it runs on, into target/installer/:
#   Linux: the app-image, a .deb (and an .rpm where rpmbuild exists); Windows: .msi and .exe; macOS: .dmg and .pkg.
# Called by `mvn -Ppackage package` after the jar; needs a JDK 17+ with jmods (jlink, jpackage).
# Environment: BELFRY_VERSION (from the pom); on macOS optionally MAC_SIGNING_IDENTITY, and for notarisation
# MAC_NOTARY_PROFILE (a notarytool keychain profile); on Windows WiX 3 on the PATH for .msi/.exe.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${BELFRY_VERSION:?BELFRY_VERSION is not set}
version=${version%%-*}                      # jpackage wants numbers: 0.1.0-SNAPSHOT -> 0.1.0
out=target/installer
work=target/jpackage
rm -rf "$out" "$work"
mkdir -p "$out" "$work/input"
cp target/belfry.jar "$work/input/"
cp -r target/lib "$work/input/lib"
# JavaFX goes into the runtime (below), not onto the app's class path.
mkdir -p "$work/javafx"
mv "$work/input/lib/"javafx-*.jar "$work/javafx/"

case "$(uname -s)" in
  Linux*) os=linux ;;
  Darwin*) os=macos ;;
  MINGW*|MSYS*|CYGWIN*|Windows*) os=windows ;;
  *) echo "unknown OS $(uname -s)" >&2; exit 2 ;;
esac

echo "packaging Belfry $version for $os"
# A small runtime: the JDK modules Belfry needs and JavaFX (the platform's modular JavaFX jars from Maven, linked as
# modules), stripped, with a base CDS archive of their classes. The archive needs bin/java to be made, so the native
# commands go after it (what --strip-native-commands would do; on Windows bin/ also holds the JVM's DLLs, which stay).
fx_jars=$(find "$work/javafx" -name 'javafx-*-*-*.jar' | sort | tr '\n' "$(if [ "$os" = windows ]; then echo ';'; else echo ':'; fi)")
modules="$(cat packaging/modules.txt),javafx.controls"
# Windows: the SunMSCAPI provider, through which Belfry trusts the certificate store's roots (Windows-ROOT).
if [ "$os" = windows ]; then modules="$modules,jdk.crypto.mscapi"; fi
jlink --module-path "${fx_jars%[:;]}" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "$work/runtime"
if [ "$os" = windows ]; then
  rm -f "$work/runtime/bin/"*.exe
  natives="$work/runtime/bin"
else
  rm -rf "$work/runtime/bin"
  natives="$work/runtime/lib"
fi
# JavaFX's native libraries where JavaFX looks first for modules in a runtime image: otherwise it unpacks them from
# its modules into ~/.openjfx/cache on the first start (megabytes written into the user's home, for every version).
for jar in "$PWD/$work/javafx/"javafx-*-*-*.jar; do
  names=$(jar tf "$jar" | grep -E '^[^/]+\.(so|dll|dylib)$' || true)
  if [ -n "$names" ]; then
    # shellcheck disable=SC2086 # one name per word
    (cd "$natives" && jar xf "$jar" $names)
  fi
done

case $os in
  linux) icon=icons/belfry.png ;;
  windows) icon=icons/belfry.ico ;;
  macos) icon=icons/belfry.icns ;;
esac
extra=()
# Windows: a console launcher beside the GUI one, for the command line (packaging/windows-console.properties).
if [ "$os" = windows ]; then extra=(--add-launcher "belfry-console=packaging/windows-console.properties"); fi
jpackage --type app-image @packaging/jpackage-common.txt @packaging/jpackage-app.txt --icon "$icon" \
  --app-version "$version" --input "$work/input" --runtime-image "$work/runtime" --dest "$work/image" ${extra[@]+"${extra[@]}"}

app=$work/image/Belfry
[ "$os" = macos ] && app=$work/image/Belfry.app

# The runtime carries a base CDS archive (jlink --generate-cds-archive above). The app-image has no AppCDS archive of
# Belfry's own classes: JDK 17 checks a dynamic archive against the absolute class path it was recorded with, and an
# app-image can live anywhere. The .deb, which installs at /opt/belfry, gets one below.
cp -r "$work/image/"* "$out/"

installer() { jpackage --type "$1" --app-image "$app" @packaging/jpackage-common.txt @packaging/jpackage-$os.txt \
  --icon "$icon" --app-version "$version" --dest "$out" "${@:2}"; }
# AppCDS for the .deb: record the classes a start loads, so that later starts map them (first frame about 0.3 s
# sooner). JDK 17 takes the archive only at the absolute path it was recorded at and with the same jar files, times
# included, so the training run happens at /opt/belfry, where the .deb installs, on the .deb's own files (tar keeps
# their times), and the archive goes back into the .deb. Only where this build may use /opt/belfry (CI, a build box).
appcds() {
  local deb=$1 tree="$work/deb"
  if ! { [ -w /opt ] && [ ! -e /opt/belfry ] && command -v xvfb-run >/dev/null 2>&1; }; then
    echo "note: no AppCDS archive in the .deb (it is recorded at /opt/belfry, which this build cannot use)"
    return
  fi
  rm -rf "$tree" && dpkg-deb -R "$deb" "$tree"
  cp -a "$tree/opt/belfry" /opt/belfry
  local cfg=lib/app/Belfry.cfg
  sed -i 's/^\[JavaOptions\]$/[JavaOptions]\njava-options=-XX:ArchiveClassesAtExit=$APPDIR\/belfry.jsa/' "/opt/belfry/$cfg"
  if xvfb-run -a /opt/belfry/bin/Belfry --smoke-test && [ -f /opt/belfry/lib/app/belfry.jsa ]; then
    cp -a /opt/belfry/lib/app/belfry.jsa "$tree/opt/belfry/lib/app/"
    sed -i 's/^\[JavaOptions\]$/[JavaOptions]\njava-options=-XX:SharedArchiveFile=$APPDIR\/belfry.jsa\njava-options=-Xlog:cds*=off/' \
      "$tree/opt/belfry/$cfg"
    fakeroot dpkg-deb -b "$tree" "$deb" >/dev/null
    echo "AppCDS archive in the .deb: $(du -h "$tree/opt/belfry/lib/app/belfry.jsa" | cut -f1)"
  else
    echo "warning: the AppCDS training run failed; the .deb has no archive"
  fi
  rm -rf /opt/belfry
}

case $os in
  linux)
    if command -v dpkg-deb >/dev/null 2>&1 && command -v fakeroot >/dev/null 2>&1; then
      installer deb
      appcds "$(ls "$out"/*.deb | head -n 1)"
    fi
    if command -v rpmbuild >/dev/null 2>&1; then installer rpm; fi ;;
  windows)
    installer msi
    installer exe ;;
  macos)
    signing=()
    if [ -n "${MAC_SIGNING_IDENTITY:-}" ]; then signing=(--mac-sign --mac-signing-key-user-name "$MAC_SIGNING_IDENTITY"); fi
    installer dmg "${signing[@]}"
    installer pkg "${signing[@]}"
    if [ -n "${MAC_NOTARY_PROFILE:-}" ]; then
      for f in "$out"/*.dmg "$out"/*.pkg; do
        xcrun notarytool submit "$f" --keychain-profile "$MAC_NOTARY_PROFILE" --wait
        xcrun stapler staple "$f"
      done
    fi ;;
esac
ls -la "$out"
