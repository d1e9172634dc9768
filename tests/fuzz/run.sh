#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer, UBSan, leak
# checks) and runs each for FUZZ_SECONDS (default 10), starting from the
# seeds in tests/fuzz/seeds/. Any crash, leak or sanitizer report fails.
#
#   FUZZ_SECONDS=60 tests/fuzz/run.sh [target...]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${FUZZ_SECONDS:-10}
out=build/fuzz
mkdir -p "$out/obj"
flags="-g -O1 -std=c11 -D_GNU_SOURCE -Isrc -DAGENTD_VERSION=\"fuzz\"
       -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
       $(pkg-config --cflags jansson sqlite3 libcurl libsodium libmicrohttpd)"
libs="$(pkg-config --libs jansson sqlite3 libcurl libsodium libmicrohttpd) -lpthread -lm"
objs=()
for src in src/*/*.c; do
    obj="$out/obj/$(echo "$src" | tr / _).o"
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find src -name '*.h' -newer "$obj" | head -1)" ]; then
        clang $flags -c "$src" -o "$obj"
    fi
    objs+=("$obj")
done
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse validate cron load)
status=0
for t in "${targets[@]}"; do
    [ -f "tests/fuzz/fuzz_$t.c" ] || continue
    clang $flags -fsanitize=fuzzer "tests/fuzz/fuzz_$t.c" "${objs[@]}" $libs -o "$out/fuzz_$t"
    corpus="$out/corpus-$t"
    mkdir -p "$corpus"
    echo "fuzz_$t: ${secs}s"
    if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$out/fuzz_$t" \
        -max_total_time="$secs" -max_len=1048576 -len_control=100 \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/" \
        -print_final_stats=1 "$corpus" "tests/fuzz/seeds/$t" \
        >"$out/fuzz_$t.log" 2>&1; then
        echo "fuzz_$t FAILED; see $out/fuzz_$t.log"
        tail -40 "$out/fuzz_$t.log"
        status=1
    else
        grep -E "stat::number_of_executed_units|Done" "$out/fuzz_$t.log" | tail -2
    fi
done
exit $status
