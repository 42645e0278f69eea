"""Fills a govreport workbook the way a person does: find each label, type
into the cell beside it (基本信息, 正文) or at its row and column (tables).

usage: fill.py WORKBOOK SPEC.json   (the workbook is saved in place)

SPEC is a list of entries:
  {"sheet": S, "row": LABEL, "value": V}                  -- beside the label
  {"sheet": S, "row": LABEL, "column": LABEL, "value": V} -- row x column
  {"sheet": S, "group": LABEL, "column": LABEL, "value": V}
      -- 表四: the column under a group heading, in the row below the heads
  {"sheet": S, "row": LABEL, "clear": true}                -- empty the cell beside
Values: numbers, text (one line break between paragraphs, as Alt+Enter
types it), or {"date": "YYYY-MM-DD"} for a date typed into a cell.
"""
import datetime
import json
import sys

import openpyxl


def text(cell):
    v = cell.value
    return "".join(str(v).split()) if isinstance(v, str) else ""


def find(ws, label, rows=None, cols=None):
    want = "".join(label.split())
    for row in ws.iter_rows():
        for c in row:
            if rows and c.row not in rows:
                continue
            if cols and c.column not in cols:
                continue
            if text(c) == want:
                return c
    raise SystemExit(f"label not found in {ws.title}: {label}")


def merged_bounds(ws, cell):
    for m in ws.merged_cells.ranges:
        if cell.coordinate in m:
            return m.min_row, m.min_col, m.max_row, m.max_col
    return cell.row, cell.column, cell.row, cell.column


def value_of(v):
    if isinstance(v, dict) and "date" in v:
        return datetime.date.fromisoformat(v["date"])
    return v


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    spec = json.load(open(sys.argv[2], encoding="utf-8"))
    for e in spec:
        ws = wb[e["sheet"]]
        if "group" in e:
            g = find(ws, e["group"])
            _, c1, gbottom, c2 = merged_bounds(ws, g)
            below = range(gbottom + 1, gbottom + 3)
            try:
                col = find(ws, e["column"], rows=below, cols=range(c1, c2 + 1))
            except SystemExit:
                col = find(ws, e["column"], rows=range(g.row, g.row + 3), cols=range(c1, c2 + 1))
            bottom = merged_bounds(ws, col)[2]
            target = ws.cell(row=bottom + 1, column=col.column)
        elif "column" in e:
            r = find(ws, e["row"])
            # The nearest column label above the row label: the heads of its table block.
            col = None
            for above in range(r.row - 1, 0, -1):
                try:
                    col = find(ws, e["column"], rows=[above])
                    break
                except SystemExit:
                    continue
            if col is None:
                raise SystemExit(f"column not found above {e['row']}: {e['column']}")
            target = ws.cell(row=r.row, column=col.column)
        else:
            r = find(ws, e["row"], cols=[1])
            _, _, _, right = merged_bounds(ws, r)
            target = ws.cell(row=r.row, column=right + 1)
        target.value = None if e.get("clear") else value_of(e["value"])
        if isinstance(target.value, datetime.date):
            target.number_format = "yyyy-mm-dd"
    wb.save(sys.argv[1])


main()
