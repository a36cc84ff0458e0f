#!/usr/bin/env bash
# Render a plancraft .docx export to PDF with LibreOffice headless, to look at what Word users will see.
# Usage: scripts/docx-to-pdf.sh FILE.docx [OUT_DIR]   (needs Debian's libreoffice-writer-nogui; not in `make setup`)
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
# LibreOffice cannot squeeze 16 pt characters into the 28-character grid's 15.8 pt pitch (Word and WPS do):
# it gives each character two grid cells. So it renders a copy with the character pitch at the font size,
# which breaks lines after 27 characters instead of 28; everything else is the export as written.
copy="$profile/$(basename "$1")"
python3 - "$1" "$copy" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as source, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as target:
    for info in source.infolist():
        data = source.read(info)
        if info.filename == "word/document.xml":
            data = data.replace(b'w:charSpace="-842"', b'w:charSpace="0"')
        target.writestr(info, data)
PY
"$soffice" -env:UserInstallation="file://$profile" --headless --norestore --convert-to pdf --outdir "$out" "$copy" >&2
echo "$out/$(basename "${1%.*}").pdf"
