#!/bin/sh
# bench/apps/lightningcss.sh - Lightning CSS's jobs for bench/apps/run (the
# protocol is in bench/apps/7zip.sh's header): lightningcss 1.33.0's Windows
# build (Rust, MSVC, static CRT) under vine against its Linux build of the
# same version, on the stylesheets tests/apps/lightningcss.sh checks.
set -u
here=$(cd "$(dirname "$0")" && pwd)
version=1.33.0

case "$1" in
prepare)
    work=$2
    . "$here/../../tests/apps/lib.sh"
    project=$work/project
    fetch_npm "lightningcss-cli-win32-x64-msvc@$version" lightningcss.exe "$work/$version/lightningcss.exe"
    fetch_npm "lightningcss-cli-linux-x64-gnu@$version" lightningcss "$work/$version/lightningcss"
    fetch_npm bootstrap@5.3.3 dist/css/bootstrap.css "$project/bootstrap.css"
    chmod +x "$work/$version/lightningcss"
    mkdir -p "$project/components"
    printf '@import "base.css";\n@import "components/button.css";\n@custom-media --narrow (max-width: 40em);\n.card { display: flex; & .title { user-select: none; } @media (--narrow) { flex-direction: column; } }\n' >"$project/main.css"
    printf ':root { --gap: 8px; }\nbody { margin: 0; padding: var(--gap); backdrop-filter: blur(2px); }\n' >"$project/base.css"
    printf '.button { appearance: none; &.primary { color: #ffffff; } @media (--narrow) { width: 100%%; } }\n' >"$project/components/button.css"
    ;;
jobs)
    printf 'version\t--version\n'
    printf 'bundle\t--minify --bundle of three stylesheets\n'
    printf 'bootstrap\t--minify --sourcemap of bootstrap.css (281 KB)\n'
    ;;
run)
    side=$2 job=$3 work=$4
    cd "$work/project" || exit 1
    if [ "$side" = vine ]; then
        set -- "$VINE" "$work/$version/lightningcss.exe"
    else
        set -- "$work/$version/lightningcss"
    fi
    case "$job" in
    version) exec "$@" --version ;;
    bundle) exec "$@" --minify --bundle --custom-media --targets '>= 0.25%' main.css ;;
    bootstrap) exec "$@" --minify --sourcemap bootstrap.css -o "$side.min.css" ;;
    *) echo "lightningcss.sh: no job $job" >&2; exit 2 ;;
    esac
    ;;
*)
    echo "usage: lightningcss.sh prepare WORK | jobs | run SIDE JOB WORK" >&2
    exit 2
    ;;
esac
