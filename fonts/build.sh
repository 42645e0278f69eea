#!/usr/bin/env bash
# Regenerates govreport-fonts.zip: the embedded default faces of the PDF
# writer, one per 公文 role, each decompressed only when a report uses it.
#
#   bash fonts/build.sh PATH/TO/ZhuqueFangsong-Regular.ttf
#
# Needs fonttools (pip install fonttools), Debian's fonts-noto-cjk,
# fonts-lxgw-wenkai and fonts-liberation2, and 朱雀仿宋 (Zhuque Fangsong 0.211, OFL, built with
# fontmake from the TrionesType/zhuque sources; no registry ships it).
set -euo pipefail
cd "$(dirname "$0")"
zhuque=${1:?usage: build.sh PATH/TO/ZhuqueFangsong-Regular.ttf}
noto=/usr/share/fonts/opentype/noto
kai=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf
# Punctuation, Latin, digits and common symbols every face keeps.
COMMON="U+0020-007E,U+00A0-00FF,U+00B7,U+02C7,U+02C9,U+0391-03C9,U+0401-0451,U+2010-2027,U+2030-203B,U+2103,U+2116,U+2160-216B,U+2190-2193,U+2460-2473,U+2474-249B,U+25A0-25CF,U+2605-2606,U+3000-303F,U+3220-3229,U+3231,U+32A3,U+FE30-FE4F,U+FF00-FFEF"
# Every CJK unified ideograph of the BMP: 硚 of 硚口区 is outside GB2312.
BMP="$COMMON,U+4E00-9FFF"
# GB2312's hanzi and symbols (title and headings: mostly fixed wording; rarer
# characters fall back glyph by glyph to the serif face).
GB2312=$(python3 -c "
cs = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try: cs.add(ord(bytes([hi, lo]).decode('gb2312')))
        except UnicodeDecodeError: pass
print(','.join('U+%04X' % c for c in sorted(cs)))")
tmp=$(mktemp -d)
sub() { # source face-number unicodes output
  pyftsubset "$1" --font-number="$2" --unicodes="$3" --layout-features='*' \
    --no-hinting --name-IDs='*' --name-languages='*' --output-file="$tmp/$4"
}
# A subset renamed: a font whose licence reserves its names, subset, is a
# Modified Version under the OFL and must carry another name.
rename() { # FILE FAMILY POSTSCRIPT-NAME "what it is a subset of"
python3 - "$tmp/$1" "$2" "$3" "$4" <<'PY'
import sys
from fontTools.ttLib import TTFont
path, family, ps, source = sys.argv[1:5]
f = TTFont(path)
names = {1: family, 2: "Regular", 3: f"{ps} (subset of {source})",
         4: family, 6: ps, 16: family, 17: "Regular"}
name = f["name"]
name.names = [r for r in name.names if r.nameID not in names and r.nameID not in (21, 22)]
for nid, text in names.items():
    name.setName(text, nid, 3, 1, 0x409)
    name.setName(text, nid, 1, 0, 0)
f.save(path)
PY
}
# Face 2 of the Noto collections is the Simplified Chinese (SC) one.
sub "$noto/NotoSerifCJK-Regular.ttc" 2 "$BMP" govreport-serif.otf         # 宋体, fallback
sub "$noto/NotoSerifCJK-Bold.ttc" 2 "$COMMON,$GB2312" govreport-serif-bold.otf # title (小标宋)
sub "$noto/NotoSansCJK-Regular.ttc" 2 "$COMMON,$GB2312" govreport-sans.otf # 黑体
sub "$kai" 0 "$COMMON,$GB2312" govreport-kai.ttf                          # 楷体
# LXGW WenKai reserves its font names ("霞鹜", "LXGW"): a subset is a
# Modified Version under the OFL and must carry another name.
rename govreport-kai.ttf "Govreport Kai" GovreportKai-Regular "LXGW WenKai"
# Figures and Latin letters of the open 仿宋: Liberation Serif has Times New
# Roman's metrics (published reports set them in Times). Its OFL reserves
# the names Liberation, Tinos, Arimo and Cousine: the subset is renamed.
sub /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf 0 \
  "U+0020-007E,U+00A0-00FF" govreport-latin.ttf
rename govreport-latin.ttf "Govreport Latin" GovreportLatin-Regular "Liberation Serif 2.1.5"
sub "$zhuque" 0 "$BMP" govreport-fangsong.ttf                              # 仿宋
# Zhuque's outlines are dense (≈166 points a glyph; Noto's ≈40): rounding
# every point to a 6-unit grid (1000 units an em: 0.017 mm at 3号, under a
# 600 dpi pixel) makes a report's subset compress 27 % smaller (137 → 101 KB).
python3 - "$tmp/govreport-fangsong.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
glyf = f["glyf"]
for name in f.getGlyphOrder():
    g = glyf[name]
    if g.numberOfContours > 0:
        c = g.coordinates
        for i in range(len(c)):
            x, y = c[i]
            c[i] = (round(x / 6) * 6, round(y / 6) * 6)
        g.recalcBounds(glyf)
f.save(sys.argv[1])
PY
cp OFL.txt "$tmp/OFL-Noto.txt"
cp OFL-Zhuque.txt OFL-WenKai.txt OFL-Liberation.txt "$tmp/"
python3 - "$tmp" <<'PY'
import sys, zipfile
tmp = sys.argv[1]
names = ["govreport-fangsong.ttf", "govreport-kai.ttf", "govreport-latin.ttf",
         "govreport-sans.otf", "govreport-serif.otf", "govreport-serif-bold.otf",
         "OFL-Noto.txt", "OFL-Zhuque.txt", "OFL-WenKai.txt", "OFL-Liberation.txt"]
with zipfile.ZipFile("govreport-fonts.zip", "w") as z:
    for n in names:
        info = zipfile.ZipInfo(n, date_time=(1980, 1, 1, 0, 0, 0))
        # Faces stored, not deflated: the program reads them in place from
        # its own binary (no inflating ~32 MB at every start; see
        # docs/decisions/0003-fonts.md); the licence texts are deflated.
        font = n.endswith((".ttf", ".otf"))
        info.compress_type = zipfile.ZIP_STORED if font else zipfile.ZIP_DEFLATED
        z.writestr(info, open(f"{tmp}/{n}", "rb").read(),
                   compresslevel=None if font else 9)
PY
rm -rf "$tmp"
ls -l govreport-fonts.zip
