#!/usr/bin/env bash
# Regenerates noto-cjk-sc-subset.zip: the embedded default fonts of the PDF
# writer. Needs Debian's fonts-noto-cjk and fonttools (pip install fonttools).
# The subset keeps every CJK unified ideograph of the BMP (U+4E00–U+9FFF, so
# 20 902 + the later additions: 硚 of 硚口区 is there, GB2312 is not enough),
# CJK and full-width punctuation, Latin, digits and common symbols.
set -euo pipefail
cd "$(dirname "$0")"
src=/usr/share/fonts/opentype/noto
U="U+0020-007E,U+00A0-00FF,U+00B7,U+02C7,U+02C9,U+0391-03C9,U+0401-0451,U+2010-2027,U+2030-203B,U+2103,U+2116,U+2160-216B,U+2190-2193,U+2460-2473,U+2474-249B,U+25A0-25CF,U+2605-2606,U+3000-303F,U+3220-3229,U+3231,U+32A3,U+4E00-9FFF,U+FE30-FE4F,U+FF00-FFEF"
tmp=$(mktemp -d)
# Face 2 of the collections is the Simplified Chinese (SC) one.
pyftsubset "$src/NotoSerifCJK-Regular.ttc" --font-number=2 --unicodes="$U" --layout-features='*' \
  --no-hinting --name-IDs='*' --name-languages='*' --output-file="$tmp/govreport-serif.otf"
pyftsubset "$src/NotoSansCJK-Regular.ttc" --font-number=2 --unicodes="$U" --layout-features='*' \
  --no-hinting --name-IDs='*' --name-languages='*' --output-file="$tmp/govreport-sans.otf"
cp OFL.txt "$tmp/"
python3 - "$tmp" <<'PY'
import sys, zipfile
tmp = sys.argv[1]
with zipfile.ZipFile("noto-cjk-sc-subset.zip", "w") as z:
    for n in ["govreport-serif.otf", "govreport-sans.otf", "OFL.txt"]:
        info = zipfile.ZipInfo(n, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, open(f"{tmp}/{n}", "rb").read(), compresslevel=9)
PY
rm -rf "$tmp"
