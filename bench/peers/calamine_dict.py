"""Peer: python-calamine, summing in a dict as it reads (memory stays flat).

usage: calamine_dict.py SUBMISSIONS_DIR TEMPLATE_DIR OUT.xlsx
"""

from python_calamine import CalamineWorkbook

from common import args, report, table_pairs, workbooks, write_totals


def main():
    folder, template, out = args()
    files = workbooks(folder)
    totals = {}
    units = 0
    for path in files:
        wb = CalamineWorkbook.from_path(path)
        for name in wb.sheet_names:
            # Cells keep their own type: float, int, str, bool, date.
            pairs = table_pairs(template, wb.get_sheet_by_name(name).to_python())
            if pairs is None:
                continue
            for code, v in pairs:
                totals[code] = totals.get(code, 0.0) + v
            units += 1
            break
    write_totals(out, template, totals, units)
    report(totals, units, len(files))


if __name__ == "__main__":
    main()
