#!/bin/sh
# libFuzzer runs of the pure parsers (key decoders; date, year and yes/no fields), SECONDS each.
# SwiftPM cannot link a -sanitize=fuzzer executable, so each harness is compiled with swiftc together with
# the few source files it tests. The seeds in fuzz/corpus/ are read, never written; what libFuzzer learns is
# kept in .build/libfuzzer/. Crashing inputs are written to fuzz/crashes/ (turn each into a regression test).
# Usage: scripts/fuzz.sh [SECONDS]
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out=.build/libfuzzer
mkdir -p "$out" fuzz/crashes
build() {  # name, harness, sources...
    name=$1; shift
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g "$@" -o "$out/$name"
}
build keys fuzz/KeysFuzzer.swift Sources/TerminalKit/Keys.swift
build fields fuzz/FieldsFuzzer.swift Sources/DienHinhCore/FieldParsing.swift Sources/DienHinhCore/TextFolding.swift
for name in keys fields; do
    mkdir -p "$out/corpus-$name"
    status=0
    "$out/$name" -max_total_time="$seconds" -max_len=4096 -timeout=5 -print_final_stats=1 \
        -artifact_prefix="fuzz/crashes/$name-" "$out/corpus-$name" "fuzz/corpus/$name" >"$out/$name.log" 2>&1 || status=$?
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' "$out/$name.log" | sed "s/^/libfuzzer $name: /"
    if [ "$status" -ne 0 ]; then
        tail -40 "$out/$name.log"
        echo "libfuzzer $name: failed (exit $status); the input is in fuzz/crashes/"
        exit 1
    fi
done
