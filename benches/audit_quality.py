#!/usr/bin/env python3
"""Precision of errors and recall of known defects for `govreport audit`.

The reviewed reports under tests/fixtures (seeds/*.txt, published/*.layout.txt
and published/*.pdf) are taken as they stand: their findings were reviewed, so
they are the baseline per file. Each complete text report is then damaged in a
known way (one defect per variant, chosen with random.Random(SEED) so every run
builds the same variants), the variants are audited in batches, and every
finding that is not in the file's baseline is sorted into "the defect we
injected" or "a false positive".

Run:  python3 benches/audit_quality.py [path-to-govreport]
      (default target/release/govreport, else target/debug/govreport)
Writes the table to stdout and to benches/audit_quality.md.
Standard library only.
"""

import collections
import datetime
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests/fixtures/seeds"
PUBLISHED = ROOT / "tests/fixtures/published"
OUT_MD = ROOT / "benches/audit_quality.md"
SEED = 20261202  # fixed: the same variants every run, so runs are comparable
CUTS_PER_FILE = 10
SPACED_PER_FILE = 8
JOINS_PER_FILE = 8
ARITHMETIC = {"GR0301", "GR0302", "GR0303", "GR0401"}
# benches/audit_quality.md from this heading on is written by hand (before and
# after figures of a change) and kept across reruns.
KEPT = "## Before and after"

# Table labels of the 2021 format (国办公开办函〔2021〕30号) that stand alone in
# a line or a tab cell; "行 政 许 可" is how they look when typed with spaces.
LABELS = [
    "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章",
    "行政规范性文件", "本年处理决定数量", "行政许可", "行政处罚", "行政强制",
    "行政事业性收费", "申请人情况", "自然人", "法人或其他组织", "总计",
    "社会公益组织", "法律服务机构", "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量", "三、本年度办理结果", "（一）予以公开",
    "（三）不予公开", "1.属于国家秘密", "3.危及“三安全一稳定”",
    "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
    "7.属于行政执法案卷", "8.属于行政查询事项", "（四）无法提供",
    "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确", "（五）不予处理", "1.信访举报投诉类申请",
    "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "（六）其他处理", "（七）总计", "四、结转下年度继续办理", "行政复议",
    "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结",
    "未经复议直接起诉", "复议后起诉",
]
UNIT_LABELS = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量"]
# Altered forms seen in published reports (hongze: 2.其他法律行政止公开;
# seed 002: 本年度止件数; the 七家子镇 excerpt: 现行有效件).
ALTERED = [
    ("本年废止件数", "本年度止件数"),
    ("行政规范性文件", "规范性文件"),
    ("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"),
    ("现行有效件数", "现行有效件"),
]
# 2019-format labels put where the 2021 label was. The second is one of the
# markers `govreport explain GR1005` names; the first is the brief's example.
OLD_FORMAT = [
    ("本机关不掌握相关政府信息", "信息不存在"),
    ("本年制发件数", "本年新制作数量"),
]

# What counts as detecting each kind, and which new *errors* are the injected
# defect itself (everything else new with severity error is a false positive).
KINDS = {
    "cut": "text truncated after the title; one new GR1008",
    "spaced": "one label typed with inner spaces; new GR1003 naming it",
    "unit": "label + （件）; new GR1003 whose found has （件）",
    "altered": "label swapped for a known altered form; new GR1003/GR1004",
    "runjoin": "7 figures of a table 三 row joined onto the label line; new GR1009",
    "oldformat": "2019-format label in the table; new GR1005",
    "district": "区/县 body reports 2 规章; new GR0204 (warning)",
    "note": "label + （历史累计）; new GR1003 whose found has it",
    "period": "statistics period starting a year early; new GR0807",
    "malformed": "statistics period with 年 dropped (`20241月1日`); new GR0807",
    "basis": "〔2021〕30号 cited as 〔2019〕60号; new GR0808 (warning)",
    "oldname": "heading 四 in its pre-2019 name; new GR1002 (warning) naming the old format",
    "repeated": "heading 五 written twice; new GR1002 (warning)",
    "tabbed": "rows tab-separated, 法人 0s left empty; one new GR1006 (warning), nothing else",
    "markdown": "tab-separated rows as Markdown (`## ` headings, pipe tables); nothing new",
    "pipes": "tab-separated rows as compact pipe forms (`|0|0|`, no outer pipes, no rule line, "
             "one cell a line); nothing new",
    "pipes-empty": "the `tabbed` variant (法人 0s empty) in those pipe forms; one new GR1006 "
                   "(warning), nothing else",
    "totals": "the year's 主动公开 total stated in 一（一） and, differently, in 一（四）; "
              "new GR0802 (warning) naming it",
    "channels": "the total in 一（一） and, in 一（四）, a channel's, a subject's, a month's, a part's "
                "or a hedged count; nothing new",
}
ATTRIBUTABLE = {
    "cut": {"GR1008"},
    "spaced": {"GR1003", "GR1004"},
    "unit": {"GR1003", "GR1004"},
    "altered": {"GR1003", "GR1004"},
    "runjoin": {"GR1009"},
    "oldformat": {"GR1005"},
    "district": {"GR0204"},
    "note": {"GR1003", "GR1004"},
    "period": {"GR0807"},
    "malformed": {"GR0807"},
    "basis": {"GR0808"},
    "oldname": {"GR1002"},
    "repeated": {"GR1002"},
    "tabbed": {"GR1006"},
    "markdown": set(),
    "pipes": set(),
    "pipes-empty": {"GR1006"},
    "totals": {"GR0802"},
    "channels": set(),
}


def cjk(c):
    return "\u4e00" <= c <= "\u9fff"


def spaced(label):
    """行政许可 -> 行 政 许 可 (spaces only between Chinese characters)."""
    out = label[0]
    for a, b in zip(label, label[1:]):
        out += (" " if cjk(a) and cjk(b) else "") + b
    return out


def heading(text, pattern, start=0):
    """Offset of a section heading at the start of a line (indent allowed)."""
    m = re.compile(r"(?m)^[ \t]*" + pattern).search(text, start)
    return m.start() if m else None


def table_region(text):
    """(start, end) from heading 二 to heading 五: where the three tables are."""
    a = heading(text, r"二、\s*主动公开政府信息情况")
    if a is None:
        return None
    b = heading(text, r"五、", a)
    return a, (b if b is not None else len(text))


def find_cell(text, label, start, end):
    """First occurrence of label as a whole cell (whitespace or line edge on
    both sides) in text[start:end] — a table label, not the same words in prose."""
    pat = re.compile(r"(?m)(?:^|(?<=\s))" + re.escape(label) + r"(?=\s|$)")
    m = pat.search(text, start, end)
    return m.start() if m else None


def title_end(text):
    i = text.find("年度报告")
    return i + len("年度报告") if 0 <= i < 400 else None


def paged(path):
    # pdftotext output: the auditor deliberately ignores spacing there.
    return path.name.endswith(".layout.txt")


# --- variant builders: each yields (kind, tag, text, info) or ("skip", kind, tag)


def make_cut(text, rng):
    t = title_end(text)
    last = len(text.rstrip())
    if t is None or last - t < 2:
        yield ("skip", "cut", "no title")
        return
    for pos in sorted(rng.sample(range(t + 1, last), min(CUTS_PER_FILE, last - t - 1))):
        tail = text[max(0, pos - 12):pos].replace("\n", "⏎").replace("\t", "⇥")
        yield ("cut", f"cut@{pos}", text[:pos],
               # last non-blank line: an error there is on the cut-off line itself
               {"pos": pos, "tail": tail, "last_line": text[:pos].rstrip().count("\n") + 1})


def make_spaced(text, rng, path):
    if paged(path):
        yield ("skip", "spaced", "paged text")
        return
    reg = table_region(text)
    if reg is None:
        yield ("skip", "spaced", "no table region")
        return
    lines = text.split("\n")
    offs, o = [], 0
    for ln in lines:
        offs.append(o)
        o += len(ln) + 1
    cands = []
    for i, ln in enumerate(lines):
        if not reg[0] <= offs[i] < reg[1]:
            continue
        for j, cell in enumerate(ln.split("\t")):
            if cell.strip() in LABELS and len(cell.strip()) > 1:
                cands.append((i, j))
    if not cands:
        yield ("skip", "spaced", "no label line")
        return
    # Which occurrence of the label this is (信息内容 heads four sub-tables).
    nth, seen = {}, collections.Counter()
    for c in cands:
        seen[lines[c[0]].split("\t")[c[1]].strip()] += 1
        nth[c] = seen[lines[c[0]].split("\t")[c[1]].strip()]
    for i, j in sorted(rng.sample(cands, min(SPACED_PER_FILE, len(cands)))):
        cells = lines[i].split("\t")
        label = cells[j].strip()
        tag = f"spaced:{label}#{nth[(i, j)]}"
        cells[j] = cells[j].replace(label, spaced(label))
        new = lines[:i] + ["\t".join(cells)] + lines[i + 1:]
        yield ("spaced", tag, "\n".join(new), {"want": spaced(label)})


def make_appended(kind, suffix, text):
    """Each label of UNIT_LABELS found in the table with `suffix` written onto it."""
    reg = table_region(text)
    for label in UNIT_LABELS:
        at = reg and find_cell(text, label, *reg)
        if at is None:
            yield ("skip", kind, label)
            continue
        k = at + len(label)
        yield (kind, f"{kind}:{label}", text[:k] + suffix + text[k:], {"want": suffix})


def make_swap(kind, pairs, text):
    reg = table_region(text)
    for old, new in pairs:
        at = reg and find_cell(text, old, *reg)
        if at is None:
            yield ("skip", kind, old)
            continue
        yield (kind, f"{kind}:{old}->{new}", text[:at] + new + text[at + len(old):], {"want": new})


def make_runjoin(text, rng):
    a = heading(text, r"三、\s*收到和处理")
    b = a is not None and heading(text, r"四、\s*政府信息公开行政复议", a)
    if a is None or not b:
        yield ("skip", "runjoin", "no table 三")
        return
    lines = text.split("\n")
    offs, o = [], 0
    for ln in lines:
        offs.append(o)
        o += len(ln) + 1
    num = re.compile(r"^\s*\d+\s*$")
    cands = [
        i for i in range(len(lines) - 8)
        if a <= offs[i] < b and lines[i].strip() and not num.match(lines[i])
        and all(num.match(x) for x in lines[i + 1:i + 8])
        and not num.match(lines[i + 8])
    ]
    if not cands:  # rows with figures in one line (tabs or columns): not this kind
        yield ("skip", "runjoin", "no one-figure-per-line rows")
        return
    for i in sorted(rng.sample(cands, min(JOINS_PER_FILE, len(cands)))):
        figs = "".join(x.strip() for x in lines[i + 1:i + 8])
        new = lines[:i] + [lines[i].rstrip() + figs] + lines[i + 8:]
        yield ("runjoin", f"runjoin:{lines[i].strip()}", "\n".join(new), {"want": figs})


def make_district(text):
    t = title_end(text)
    title = text[:t] if t else ""
    if not re.search(r"[区县]", title):
        yield ("skip", "district", "not a 区/县 body")
        return
    reg = table_region(text)
    m = reg and re.compile(r"(?m)(?:^|(?<=\s))规章(\s+)(\d+)(\s+)(\d+)(\s+)(\d+)").search(text, *reg)
    if not m or any(int(m.group(g)) for g in (2, 4, 6)):
        yield ("skip", "district", "no all-zero 规章 row")
        return
    # (a) 本年制发 2 only: also a GR0201 warning (制发−废止 > 现行有效), which is true;
    # (b) 本年制发 2 and 现行有效 2: the table stays consistent, GR0204 alone is due.
    for tag, groups in (("made=2", (2,)), ("made=2,valid=2", (2, 6))):
        s = text
        for g in sorted(groups, reverse=True):  # right to left keeps offsets valid
            s = s[:m.start(g)] + "2" + s[m.end(g):]
        yield ("district", f"district:{tag}", s, {})


# Issue 27's kinds: none uses rng, so the variants above stay as they were.
PERIOD = re.compile(r"(统计[^。]{0,12}?)(\d{4})(\s*年)(\s*1\s*月\s*1\s*日)")


def make_period(text):
    m = PERIOD.search(text)
    if not m:
        yield ("skip", "period", "no statistics period")
        yield ("skip", "malformed", "no statistics period")
        return
    y = int(m.group(2))
    yield ("period", "period:year-1", text[:m.start(2)] + str(y - 1) + text[m.end(2):], {})
    yield ("malformed", "malformed:年 dropped", text[:m.start(3)] + text[m.end(3):], {})


def make_basis(text):
    if "〔2021〕30号" not in text:
        yield ("skip", "basis", "no 〔2021〕30号")
        return
    yield ("basis", "basis:〔2019〕60号", text.replace("〔2021〕30号", "〔2019〕60号"), {})


def make_headings(text):
    m = re.compile(r"(?m)^四、政府信息公开行政复议、行政诉讼情况").search(text)
    if m:
        yield ("oldname", "oldname:四", text[:m.start()] + "四、因政府信息公开申请行政复议、提起行政诉讼的情况"
               + text[m.end():], {})
    else:
        yield ("skip", "oldname", "no heading 四 at a line start")
    m = re.compile(r"(?m)^五、[^\n]*\n").search(text)
    if m:
        yield ("repeated", "repeated:五", text[:m.end()] + m.group(0) + text[m.end():], {})
    else:
        yield ("skip", "repeated", "no heading 五 at a line start")


def tab_rows(text):
    """One cell per line (as seeds are) -> each row's label and figures on one
    tab-separated line, as a browser copies a table."""
    out, row_open = [], False
    for line in text.split("\n"):
        cell = line.strip()
        fig = cell != "" and all(c.isdigit() or c == "." for c in cell)
        if fig and row_open and line.startswith("\t"):
            out[-1] += "\t" + cell
            continue
        row_open = line.startswith("\t") and cell != ""
        out.append(line)
    return "\n".join(out)


def markdown(tabbed):
    out, in_table = [], False
    for line in tabbed.split("\n"):
        t = line.strip()
        if line.count("\t") >= 2 or (line.startswith("\t") and t):
            cells = line.lstrip("\t").split("\t")
            out.append("| " + " | ".join(cells) + " |")
            if not in_table:
                out.append("|" + "---|" * len(cells))
            in_table = True
            continue
        in_table = False
        if re.match(r"[一二三四五六]、", t) and not line.startswith("\t"):
            out.append("## " + t)
        else:
            out.append(line)
    return "\n".join(out)


def blank_legal_persons(tabbed):
    """The 法人 columns' 0s of table 三's tab-separated rows left empty, as
    many pages print them; None when no row has one."""
    lines, n = [], 0
    for line in tabbed.split("\n"):
        c = line.split("\t")
        figs = [i for i, x in enumerate(c) if re.fullmatch(r"\d+", x.strip())]
        if len(figs) == 7 and any(cjk(ch) for x in c[:figs[0]] for ch in x):
            for i in figs[1:6]:
                if c[i].strip() == "0":
                    c[i] = ""
                    n += 1
        lines.append("\t".join(c))
    return "\n".join(lines) if n else None


def make_forms(text, path):
    if paged(path):
        yield ("skip", "tabbed", "paged text")
        yield ("skip", "markdown", "paged text")
        return
    tabbed = tab_rows(text)
    empty = blank_legal_persons(tabbed)
    if empty is not None:
        yield ("tabbed", "tabbed:法人 0s empty", empty, {})
    else:
        yield ("skip", "tabbed", "no row with 法人 0s")
    yield ("markdown", "markdown:tab rows", markdown(tabbed), {})


PIPE_FORMS = ("compact", "bare", "norule", "cells")


def pipe_form(tabbed, form):
    """Tab-separated rows as a converter or a page store gives them:
    `compact` (`|26|||26|` and a rule line), `bare` (`26 |  | 26`, no outer
    pipes, and a rule line), `norule` (`| 26 | | 26 |`, no rule line, no `#`
    headings) or `cells` (one cell a line ending ` |`, an empty cell and each
    row's start a lone `|`)."""
    out, in_table = [], False
    for line in tabbed.split("\n"):
        t = line.strip()
        if line.count("\t") >= 2 or (line.startswith("\t") and t):
            cells = [c.strip() for c in line.lstrip("\t").split("\t")]
            rule = None
            if form == "compact":
                out.append("|" + "|".join(cells) + "|")
                rule = "|" + "---|" * len(cells)
            elif form == "bare":
                out.append(" | ".join(cells))
                rule = "|".join(["---"] * len(cells))
            elif form == "norule":
                out.append("|" + "|".join(f" {c} " if c else " " for c in cells) + "|")
            else:
                out.append("|")
                out += [f"{c} |" if c else "|" for c in cells]
            if rule and not in_table:
                out.append(rule)
            in_table = True
            continue
        in_table = False
        if form in ("compact", "bare") and re.match(r"[一二三四五六]、", t) and not line.startswith("\t"):
            out.append("## " + t)
        else:
            out.append(line)
    return "\n".join(out)


def make_pipes(text, path):
    if paged(path):
        yield ("skip", "pipes", "paged text")
        yield ("skip", "pipes-empty", "paged text")
        return
    tabbed = tab_rows(text)
    empty = blank_legal_persons(tabbed)
    for form in PIPE_FORMS:
        yield ("pipes", f"pipes:{form}", pipe_form(tabbed, form), {})
        if empty is None:
            yield ("skip", "pipes-empty", "no row with 法人 0s")
        else:
            yield ("pipes-empty", f"pipes-empty:{form}", pipe_form(empty, form), {})


# Counts beside the total in 一（四） that are not the year's total.
NOT_TOTALS = [
    ("channel", "全年通过微信公众号发布信息52条。"),
    ("channel", "政务微博全年发布各类信息52条。"),
    ("channel", "在政务公开栏主动公开政府信息52条。"),
    ("channel", "召开新闻发布会3场，主动公开政府信息52条。"),
    ("channel", "通过区政府门户网站主动公开政府信息52条。"),
    ("subject", "全年主动公开财政预决算信息52条。"),
    ("subject", "围绕乡村振兴主动公开政府信息52条。"),
    ("month", "12月主动公开政府信息52条。"),
    ("part", "其中主动公开政府信息52条。"),
    ("hedged", "全年主动公开政府信息50余条。"),
]


def subsection_line_end(text, marker, start, end):
    """End of the line of subsection `marker` (一 for （一）) of part 一."""
    m = re.compile(r"(?m)^[ \t]*[（(]" + marker + r"[）)]").search(text, start, end)
    return text.find("\n", m.start()) if m else None


def make_totals(text):
    a = heading(text, r"一、")
    b = a is not None and heading(text, r"二、", a)
    one = b and subsection_line_end(text, "一", a, b)
    four = b and subsection_line_end(text, "四", a, b)
    if not one or not four or four < one:
        yield ("skip", "totals", "no （一） and （四） in part 一")
        yield ("skip", "channels", "no （一） and （四） in part 一")
        return

    def put(first, second):
        return text[:one] + "\n" + first + text[one:four] + "\n" + second + text[four:]

    yield ("totals", "totals:37/44", put("全年主动公开政府信息37条。", "全年共主动公开政府信息44条。"), {})
    for tag, said in NOT_TOTALS:
        yield ("channels", f"channels:{tag}", put("全年主动公开政府信息37条。", said), {})


def variants(path, text, rng):
    yield from make_cut(text, rng)
    yield from make_spaced(text, rng, path)
    yield from make_appended("unit", "（件）", text)
    yield from make_swap("altered", ALTERED, text)
    yield from make_runjoin(text, rng)
    yield from make_swap("oldformat", OLD_FORMAT, text)
    yield from make_district(text)
    yield from make_appended("note", "（历史累计）", text)
    yield from make_period(text)
    yield from make_basis(text)
    yield from make_headings(text)
    yield from make_forms(text, path)
    yield from make_pipes(text, path)
    yield from make_totals(text)


# --- running the auditor


def run_audit(binary, target):
    """Audit a file or a directory; returns (findings by file name, rc, stderr)."""
    p = subprocess.run(
        [binary, "audit", "-q", "--message-format", "json", str(target)],
        capture_output=True, text=True, timeout=600,
    )
    found = collections.defaultdict(list)
    for line in p.stdout.splitlines():
        try:
            d = json.loads(line)
        except ValueError:
            continue
        if "code" in d:
            found[Path(d.get("file", "")).name].append(d)
    return found, p.returncode, p.stderr


def crashed(rc, stderr):
    return rc == 101 or "panicked" in stderr


def key(f):
    # Line numbers move when text is cut or joined; code + message do not.
    return (f["code"], f["message"])


def detected(kind, info, new):
    if kind == "cut":
        return sum(f["code"] == "GR1008" for f in new) == 1
    if kind in ("spaced", "unit", "note"):
        return any(f["code"] == "GR1003" and info["want"] in (f.get("found") or "") for f in new)
    if kind == "altered":  # and about the label we swapped, not some other one
        return any(f["code"] in ATTRIBUTABLE[kind] and info["want"] in (f.get("found") or "")
                   for f in new)
    if kind == "oldname":
        return any(f["code"] == "GR1002" and "旧格式" in f["message"] for f in new)
    if kind == "repeated":
        return any(f["code"] == "GR1002" and "出现了两次" in f["message"] for f in new)
    if kind == "tabbed":  # one finding for the table, and nothing else new
        return len(new) == 1 and new[0]["code"] == "GR1006"
    if kind == "pipes-empty":  # as `tabbed`: one finding for the table, nothing else
        return len(new) == 1 and new[0]["code"] == "GR1006"
    if kind == "totals":  # a warning naming the total's two numbers
        return any(f["code"] == "GR0802" and "37" in f["message"] and "44" in f["message"]
                   for f in new)
    if kind in ("markdown", "pipes", "channels"):  # nothing new
        return not new
    return any(f["code"] in ATTRIBUTABLE[kind] for f in new)


class Tally:
    """Counts per kind, and the misses and false positives to list by name."""

    def __init__(self):
        self.stats = {k: collections.Counter() for k in KINDS}
        self.skipped = collections.Counter()
        self.by_tag = collections.defaultdict(collections.Counter)
        self.misses = []
        self.fps = collections.Counter()  # (kind, where, code, message) -> count
        self.fp_example = {}
        self.new_warns = collections.Counter()
        self.internal = []  # GR0000: the auditor caught its own failure

    def score(self, src, kind, tag, info, fs, base, base_err):
        # "New" = not in the baseline multiset: a finding the file had before
        # still counts as the baseline's, however often it occurs.
        left, new = base.copy(), []
        for f in fs:
            if left[key(f)] > 0:
                left[key(f)] -= 1
            else:
                new.append(f)
        errs = [f for f in fs if f["severity"] == "error"]
        new_errs = [f for f in new if f["severity"] == "error"]
        # Which new errors are the injected defect: for a cut, the one GR1008
        # saying where the text stops; otherwise the kind's codes.
        injected, fp_errs, gr1008_seen = 0, [], False
        for f in new_errs:
            if kind == "cut" and f["code"] == "GR1008" and not gr1008_seen:
                gr1008_seen = True
                injected += 1
            elif kind != "cut" and f["code"] in ATTRIBUTABLE[kind]:
                injected += 1
            else:
                fp_errs.append(f)

        s = self.stats[kind]
        s["run"] += 1
        s["errors"] += len(errs)
        s["kept"] += len(errs) - len(new_errs)
        s["lost"] += sum((base_err - collections.Counter(key(f) for f in errs)).values())
        s["new_errors"] += len(new_errs)
        s["attributable"] += injected
        s["fp"] += len(fp_errs)
        s["new_warnings"] += sum(f["severity"] != "error" for f in new)

        group = tag.split("#")[0]  # spaced:信息内容#3 -> spaced:信息内容
        self.by_tag[(kind, group)]["run"] += 1
        if detected(kind, info, new):
            s["detected"] += 1
            self.by_tag[(kind, group)]["detected"] += 1
        else:
            self.misses.append((src, tag, info.get("tail", ""),
                                [f"{f['code']} {f['message']}" for f in new]))
        for f in fp_errs:
            where = ""
            if kind == "cut":  # a label cut in half, or something the cut did earlier
                where = "at the cut line" if f["line"] >= info["last_line"] else "before the cut"
            k = (kind, where, f["code"], f["message"])
            self.fps[k] += 1
            self.fp_example.setdefault(k, f"{src} {tag}")
        self.internal += [f"{src} {tag}: {f['message']}" for f in fs if f["code"] == "GR0000"]
        for f in new:
            if f["severity"] != "error" and f["code"] not in ATTRIBUTABLE[kind]:
                self.new_warns[(kind, f["code"], f["message"])] += 1


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else None
    if binary is None:
        rel, dbg = ROOT / "target/release/govreport", ROOT / "target/debug/govreport"
        binary = str(rel if rel.exists() else dbg)
    if not Path(binary).exists():
        sys.exit(f"no govreport binary at {binary}")

    sources = sorted(SEEDS.glob("*.txt")) + sorted(PUBLISHED.glob("*.layout.txt"))
    pdfs = sorted(PUBLISHED.glob("*.pdf"))
    rng = random.Random(SEED)

    # Baseline: every reviewed file audited where it lies, one at a time.
    baseline, baseline_err, crashes, base_rows = {}, {}, [], []
    for src in sources + pdfs:
        found, rc, err = run_audit(binary, src)
        fs = found.get(src.name, [])
        baseline[src] = collections.Counter(key(f) for f in fs)
        baseline_err[src] = collections.Counter(key(f) for f in fs if f["severity"] == "error")
        if crashed(rc, err) or rc not in (0, 1):
            crashes.append(f"baseline {src.name}: rc={rc} {err.strip()[:200]}")
        errs = sorted(f["code"] for f in fs if f["severity"] == "error")
        warns = sorted(f["code"] for f in fs if f["severity"] != "error")
        base_rows.append((src.relative_to(ROOT), errs, warns))

    t = Tally()
    controls = []

    with tempfile.TemporaryDirectory(prefix="audit_quality.") as tmp:
        for n, src in enumerate(sources):
            text = src.read_text(encoding="utf-8")
            # One directory per source: a batch per report, and no other year
            # of the same agency beside it.
            d = Path(tmp) / f"{n:02d}"
            d.mkdir()
            stem = src.name[: -len(".txt")]
            jobs = {}
            # Control: the file unchanged under a new name must give the baseline.
            (d / f"{stem}~control.txt").write_text(text, encoding="utf-8")
            for i, v in enumerate(variants(src, text, rng)):
                if v[0] == "skip":
                    t.skipped[v[1]] += 1
                    continue
                kind, tag, body, info = v
                name = f"{stem}~{i:03d}-{kind}.txt"
                (d / name).write_text(body, encoding="utf-8")
                jobs[name] = (kind, tag, info)

            found, rc, err = run_audit(binary, d)
            if crashed(rc, err) or rc not in (0, 1):
                # Find which file did it, one by one.
                for name in sorted(os.listdir(d)):
                    f1, rc1, err1 = run_audit(binary, d / name)
                    found[name] = f1.get(name, [])
                    if crashed(rc1, err1) or rc1 not in (0, 1):
                        crashes.append(f"{name}: rc={rc1} {err1.strip()[:200]}")

            ctrl = collections.Counter(key(f) for f in found.get(f"{stem}~control.txt", []))
            if ctrl != baseline[src]:
                controls.append(f"{src.name}: control copy differs from baseline: "
                                f"+{dict(ctrl - baseline[src])} -{dict(baseline[src] - ctrl)}")

            for name, (kind, tag, info) in jobs.items():
                t.score(src.name, kind, tag, info, found.get(name, []),
                        baseline[src], baseline_err[src])

    md = report(binary, base_rows, t, crashes, controls, excerpts(binary))
    # The hand-kept comparison of earlier runs (from KEPT on) stays as it is.
    if OUT_MD.exists():
        old = OUT_MD.read_text(encoding="utf-8")
        if KEPT in old:
            md += "\n" + old[old.index(KEPT):]
    print(md)
    OUT_MD.write_text(md, encoding="utf-8")


def excerpts(binary):
    """Real pages cut off by the search store: the cut happens in the wild."""
    rows = []
    d = ROOT / "tests/fixtures/excerpts"
    if not d.is_dir():
        return rows
    found, rc, err = run_audit(binary, d)
    for p in sorted(d.glob("*.txt")):
        fs = found.get(p.name, [])
        stops = sum(f["code"] == "GR1008" and "中断" in f["message"] for f in fs)
        bad = [f["code"] for f in fs if f["code"] in ARITHMETIC | {"GR1001"}]
        ok = "yes" if stops == 1 and not bad and not crashed(rc, err) else \
            f"no ({stops} GR1008 on the cut; {' '.join(bad) or 'no'} GR1001/arithmetic)"
        rows.append((p.name, [f["code"] for f in fs], ok))
    return rows


def pct(a, b):
    return f"{100 * a / b:.1f}%" if b else "–"


def report(binary, base_rows, t, crashes, controls, excerpt_rows):
    stats, skipped, misses, fps = t.stats, t.skipped, t.misses, t.fps
    fp_example, new_warns, by_tag = t.fp_example, t.new_warns, t.by_tag
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    b = Path(binary)
    build = "debug" if "debug" in b.parts else "release" if "release" in b.parts else "given"
    mtime = datetime.datetime.fromtimestamp(b.stat().st_mtime, datetime.timezone.utc)
    shown = b.relative_to(ROOT) if b.is_absolute() and ROOT in b.parents else b
    out = [
        "# Audit quality: precision of errors, recall of injected defects",
        "",
        f"- date: {datetime.date.today().isoformat()}",
        f"- binary: `{shown}` ({build} build, built {mtime:%Y-%m-%d %H:%M} UTC) "
        f"at commit `{commit}`",
        "- rerun: `python3 benches/audit_quality.py [path-to-govreport]` "
        "(default `target/release/govreport`, falling back to `target/debug/govreport`)",
        f"- variants: deterministic, `random.Random({SEED})`; findings compared by "
        "(code, message) against each file's reviewed baseline",
        "",
        "## Results",
        "",
        "| kind | what is injected | run | skipped | detected | recall | new errors | "
        "attributable | false-positive errors | new warnings | baseline errors lost | precision of errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    tot = collections.Counter()
    for kind, what in KINDS.items():
        s = stats[kind]
        tot.update(s)
        out.append(
            f"| {kind} | {what} | {s['run']} | {skipped[kind]} | {s['detected']} | "
            f"{pct(s['detected'], s['run'])} | {s['new_errors']} | {s['attributable']} | "
            f"{s['fp']} | {s['new_warnings']} | {s['lost']} | "
            f"{pct(s['kept'] + s['attributable'], s['errors'])} |")
    out.append(
        f"| **total** | | {tot['run']} | {sum(skipped.values())} | {tot['detected']} | "
        f"{pct(tot['detected'], tot['run'])} | {tot['new_errors']} | {tot['attributable']} | "
        f"{tot['fp']} | {tot['new_warnings']} | {tot['lost']} | "
        f"{pct(tot['kept'] + tot['attributable'], tot['errors'])} |")
    out += [
        "",
        f"Crashes (exit 101 or \"panicked\"): **{len(crashes)}**"
        + "".join(f"\n- {c}" for c in crashes)
        + f"; internal errors (GR0000): **{len(t.internal)}**"
        + "".join(f"\n- {c}" for c in t.internal),
        "",
        "Precision of errors = (baseline errors still reported + attributable new errors) / "
        "all errors, over all variants. \"Baseline errors lost\": reviewed errors no longer "
        "reported in a variant (expected for cuts: the text they were in is gone).",
        "",
        "Seed 004 is itself cut off at its last line (its baseline GR1008); its cut variants "
        "replace that finding with a new one, so they count like the others.",
        "",
        "Control (each source copied unchanged under a new name gives its baseline): "
        + ("all match" if not controls else "; ".join(controls)),
        "",
        "## Baseline (reviewed findings, taken as true)",
        "",
        "| file | errors | warnings |",
        "|---|---|---|",
    ]
    for p, e, w in base_rows:
        out.append(f"| `{p}` | {' '.join(e) or '–'} | {' '.join(w) or '–'} |")
    out += ["", "## Detection by injected label", "",
            "| kind | variant | run | detected |", "|---|---|---:|---:|"]
    for (kind, group), c in sorted(by_tag.items()):
        if kind != "cut":
            out.append(f"| {kind} | {group.split(':', 1)[1]} | {c['run']} | {c['detected']} |")
    out += ["", "## Real web excerpts (tests/fixtures/excerpts): incomplete by nature", "",
            "Expected: exactly one GR1008 saying where the text stops; no GR1001 and no "
            "arithmetic error (GR0301/GR0302/GR0303/GR0401).", "",
            "| file | codes | as expected |", "|---|---|---|"]
    for name, codes, ok in excerpt_rows:
        out.append(f"| `{name}` | {' '.join(codes) or '–'} | {ok} |")
    out += ["", "## False-positive errors (new errors that are not the injected defect)", ""]
    if not fps:
        out.append("None.")
    for k, c in sorted(fps.items()):
        kind, where, code, msg = k
        where = f" ({where})" if where else ""
        out.append(f"- {kind}{where} ×{c} `{code}` {msg} (e.g. {fp_example[k]})")
    out += ["", "## Missed defects", ""]
    if not misses:
        out.append("None.")
    for name, tag, tail, new in misses:
        where = f" text ends “…{tail}”" if tail else ""
        out.append(f"- `{name}` {tag}{where}: new findings: "
                   + ("; ".join(new) if new else "none"))
    out += ["", "## New warnings (not counted in precision; for review)", ""]
    if not new_warns:
        out.append("None.")
    for (kind, code, msg), c in sorted(new_warns.items()):
        out.append(f"- {kind} ×{c} `{code}` {msg}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
