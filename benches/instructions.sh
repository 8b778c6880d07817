#!/usr/bin/env bash
# Instruction counts (valgrind's callgrind) of the same programs on the same
# files: repeatable whatever else the machine is doing, unlike wall or CPU
# time on a shared VM (see BENCHMARKS.md). Needs valgrind and ripgrep and a
# release build.
#
#   benches/instructions.sh [FILE...]   # default: 30 files of target/bench-bulk
#
# Each program runs once over the files; vanban runs a second time over the
# files twice, so that (second - first) is its steady-state cost without
# start-up (compiling its patterns, warming the regex caches).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then
  files=("$@")
else
  [ -d target/bench-bulk ] || { echo "run benches/compare.sh once first (it splits the bulk corpus)"; exit 1; }
  mapfile -t files < <(ls target/bench-bulk/*.txt | awk 'NR % 100 == 1' | head -30)
fi
cargo build --release --quiet
bytes=$(cat "${files[@]}" | wc -c)
echo "${#files[@]} files, $bytes bytes"
out=target/callgrind
mkdir -p "$out"
count() { # name, command...
  local name=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file="$out/$name.out" "$@" > /dev/null 2> "$out/$name.log"
  grep -m1 '^totals:' "$out/$name.out" | awk '{print $2}'
}
# the baseline script's two code patterns, as one ripgrep pattern
pat='[0-9]{1,5}\s*[-‐–—]\s*[A-ZĐÐ][A-Za-zĐđƯưÐ]{0,6}\s*/\s*[A-ZĐÐƯ]|[0-9]{1,6}\s*/\s*(?:(?:19|20)[0-9]{2}\s*/\s*)?[A-ZĐÐ][A-Za-zĐđƯưÐ0-9]{0,10}'
python=$(python3 -c 'import sys; print(sys.executable)')
rg_ir=$(count rg rg -j1 -c "$pat" "${files[@]}")
empty=$(mktemp)
vb0=$(count vanban-empty target/release/vanban extract --jobs 1 --quiet "$empty")
rm -f "$empty"
vb1=$(count vanban target/release/vanban extract --jobs 1 --quiet "${files[@]}")
vb2=$(count vanban-twice target/release/vanban extract --jobs 1 --quiet "${files[@]}" "${files[@]}")
py=$(count python "$python" ../shared/tools/baseline_extract.py "${files[@]}")
steady=$((vb2 - vb1))
awk -v b="$bytes" -v rg="$rg_ir" -v v0="$vb0" -v v1="$vb1" -v vs="$steady" -v py="$py" 'BEGIN {
  printf "%-44s %15s %12s\n", "program", "instructions", "per byte"
  printf "%-44s %15d %12.1f\n", "rg -j1 -c (code pattern)", rg, rg / b
  printf "%-44s %15d %12.1f\n", "python3 baseline_extract.py", py, py / b
  printf "%-44s %15d %12s\n", "vanban extract, empty input (start-up)", v0, "-"
  printf "%-44s %15d %12.1f\n", "vanban extract --jobs 1", v1, v1 / b
  printf "%-44s %15d %12.1f\n", "vanban extract, steady state (2nd pass)", vs, vs / b
  printf "\nvanban vs python (whole run): %.2fx fewer instructions\n", py / v1
  printf "vanban steady state vs python: %.2fx fewer instructions\n", py / vs
  printf "vanban vs rg (whole run): %.1fx more instructions\n", v1 / rg
}'
