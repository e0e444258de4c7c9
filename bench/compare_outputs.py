"""Compares two output folders of `tonghop consolidate`: the error lists
byte for byte, and every cell of every workbook (tong-hop.xlsx and each
feedback workbook) read back with python-calamine. A workbook's bytes may
differ (zip timestamps, document properties); its cells may not.

usage: compare_outputs.py OLD_OUT NEW_OUT
Exit 0 when they agree, 1 (with the first differences) when they do not.
"""

import os
import sys

from python_calamine import CalamineWorkbook


def files(root):
    out = set()
    for d, _, names in os.walk(root):
        for n in names:
            out.add(os.path.relpath(os.path.join(d, n), root))
    return out


def cells(path):
    wb = CalamineWorkbook.from_path(path)
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def main():
    old, new = sys.argv[1], sys.argv[2]
    problems = []
    a, b = files(old), files(new)
    for f in sorted(a ^ b):
        problems.append(f"only in {'old' if f in a else 'new'}: {f}")
    compared = 0
    for f in sorted(a & b):
        p, q = os.path.join(old, f), os.path.join(new, f)
        if f.endswith(".xlsx"):
            x, y = cells(p), cells(q)
            if list(x) != list(y):
                problems.append(f"{f}: sheets {list(x)} against {list(y)}")
            for s in x:
                if s in y and x[s] != y[s]:
                    rows = [i for i, (r, t) in enumerate(zip(x[s], y[s])) if r != t]
                    problems.append(f"{f} / {s}: rows differ from {rows[:5]} "
                                    f"({len(x[s])} against {len(y[s])} rows)")
        else:
            with open(p, "rb") as h1, open(q, "rb") as h2:
                if h1.read() != h2.read():
                    problems.append(f"{f}: bytes differ")
        compared += 1
    for p in problems[:20]:
        print(p)
    print(f"{compared} files compared, {len(problems)} differences")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
