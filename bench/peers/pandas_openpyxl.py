"""Peer: pandas with openpyxl, one frame per workbook, concatenated and
grouped at the end (as a pandas user writes it; memory grows with N).

usage: pandas_openpyxl.py SUBMISSIONS_DIR TEMPLATE_DIR OUT.xlsx
"""

import pandas as pd

from common import args, report, table_pairs, workbooks, write_totals


def main():
    folder, template, out = args()
    files = workbooks(folder)
    frames = []
    for path in files:
        book = pd.ExcelFile(path, engine="openpyxl")
        for name in book.sheet_names:
            # header=None: every cell as read, in object columns where a
            # column mixes text and numbers (so each cell keeps its type).
            df = pd.read_excel(book, sheet_name=name, header=None)
            rows = df.astype(object).where(df.notna(), None).values.tolist()
            pairs = table_pairs(template, rows)
            if pairs is None:
                continue
            frames.append(pd.DataFrame(pairs, columns=["code", "th"]))
            break
        book.close()
    tidy = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["code", "th"])
    totals = tidy.groupby("code")["th"].sum().to_dict()
    write_totals(out, template, totals, len(frames))
    report(totals, len(frames), len(files))


if __name__ == "__main__":
    main()
