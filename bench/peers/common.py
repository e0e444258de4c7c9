"""Shared by the peer scripts: what every peer does the same way, so that
the peers differ only in how they read a workbook.

The job (the one `tonghop consolidate` does, without its checks): for each
ward workbook, find the indicator table (a header within the first 30 rows
naming the code or name column and the TH column, in one row or two), then
for each row under it take the indicator code (or, without a code column,
the catalog code of its name) and its TH figure, and add the figure to the
indicator's total. Numbers are decided per cell: a real number is taken as
it is, text is read the Vietnamese way ('2.794' is 2794, '187,4' is 187.4).
The totals are written with xlsxwriter to one workbook.
"""

import csv
import os
import re
import sys
import tomllib
import unicodedata

HEADER_SEARCH_ROWS = 30

_VI_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_VI_PLAIN = re.compile(r"^[+-]?\d+(,\d+)?$")
_EN_PLAIN = re.compile(r"^[+-]?\d*\.\d+$")


def fold(s):
    """Accents, case and punctuation removed; '%' a word of its own."""
    s = unicodedata.normalize("NFKD", str(s)).lower()
    out = []
    for ch in s:
        if unicodedata.combining(ch):
            continue
        if ch in "đð":
            out.append("d")
        elif ch == "%":
            out.append(" % ")
        elif ch.isalnum():
            out.append(ch)
        else:
            out.append(" ")
    return " ".join(
        (t.lstrip("0") or "0") if t.isdigit() else t for t in "".join(out).split()
    )


def number(v):
    """A figure from a cell: real numbers as they are, text the Vietnamese
    way; None for blanks and for text that is not a number."""
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return None if v != v else float(v)
    t = str(v).strip().replace("\u00a0", "").replace(" ", "")
    if not t or t == "-":
        return None
    if _VI_GROUPED.match(t):
        return float(t.replace(".", "").replace(",", "."))
    if _VI_PLAIN.match(t):
        return float(t.replace(",", "."))
    if _EN_PLAIN.match(t):
        return float(t)
    return None


class Template:
    """Header words from template.toml and the catalog from
    indicators.csv."""

    def __init__(self, folder):
        with open(os.path.join(folder, "template.toml"), "rb") as f:
            settings = tomllib.load(f)
        words = []
        for key, role in [("%KH", "pkh"), ("%CK", "pck"), ("LK", "lk"), ("CK", "ck"),
                          ("KH", "kh"), ("TH", "th"), ("code", "code"), ("name", "name"),
                          ("unit", "unit"), ("note", "note"), ("stt", "stt")]:
            for w in settings.get("columns", {}).get(key, []):
                fw = fold(w)
                if fw:
                    words.append((fw, role))
        # Longest word first: the first hit is the longest.
        self.words = sorted(words, key=lambda x: -len(x[0]))
        self.codes = {}
        self.names = {}
        self.order = []
        with open(os.path.join(folder, "indicators.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                code = row["code"]
                self.order.append(code)
                self.names[code] = row["name"]
                self.codes[fold(code).replace(" ", "")] = code
        self.abbreviations = {
            fold(k): fold(v) for k, v in settings.get("abbreviations", {}).items()
        }
        self.by_name = {}
        self.memo = {}
        with open(os.path.join(folder, "indicators.csv"), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for n in [row["name"]] + [a for a in row.get("aliases", "").split("|") if a]:
                    self.by_name.setdefault(self.name_key(n), row["code"])

    def classify(self, label):
        f = fold(label) if label is not None else ""
        if not f:
            return None
        for w, role in self.words:
            if f == w or f.startswith(w + " "):
                return role
        return None

    def find_header(self, rows):
        """(last header row, code column, name column, TH column) of the
        first header within the first rows, or None. `rows` is a list of
        rows, each a list of cell values."""
        n = min(len(rows), HEADER_SEARCH_ROWS)
        for r in range(n):
            for span in (1, 2):
                if r + span > len(rows):
                    continue
                roles = {}
                width = max(len(rows[r + k]) for k in range(span))
                for c in range(width):
                    for k in reversed(range(span)):
                        row = rows[r + k]
                        v = row[c] if c < len(row) else None
                        role = self.classify(v) if isinstance(v, str) else None
                        if role:
                            roles.setdefault(role, c)
                            break
                key = roles.get("code"), roles.get("name")
                if (key[0] is not None or key[1] is not None) and "th" in roles:
                    return r + span - 1, key[0], key[1], roles["th"]
        return None

    def code_of(self, code_cell, name_cell):
        """The catalog code of a row, by its code cell or else its name
        (memoised: the same texts come back in every workbook)."""
        code_cell = code_cell if isinstance(code_cell, str) else None
        name_cell = name_cell if isinstance(name_cell, str) else None
        hit = self.memo.get((code_cell, name_cell), False)
        if hit is not False:
            return hit
        code = self._code_of(code_cell, name_cell)
        if len(self.memo) < 1_000_000:
            self.memo[(code_cell, name_cell)] = code
        return code

    def _code_of(self, code_cell, name_cell):
        if isinstance(code_cell, str):
            c = self.codes.get(fold(code_cell).replace(" ", ""))
            if c:
                return c
        if isinstance(name_cell, str):
            return self.by_name.get(self.name_key(name_cell))
        return None

    def name_key(self, s):
        """A folded name without numbering, dashes or 'Trong đó:', with
        the template's abbreviations spelled out."""
        k = fold(s)
        for p in ("trong do ", "trong so "):
            if k.startswith(p):
                k = k[len(p):]
        head, _, rest = k.partition(" ")
        if rest and (head.isdigit() or len(head) == 1 or set(head) <= set("ivx")):
            k = rest
        return " ".join(self.abbreviations.get(w, w) for w in k.split())


def table_pairs(template, rows):
    """(code, TH figure) of every indicator row of one sheet's rows (a list
    of lists); None when the sheet has no indicator table."""
    h = template.find_header(rows)
    if h is None:
        return None
    last, code_col, name_col, th_col = h
    out = []
    for row in rows[last + 1:]:
        n = len(row)
        v = number(row[th_col]) if th_col < n else None
        if v is None:
            continue
        code = template.code_of(
            row[code_col] if code_col is not None and code_col < n else None,
            row[name_col] if name_col is not None and name_col < n else None,
        )
        if code is not None:
            out.append((code, v))
    return out


def workbooks(folder):
    """The .xlsx files under a folder, sorted."""
    out = []
    for root, _, files in os.walk(folder):
        for f in files:
            if f.lower().endswith(".xlsx") and not f.startswith("~$"):
                out.append(os.path.join(root, f))
    return sorted(out)


def write_totals(path, template, totals, units):
    """The consolidated workbook: one row per indicator with its TH
    total."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("Tổng hợp")
    bold = wb.add_format({"bold": True})
    ws.write_row(0, 0, ["Mã số", "Chỉ tiêu", "TH", "Đơn vị nộp"], bold)
    r = 1
    for code in template.order:
        if code in totals:
            ws.write_row(r, 0, [code, template.names[code], totals[code], units])
            r += 1
    wb.close()


def args():
    """DIR TEMPLATE OUT.xlsx from the command line."""
    if len(sys.argv) != 4:
        sys.exit(f"usage: {sys.argv[0]} SUBMISSIONS_DIR TEMPLATE_DIR OUT.xlsx")
    return sys.argv[1], Template(sys.argv[2]), sys.argv[3]


def report(totals, units, files):
    print(f"{units}/{files} workbooks, {len(totals)} indicators, "
          f"TH sum {sum(totals.values()):.6g}", file=sys.stderr)
