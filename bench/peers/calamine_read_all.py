"""Peer: python-calamine reading every cell of every sheet of every
workbook (`to_python()`) and summing the numbers: the bare read, with no
header search, no matching and no checks. The yardstick of the fourth
round's targets.

usage: calamine_read_all.py SUBMISSIONS_DIR
"""

import sys

from python_calamine import CalamineWorkbook

from common import workbooks


def main():
    files = workbooks(sys.argv[1])
    total = 0.0
    cells = 0
    for path in files:
        wb = CalamineWorkbook.from_path(path)
        for name in wb.sheet_names:
            for row in wb.get_sheet_by_name(name).to_python():
                for v in row:
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        total += v
                        cells += 1
    print(f"{len(files)} workbooks, {cells} numbers, sum {total:.6g}")


if __name__ == "__main__":
    main()
