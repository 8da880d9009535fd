#!/bin/sh
# bench/apps/7zip.sh - 7-Zip's jobs for bench/apps/run: 7-Zip 21.07's
# 7za.exe (7zip-bin@5.2.0) under vine against Debian's 7zz, on the tree
# tests/apps/make_tree.py generates (VINE_APPS_7ZIP_MB megabytes, 50 by
# default).
#
# The protocol every bench/apps/APP.sh follows (see bench/apps/run):
#   APP.sh prepare WORK       fetch the programs, make the inputs in WORK;
#                             exit 77 when that is impossible (skipped)
#   APP.sh jobs               one line a job: NAME, a tab, what it does
#   APP.sh run SIDE JOB WORK  run JOB once, SIDE vine or native, exit 0 on
#                             success; the program is exec'd last, so what
#                             is timed and measured is the program itself
# bench/apps/run sets VINE (build/bin/vine) and VINEPREFIX.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tests=$here/../../tests/apps
megabytes=${VINE_APPS_7ZIP_MB:-50}

case "$1" in
prepare)
    work=$2
    command -v 7zz >/dev/null 2>&1 || { echo "Debian's 7zip (7zz) is not installed: skipped"; exit 77; }
    . "$tests/lib.sh"
    fetch_npm 7zip-bin@5.2.0 win/x64/7za.exe "$work/7za-21.07.exe"
    rm -rf "$work/tree" "$work/input.7z"
    python3 "$tests/make_tree.py" "$work/tree" "$megabytes" || exit 1
    # The archive that t, l and x read, the same for both sides.
    (cd "$work" && 7zz a -mmt2 input.7z tree >/dev/null) || exit 1
    ;;
jobs)
    printf 'a\ta -mmt2 of a %s MB tree\n' "$megabytes"
    printf 't\tt of the archive 7zz made of the tree\n'
    printf 'l\tl -slt of that archive\n'
    printf 'x\tx of that archive\n'
    ;;
run)
    side=$2 job=$3 work=$4
    cd "$work" || exit 1
    if [ "$side" = vine ]; then
        set -- "$VINE" "$work/7za-21.07.exe"
    else
        set -- 7zz
    fi
    case "$job" in
    a) rm -f "out-$side.7z"; exec "$@" a -mmt2 "out-$side.7z" tree ;;
    t) exec "$@" t input.7z ;;
    l) exec "$@" l -slt input.7z ;;
    x) rm -rf "x-$side"; exec "$@" x "-ox-$side" input.7z ;;
    *) echo "7zip.sh: no job $job" >&2; exit 2 ;;
    esac
    ;;
*)
    echo "usage: 7zip.sh prepare WORK | jobs | run SIDE JOB WORK" >&2
    exit 2
    ;;
esac
