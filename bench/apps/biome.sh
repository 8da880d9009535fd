#!/bin/sh
# bench/apps/biome.sh - Biome's jobs for bench/apps/run (the protocol is in
# bench/apps/7zip.sh's header): Biome 2.5.15's Windows build (Rust, MSVC,
# dynamic UCRT) under vine against its Linux build of the same version, on
# the small project tests/apps/biome.sh checks and on typescript.js (9 MB).
set -u
here=$(cd "$(dirname "$0")" && pwd)
version=2.5.15

case "$1" in
prepare)
    work=$2
    . "$here/../../tests/apps/lib.sh"
    fetch_npm "@biomejs/cli-win32-x64@$version" biome.exe "$work/$version/biome.exe"
    fetch_npm "@biomejs/cli-linux-x64@$version" biome "$work/$version/biome"
    fetch_npm typescript@5.9.3 lib/typescript.js "$work/project/typescript.js"
    chmod +x "$work/$version/biome"
    # A small project with lint and format problems; no job writes to it.
    project=$work/project
    mkdir -p "$project/src"
    printf 'var unused = 1\nfunction add(a,b){ return a+b }\nif (add(1,2) == 3) { console.log("three") }\nexport default add\n' >"$project/src/app.js"
    printf 'interface  Point { x : number; y:number }\nexport const dist = (p:Point):number=>Math.sqrt(p.x*p.x+p.y*p.y)\n' >"$project/src/types.ts"
    printf 'export function View({items}){\n  return <ul>{items.map(i => <li>{i}</li>)}</ul>\n}\n' >"$project/src/view.jsx"
    printf '{ "files": { "maxSize": 20000000 } }\n' >"$project/biome.json"
    ;;
jobs)
    printf 'version\t--version\n'
    printf 'format-stdin\tformat of a TypeScript file through stdin\n'
    printf 'lint\tlint --reporter=github of the project\n'
    printf 'check\tcheck of the project\n'
    printf 'format-large\tformat of typescript.js (9 MB) through stdin\n'
    ;;
run)
    side=$2 job=$3 work=$4
    cd "$work/project" || exit 1
    if [ "$side" = vine ]; then
        set -- "$VINE" "$work/$version/biome.exe"
    else
        set -- "$work/$version/biome"
    fi
    # lint and check report the project's problems: a nonzero exit status is
    # their answer, so those two are not judged by it.
    case "$job" in
    version) exec "$@" --version ;;
    format-stdin) exec "$@" format --stdin-file-path=types.ts <src/types.ts ;;
    lint) "$@" lint --reporter=github src; [ $? -le 1 ] ;;
    check) "$@" check src; [ $? -le 1 ] ;;
    format-large) exec "$@" format --stdin-file-path=typescript.js <typescript.js ;;
    *) echo "biome.sh: no job $job" >&2; exit 2 ;;
    esac
    ;;
*)
    echo "usage: biome.sh prepare WORK | jobs | run SIDE JOB WORK" >&2
    exit 2
    ;;
esac
