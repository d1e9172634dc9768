#!/usr/bin/env bash
# Installs the Debian packages agentd needs, and only those that are missing.
#
#   scripts/deps.sh build     compiler and libraries to build agentd
#   scripts/deps.sh test      build + what the test suite starts or links
#   scripts/deps.sh bench     test + load generators and peer systems
#
# apt-get runs only when something is missing; it runs through sudo when we
# are not root. Nothing is downloaded from outside Debian's archive.
set -euo pipefail

build_pkgs=(gcc make pkg-config libmicrohttpd-dev libjansson-dev
    libsqlite3-dev libcurl4-openssl-dev libsodium-dev ca-certificates tzdata)
test_pkgs=(libcmocka-dev python3 python3-pytest python3-aiosmtpd curl openssl
    clang libclang-rt-14-dev sqlite3 valgrind)
bench_pkgs=(wrk hyperfine redis-server nodejs npm)

what="${1:-build}"
case "$what" in
build) want=("${build_pkgs[@]}") ;;
test) want=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
bench) want=("${build_pkgs[@]}" "${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
*)
    echo "usage: $0 build|test|bench" >&2
    exit 2
    ;;
esac

missing=()
for p in "${want[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = installed ] || missing+=("$p")
done
# node and npm may come from outside Debian on some machines; accept them.
if [ "$what" = bench ]; then
    kept=()
    for p in "${missing[@]}"; do
        case "$p" in
        nodejs) command -v node >/dev/null || kept+=("$p") ;;
        npm) command -v npm >/dev/null || kept+=("$p") ;;
        *) kept+=("$p") ;;
        esac
    done
    missing=("${kept[@]+"${kept[@]}"}")
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing missing Debian packages: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || {
        echo "deps: need root (or sudo) to install: ${missing[*]}" >&2
        exit 1
    }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
    # A fresh machine often has stale or empty package lists.
    $sudo apt-get update
    $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
