#!/usr/bin/env bash
# Builds everything a user or a packager needs into dist/, then SHA256SUMS, and prints sizes:
#   psoas-timer-VERSION.tar.gz              the sdist           (python -m build)
#   psoas_timer-VERSION-py3-none-any.whl    the wheel           (pip/pipx install it)
#   psoas-timer-VERSION-linux-x86_64.tar.gz the one-folder bundle (build.spec), with
#                                           install.sh/uninstall.sh for your home
#   psoas-timer_VERSION_amd64.deb           the Debian package  (tools/build_deb.py)
# The bundle is smoke-tested as it is built (tools/build_bundle.sh); the .deb is checked by
# lintian (errors fail the build) when lintian is installed. Runs from a fresh clone with the
# README's set-up: it makes .venv if missing and installs the build tools into it.
#
#   bash tools/release.sh             # build everything
#   bash tools/release.sh --no-lint   # skip lintian (a minute or two)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
lint=1
for arg in "$@"; do
  case "$arg" in
    --no-lint) lint="" ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

step() { printf '\n== %s\n' "$*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }'; }
started="$(now)"

bash tools/system-deps.sh
[ -x .venv/bin/python ] || python3 -m venv .venv
py=.venv/bin/python
$py -m pip install -q --disable-pip-version-check -e '.[build]'
for tool in dpkg-deb readelf; do
  command -v "$tool" >/dev/null || { echo "release.sh: $tool is missing (apt-get install dpkg binutils)" >&2; exit 1; }
done
version="$($py -c 'import psoas_timer; print(psoas_timer.__version__)')"
# The desktop entry's and the metainfo's translated fields, from the catalogs as they are now
# (a translation that landed after the files were last merged is in the packages all the same).
$py tools/make_metainfo.py
# Reproducible dates in the man page and the package's changelog: the last commit's.
SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null || date +%s)"
export SOURCE_DATE_EPOCH

rm -rf dist
mkdir -p dist
step "sdist and wheel"
t="$(now)"
$py -m build --sdist --wheel --outdir dist . >/dev/null
echo "built in $(since "$t") s: $(cd dist && ls ./*.tar.gz ./*.whl | tr '\n' ' ')"

step "One-folder bundle"
t="$(now)"
PYTHON="$py" bash tools/build_bundle.sh --no-timing
cp packaging/bundle/install.sh packaging/bundle/uninstall.sh dist/psoas-timer/
bundle_tar="psoas-timer-$version-linux-x86_64.tar.gz"
tar -C dist --owner=0 --group=0 --numeric-owner -czf "dist/$bundle_tar" psoas-timer
echo "bundle and archive in $(since "$t") s"

step "Debian package"
t="$(now)"
$py tools/build_deb.py --bundle dist/psoas-timer --out dist
deb="dist/psoas-timer_${version}_amd64.deb"
echo "built in $(since "$t") s"
if [ -n "$lint" ]; then
  if command -v lintian >/dev/null; then
    t="$(now)"
    # Errors fail the release; warnings and infos are printed (the overrides say why).
    lintian --fail-on error "$deb" || {
      echo "release.sh: lintian found errors in $deb" >&2; exit 1; }
    echo "lintian: no errors ($(since "$t") s)"
  else
    echo "lintian is not installed: the package was not checked (apt-get install lintian)"
  fi
fi

step "SHA256SUMS"
rm -rf dist/psoas-timer  # the bundle folder is in its archive and in the .deb
(cd dist && sha256sum -- *.whl *.tar.gz *.deb >SHA256SUMS && cat SHA256SUMS)

step "Artefacts"
(cd dist && for f in *.whl *.tar.gz *.deb; do
  printf '%-45s %6s MB\n' "$f" "$(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.1f", b / 1048576 }')"
done)
echo "release $version built in $(since "$started") s into $root/dist"
