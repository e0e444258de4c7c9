"""Compares tonghop's TH totals with a peer's: the same job, the same sums.

usage: compare_totals.py TEMPLATE_DIR TONG_HOP.xlsx PEER.xlsx [PEER.xlsx ...]

Reads the summary sheet of tonghop's `tong-hop.xlsx` (code in column A, TH
in column E) and each peer's workbook (code, name, TH), and compares the TH
of every indicator of the template's catalog:

- a count (flow or stock indicator): the totals must be equal (to 1e-9
  relative; the peers add floats in file order, tonghop in its own);
- a rate: the peers add the units' percents up (they check nothing),
  tonghop recomputes it from the summed numerator and denominator, so
  tonghop's rate is compared with the formula applied to the peer's own
  totals of the operands (to 0.005, the half-hundredth it is written with).

An indicator that one side has and the other lacks is a mismatch. Prints
one line per peer and exits 1 on any mismatch. Needs python-calamine (the
benchmark's virtualenv has it).
"""

import csv
import os
import re
import sys

from python_calamine import CalamineWorkbook

RATE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*/\s*([A-Za-z_][\w.]*)\s*\*\s*100\s*$")


def sheet_rows(path, prefer):
    wb = CalamineWorkbook.from_path(path)
    name = next((n for n in wb.sheet_names if n in prefer), wb.sheet_names[0])
    return wb.get_sheet_by_name(name).to_python()


def tonghop_totals(path, codes):
    """code -> TH of the summary sheet (blank TH: None)."""
    out = {}
    for row in sheet_rows(path, ("Tổng hợp", "Summary")):
        if len(row) < 5 or not isinstance(row[0], str) or row[0] not in codes:
            continue
        v = row[4]
        out[row[0]] = float(v) if isinstance(v, (int, float)) and v != "" else None
    return out


def peer_totals(path, codes):
    out = {}
    for row in sheet_rows(path, ("Tổng hợp",))[1:]:
        if len(row) >= 3 and row[0] in codes and isinstance(row[2], (int, float)):
            out[row[0]] = float(row[2])
    return out


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip().splitlines()[2])
    template, ours, peers = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(os.path.join(template, "indicators.csv"), encoding="utf-8") as f:
        catalog = list(csv.DictReader(f))
    codes = {r["code"] for r in catalog}
    t = tonghop_totals(ours, codes)
    bad = 0
    for peer in peers:
        p = peer_totals(peer, codes)
        counts = rates = 0
        wrong = []
        for r in catalog:
            code = r["code"]
            a, b = t.get(code), p.get(code)
            if r["kind"] == "rate":
                m = RATE.match(r["formula"] or "")
                num, den = (p.get(m.group(1)), p.get(m.group(2))) if m else (None, None)
                want = num / den * 100 if num is not None and den else None
                if (a is None) != (want is None) or (a is not None and abs(a - want) > 0.005):
                    wrong.append((code, a, want))
                elif a is not None:
                    rates += 1
                continue
            if (a is None) != (b is None) or (
                a is not None and abs(a - b) > 1e-9 * max(1.0, abs(a), abs(b))
            ):
                wrong.append((code, a, b))
            elif a is not None:
                counts += 1
        name = os.path.basename(peer)
        if wrong:
            bad += 1
            print(f"{name}: {len(wrong)} mismatches of {len(catalog)} indicators; first: "
                  + ", ".join(f"{c} tonghop {x} peer {y}" for c, x, y in wrong[:5]))
        else:
            print(f"{name}: agrees with tonghop on {counts} totals and {rates} rates "
                  f"({len(catalog)} indicators in the catalog)")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
