#!/usr/bin/env bash
# Whole-program comparison on the same files, in one session (see
# BENCHMARKS.md): ripgrep counting code-shaped strings (the scanning floor),
# the shared hand-written Python regex script, and `vanban extract` on one
# thread and on all cores. Needs hyperfine and ripgrep (Debian: apt-get
# install hyperfine ripgrep) and a release build.
#
#   benches/compare.sh [DIR]   # DIR: a folder of .txt files
#
# Without DIR the shared bulk corpus is split into one file per record
# under target/bench-bulk (once).
set -euo pipefail
cd "$(dirname "$0")/.."
bulk=../shared/corpus/bulk/vn_legal_bulk.jsonl
dir=${1:-target/bench-bulk}
if [ -z "${1:-}" ] && [ ! -d "$dir" ]; then
  mkdir -p "$dir"
  python3 - "$bulk" "$dir" <<'PY'
import json, sys
for i, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    rec = json.loads(line)
    with open("%s/%05d.txt" % (sys.argv[2], i), "w", encoding="utf-8") as f:
        f.write(rec["text"])
PY
fi
cargo build --release --quiet
files=("$dir"/*.txt)
echo "${#files[@]} files, $(cat "${files[@]}" | wc -c) bytes"
# the baseline script's two code patterns, as one ripgrep pattern
pat='[0-9]{1,5}\s*[-‐–—]\s*[A-ZĐÐ][A-Za-zĐđƯưÐ]{0,6}\s*/\s*[A-ZĐÐƯ]|[0-9]{1,6}\s*/\s*(?:(?:19|20)[0-9]{2}\s*/\s*)?[A-ZĐÐ][A-Za-zĐđƯưÐ0-9]{0,10}'
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown target/compare.md \
  -n "rg -j1 -c" "rg -j1 -c '$pat' $dir > /dev/null" \
  -n "vanban extract --jobs 1" "target/release/vanban extract --jobs 1 --quiet $dir > /dev/null" \
  -n "vanban extract (all cores)" "target/release/vanban extract --quiet $dir > /dev/null" \
  -n "vanban graph (all cores)" "target/release/vanban graph --quiet $dir > /dev/null" \
  -n "python baseline_extract.py" "python3 ../shared/tools/baseline_extract.py ${files[*]} > /dev/null"
cat target/compare.md
