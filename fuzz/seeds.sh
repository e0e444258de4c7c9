#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets, fuzz/corpus/<target>/ (not
# committed): small valid files of each format, so that the fuzzer starts
# from real submissions and real odd files rather than from nothing.
#
#   fuzz/seeds.sh [REAL_WORLD_CORPUS]
#
# Sources, each used when present:
#   samples/2020-Q1/*.xlsx        the shipped sample submissions (xlsx)
#   tests/fixtures/               the xls, ods, HTML-as-xls, CSV-as-xls fixtures
#   soffice (LibreOffice)         four samples converted to xls, ods, csv, html
#   node + SheetJS (npm `xlsx`)   three samples converted to xlsb
#   ../shared/corpus/real-world   files of 100 KB or less, sorted into the
#                                 target of their content (not their name):
#                                 zip → xlsx/ods/xlsb by extension, OLE and
#                                 other binaries → xls, HTML and XML → html,
#                                 CSV, TSV, UTF-16 text and SYLK → csv
#
# Idempotent: a target's folder is replaced, and libFuzzer's own additions
# are lost; keep them with `cargo fuzz cmin` before re-seeding if wanted.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
real=${1:-$root/../shared/corpus/real-world}
corpus=$root/fuzz/corpus
targets=(xlsx xls ods xlsb csv html)
max_bytes=$((100 * 1024))

for t in "${targets[@]}"; do
	rm -rf "${corpus:?}/$t"
	mkdir -p "$corpus/$t"
done

# A seed's name: its path with / turned into _, so sources never collide.
put() { # target file [name]
	local name=${3:-$(basename "$2")}
	cp "$2" "$corpus/$1/${name//\//_}"
	chmod u+w "$corpus/$1/${name//\//_}"
}

# The shipped samples: every layout the generator writes.
for f in "$root"/samples/2020-Q1/*.xlsx; do
	[ -s "$f" ] && put xlsx "$f" "sample-$(basename "$f")"
done

# The committed fixtures (see tests/fixtures/README.md).
fx=$root/tests/fixtures
[ -f "$fx/legacy-fonts.xlsx" ] && put xlsx "$fx/legacy-fonts.xlsx" fixture-legacy-fonts.xlsx
[ -f "$fx/phuong-01.xls" ] && put xls "$fx/phuong-01.xls" fixture-phuong-01.xls
[ -f "$fx/phuong-02.ods" ] && put ods "$fx/phuong-02.ods" fixture-phuong-02.ods
[ -f "$fx/phuong-03-html.xls" ] && put html "$fx/phuong-03-html.xls" fixture-phuong-03.html
[ -f "$fx/phuong-01-csv.xls" ] && put csv "$fx/phuong-01-csv.xls" fixture-phuong-01.csv

# Four samples of different layouts converted by LibreOffice. csv holds
# the first sheet only, which is where the samples keep their table.
if command -v soffice >/dev/null; then
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	picks=(phuong-01.xlsx "BC phuong 15.xlsx" "Phuong 4 - bieu so lieu.xlsx" phong-y-te.xlsx)
	for p in "${picks[@]}"; do
		[ -f "$root/samples/2020-Q1/$p" ] && cp "$root/samples/2020-Q1/$p" "$work/"
	done
	for fmt in xls ods csv html; do
		mkdir -p "$work/$fmt"
		soffice -env:UserInstallation="file://$work/profile" --headless \
			--convert-to "$fmt" --outdir "$work/$fmt" "$work"/*.xlsx >/dev/null 2>&1 || true
		for f in "$work/$fmt"/*; do
			[ -s "$f" ] && [ "$(stat -c %s "$f")" -le "$max_bytes" ] &&
				put "$fmt" "$f" "soffice-$(basename "$f" | tr ' ' '-')"
		done
	done
	# LibreOffice's HTML wraps every cell in <font> and attributes (250 KB
	# for a ward's form): a slim copy keeps the table, as web systems
	# export it.
	for f in "$work"/html/*.html; do
		[ -s "$f" ] && sed -E 's/<\/?font[^>]*>//g; s/ (align|valign|height|sdval|sdnum|style)=("[^"]*"|[^ >]*)//g; s/^\s+//' \
			"$f" >"$corpus/html/slim-$(basename "$f" | tr ' ' '-')"
	done
	# A semicolon-separated copy, as a Vietnamese-locale Excel saves CSV.
	for f in "$work"/csv/*.csv; do
		[ -s "$f" ] && tr ',' ';' <"$f" >"$corpus/csv/semicolon-$(basename "$f" | tr ' ' '-')"
	done
else
	echo "soffice not found: no converted seeds (apt-get install libreoffice-calc)" >&2
fi

# LibreOffice writes no .xlsb; SheetJS does, when node finds its package
# (`npm install --prefix DIR xlsx`, then NODE_PATH=DIR/node_modules).
if command -v node >/dev/null && node -e 'require("xlsx")' 2>/dev/null; then
	for p in phuong-01.xlsx "BC phuong 15.xlsx" phong-y-te.xlsx; do
		f=$root/samples/2020-Q1/$p
		[ -f "$f" ] && node -e '
			const X = require("xlsx");
			X.writeFile(X.readFile(process.argv[1]), process.argv[2], { bookType: "xlsb" });
		' "$f" "$corpus/xlsb/sheetjs-$(basename "$f" .xlsx | tr ' ' '-').xlsb"
	done
else
	echo "node with the xlsx package (SheetJS) not found: no converted .xlsb seeds" >&2
fi

# The real-world corpus, by content.
if [ -d "$real" ]; then
	while IFS= read -r -d '' f; do
		rel=${f#"$real"/}
		size=$(stat -c %s "$f")
		[ "$size" -gt 0 ] && [ "$size" -le "$max_bytes" ] || continue
		ext=$(echo "${f##*.}" | tr '[:upper:]' '[:lower:]')
		magic=$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')
		case $magic in
		504b0304* | 504b0506*)
			case $ext in
			xlsb) put xlsb "$f" "$rel" ;;
			ods) put ods "$f" "$rel" ;;
			*) put xlsx "$f" "$rel" ;;
			esac
			;;
		d0cf11e0a1b11ae1 | 0900* | 0902* | 0904* | 00000200*) put xls "$f" "$rel" ;;
		*)
			case $ext in
			md) ;;
			fods) put ods "$f" "$rel" ;;
			*)
				head=$(head -c 2048 "$f" | tr -d '\0' | tr '[:upper:]' '[:lower:]')
				case $head in
				*"<table"* | *"<html"* | *"<?xml"* | *"<workbook"*) put html "$f" "$rel" ;;
				*) put csv "$f" "$rel" ;;
				esac
				;;
			esac
			;;
		esac
	done < <(find "$real" -type f ! -name 'MANIFEST.tsv' ! -name 'OBSERVED.tsv' -print0 | sort -z)
else
	echo "$real not found: seeds from the samples and fixtures only" >&2
fi

for t in "${targets[@]}"; do
	n=$(find "$corpus/$t" -type f | wc -l)
	kb=$(du -sk "$corpus/$t" | cut -f1)
	printf '%-5s %3d seeds, %5d KB\n' "$t" "$n" "$kb"
done
