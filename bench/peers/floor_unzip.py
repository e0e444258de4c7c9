"""The decompression floor: inflate every worksheet XML part of every
workbook, single-threaded, and do nothing with it. No reader can read a
sheet in less time than it takes to inflate it.

usage: floor_unzip.py SUBMISSIONS_DIR
"""

import sys
import zipfile

from common import workbooks


def main():
    total = 0
    files = workbooks(sys.argv[1])
    for path in files:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    total += len(z.read(info))
    print(f"{len(files)} workbooks, {total} bytes of sheet XML", file=sys.stderr)


if __name__ == "__main__":
    main()
