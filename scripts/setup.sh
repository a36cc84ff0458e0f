#!/usr/bin/env bash
# Set up everything plancraft needs on a Debian machine: system libraries, fonts, a venv with the package.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig
  fonts-noto-cjk fonts-lxgw-wenkai poppler-utils
)

# --- plancraft serve: a real browser for the live-preview tests, for `make test` only (setup.sh --test) ---
if [ "${1:-}" = "--test" ]; then
  SYSTEM_PACKAGES+=(chromium)
fi
# --- end plancraft serve ---

# --- LibreOffice, headless, to render the .docx in tests/output/test_docx_libreoffice.py (--test only);
# python3-uno for tests/support/libreoffice_review.py, which edits and comments a .docx as a reviewer ---
if [ "${1:-}" = "--test" ]; then
  SYSTEM_PACKAGES+=(libreoffice-writer-nogui python3-uno)
fi
# --- end LibreOffice ---

# --- npm (and openssl to check the tarball) to fetch ofd.js, below, when the machine has no npm (--test only) ---
if [ "${1:-}" = "--test" ]; then
  command -v npm >/dev/null 2>&1 || SYSTEM_PACKAGES+=(npm)
  command -v openssl >/dev/null 2>&1 || SYSTEM_PACKAGES+=(openssl)
fi
# --- end npm ---

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
fi

# --- Fandol fonts (仿宋, 黑体, 楷体, 宋体) for the PDF, taken from texlive-lang-chinese without installing TeX ---
FANDOL_DIR=${FANDOL_DIR:-/usr/local/share/fonts/fandol}
if [ -z "$(fc-list FandolFang family 2>/dev/null)" ]; then
  echo "setup: installing the Fandol fonts into $FANDOL_DIR"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  fandol_tmp=$(mktemp -d)
  chmod 777 "$fandol_tmp"
  (cd "$fandol_tmp" && apt-get download -qq texlive-lang-chinese >/dev/null 2>&1) || {
    "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=900 update -qq
    (cd "$fandol_tmp" && apt-get download -qq texlive-lang-chinese >/dev/null 2>&1)
  }
  dpkg-deb -x "$fandol_tmp"/texlive-lang-chinese_*.deb "$fandol_tmp/root"
  "${sudo_cmd[@]}" mkdir -p "$FANDOL_DIR"
  "${sudo_cmd[@]}" cp "$fandol_tmp"/root/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang,Hei,Kai,Song}-*.otf "$FANDOL_DIR/"
  rm -rf "$fandol_tmp"
  fc-cache -f "$FANDOL_DIR" >/dev/null 2>&1 || true
fi
# --- end Fandol fonts ---

# --- Writer's comment window (annotation.ui), which the nogui variant lacks: without it LibreOffice aborts
# laying out a document that holds a comment. Taken from libreoffice-writer without installing it (--test) ---
ANNOTATION_UI=/usr/lib/libreoffice/share/config/soffice.cfg/modules/swriter/ui/annotation.ui
if [ "${1:-}" = "--test" ] && [ ! -f "$ANNOTATION_UI" ]; then
  echo "setup: installing Writer's annotation.ui into $(dirname "$ANNOTATION_UI")"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  writer_tmp=$(mktemp -d)
  chmod 777 "$writer_tmp"
  (cd "$writer_tmp" && apt-get download -qq "libreoffice-writer=$(dpkg-query -W -f='${Version}' libreoffice-writer-nogui)" >/dev/null 2>&1)
  dpkg-deb -x "$writer_tmp"/libreoffice-writer_*.deb "$writer_tmp/root"
  "${sudo_cmd[@]}" install -D -m 644 "$writer_tmp/root$ANNOTATION_UI" "$ANNOTATION_UI"
  rm -rf "$writer_tmp"
fi
# --- end annotation.ui ---

# --- The Fandol fonts stand in for the official names the .docx uses, for LibreOffice (fontconfig aliases) ---
STAND_INS=scripts/fontconfig/65-plancraft-stand-ins.conf
if ! cmp -s "$STAND_INS" /etc/fonts/conf.d/65-plancraft-stand-ins.conf; then
  echo "setup: installing the fontconfig aliases $STAND_INS into /etc/fonts/conf.d"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" install -m 644 "$STAND_INS" /etc/fonts/conf.d/65-plancraft-stand-ins.conf
  fc-cache -f >/dev/null 2>&1 || true
fi
# --- end stand-ins ---

# --- ofd.js 0.2.6 from npm: a third-party OFD renderer (a self-contained browser bundle) that
# tests/output/test_ofd_render.py runs in chromium (--test only); the tarball is checked against its pin ---
OFDJS_DIR=.venv/ofdjs
OFDJS_TARBALL=ofd.js-0.2.6.tgz
OFDJS_INTEGRITY=sha512-qBC4bD5fC2e+qWg2ap6pajAU1Rl/G6+l6NUxMVgdcXTtjWcdRSYD6e63WGgmKAEuE4fjmntzIXZwODawjWmQuw==
if [ "${1:-}" = "--test" ] && [ ! -f "$OFDJS_DIR/package/lib/ofd.umd.min.js" ]; then
  echo "setup: installing ofd.js 0.2.6 from npm into $OFDJS_DIR"
  mkdir -p "$OFDJS_DIR"
  (cd "$OFDJS_DIR" && npm pack --silent ofd.js@0.2.6 >/dev/null)
  found="sha512-$(openssl dgst -sha512 -binary "$OFDJS_DIR/$OFDJS_TARBALL" | base64 -w0)"
  if [ "$found" != "$OFDJS_INTEGRITY" ]; then
    echo "setup: $OFDJS_TARBALL is not the pinned one ($found)" >&2
    exit 1
  fi
  tar -xzf "$OFDJS_DIR/$OFDJS_TARBALL" -C "$OFDJS_DIR" package/LICENSE package/lib/ofd.umd.min.js
  rm "$OFDJS_DIR/$OFDJS_TARBALL"
fi
# --- end ofd.js ---

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# `make dist` needs the package; `make test` also its test tools (pytest, ruff, mypy, playwright …).
if [ "${1:-}" = "--test" ]; then target='.[test]'; stamp=.venv/.plancraft-installed-test
else target='.'; stamp=.venv/.plancraft-installed; fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e "$target"
  touch "$stamp"
fi
