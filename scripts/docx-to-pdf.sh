#!/usr/bin/env bash
# Render a plancraft .docx export to PDF with LibreOffice headless, to look at what Word users will see.
# Usage: scripts/docx-to-pdf.sh FILE.docx [OUT_DIR]   (needs Debian's libreoffice-writer-nogui: `scripts/setup.sh --test`)
set -euo pipefail
if [ $# -lt 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 FILE.docx [OUT_DIR]" >&2
  exit 2
fi
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
  echo "$0: LibreOffice not found; install it with: apt-get install --no-install-recommends libreoffice-writer-nogui" >&2
  exit 1
fi
out=${2:-$(dirname "$1")}
mkdir -p "$out"
# A private profile, so a desktop LibreOffice that is already running does not take the job.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$soffice" -env:UserInstallation="file://$profile" --headless --norestore --convert-to pdf --outdir "$out" "$1" >&2
echo "$out/$(basename "${1%.*}").pdf"
