#!/bin/sh
# bench/apps/esbuild.sh - esbuild's jobs for bench/apps/run (the protocol is
# in bench/apps/7zip.sh's header): esbuild 0.28.2's Windows build (Go) under
# vine against its Linux build of the same version, on the jobs
# tests/apps/esbuild.sh checks.
set -u
here=$(cd "$(dirname "$0")" && pwd)
version=0.28.2

case "$1" in
prepare)
    work=$2
    . "$here/../../tests/apps/lib.sh"
    project=$work/project
    fetch_npm "@esbuild/win32-x64@$version" esbuild.exe "$work/$version/esbuild.exe"
    fetch_npm "@esbuild/linux-x64@$version" bin/esbuild "$work/$version/esbuild"
    fetch_npm typescript@5.9.3 lib/typescript.js "$project/typescript.js"
    chmod +x "$work/$version/esbuild"
    mkdir -p "$project/src/util"
    printf 'import config from "./config.json";\nimport { greet, Greeter } from "./greet";\nimport { clamp } from "./util/math.js";\nconst g: Greeter = new Greeter(config.name);\nexport function main(values: number[]): string {\n  return `${greet(g)}: ${values.map((v) => clamp(v, config.min, config.max)).reduce((a, b) => a + b, 0)}`;\n}\nconsole.log(main([1, 50, 500]));\n' >"$project/src/main.ts"
    printf 'export class Greeter {\n  constructor(private readonly who: string) {}\n  get name(): string { return this.who.toUpperCase(); }\n}\nexport const greet = (g: Greeter): string => `hello, ${g.name}`;\n' >"$project/src/greet.ts"
    printf 'export function clamp(v, lo, hi) {\n  return Math.min(hi, Math.max(lo, v));\n}\n' >"$project/src/util/math.js"
    printf '{ "name": "vine", "min": 2, "max": 100 }\n' >"$project/src/config.json"
    ;;
jobs)
    printf 'version\t--version\n'
    printf 'bundle\tbundle + minify of a TypeScript project with a JSON import and a source map\n'
    printf 'typescript\t--minify of typescript.js (9 MB)\n'
    ;;
run)
    side=$2 job=$3 work=$4
    cd "$work/project" || exit 1
    if [ "$side" = vine ]; then
        set -- "$VINE" "$work/$version/esbuild.exe"
    else
        set -- "$work/$version/esbuild"
    fi
    case "$job" in
    version) exec "$@" --version ;;
    bundle) exec "$@" src/main.ts --bundle --minify --sourcemap --format=esm --outfile="out-$side/app.js" --log-level=warning ;;
    typescript) exec "$@" --minify --log-level=warning --outfile="typescript-$side.min.js" typescript.js ;;
    *) echo "esbuild.sh: no job $job" >&2; exit 2 ;;
    esac
    ;;
*)
    echo "usage: esbuild.sh prepare WORK | jobs | run SIDE JOB WORK" >&2
    exit 2
    ;;
esac
