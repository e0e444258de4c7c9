"""Peer: fastexcel (calamine inside) with polars, one frame per workbook,
concatenated and grouped at the end (memory grows with N).

fastexcel gives a column one type. The header is found on the first 30
rows read as text; the table under it is then read with inferred types, so
a TH column of real numbers comes as Float64 and one of Vietnamese text
numbers ('2.794') as String, read per cell the Vietnamese way rather than
cast (a cast would make '2.794' 2.794).

usage: fastexcel_polars.py SUBMISSIONS_DIR TEMPLATE_DIR OUT.xlsx
"""

import fastexcel
import polars as pl

from common import args, number, report, workbooks, write_totals


def main():
    folder, template, out = args()
    files = workbooks(folder)
    frames = []
    for path in files:
        reader = fastexcel.read_excel(path)
        for name in reader.sheet_names:
            top = reader.load_sheet(name, header_row=None, skip_rows=0, n_rows=30, dtypes="string")
            h = template.find_header(top.to_polars().rows())
            if h is None:
                continue
            last, code_col, name_col, th_col = h
            wanted = [c for c in (code_col, name_col, th_col) if c is not None]
            df = reader.load_sheet(
                name, header_row=None, skip_rows=last + 1, use_columns=wanted
            ).to_polars()
            cols = dict(zip(wanted, df.columns))
            th = df.get_column(cols[th_col])
            if th.dtype == pl.String:
                th = pl.Series([number(v) for v in th], dtype=pl.Float64)
            else:
                th = th.cast(pl.Float64)
            codes = df.get_column(cols[code_col]).to_list() if code_col is not None else [None] * df.height
            names = df.get_column(cols[name_col]).to_list() if name_col is not None else [None] * df.height
            code = pl.Series([template.code_of(c, n) for c, n in zip(codes, names)], dtype=pl.String)
            frames.append(pl.DataFrame({"code": code, "th": th}).drop_nulls())
            break
    tidy = pl.concat(frames) if frames else pl.DataFrame({"code": [], "th": []})
    totals = dict(tidy.group_by("code").agg(pl.col("th").sum()).iter_rows())
    write_totals(out, template, totals, len(frames))
    report(totals, len(frames), len(files))


if __name__ == "__main__":
    main()
