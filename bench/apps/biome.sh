#!/bin/sh
# Biome's jobs (tests/apps/biome.sh) under vine against Biome's Linux build
# of the same version: a Markdown table of median wall times and median peak
# memory (max RSS) of each side. The programs are fetched with npm once.
# Usage: bench/apps/biome.sh [BUILD_DIR] [RUNS]   (from the repository root)
set -eu
build=$(cd "${1:-build}" && pwd)
runs=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
version=2.5.15
work=$build/bench/apps/biome
. "$here/../../tests/apps/npm_fetch.sh"
exe=$work/$version/biome.exe
native=$work/$version/biome
npm_fetch "@biomejs/cli-win32-x64@$version" biome.exe "$exe"
npm_fetch "@biomejs/cli-linux-x64@$version" biome "$native"
npm_fetch typescript@5.9.3 lib/typescript.js "$work/project/typescript.js"
chmod +x "$native"
export VINEPREFIX="$work/prefix"
vine=$build/bin/vine

# A small project with lint and format problems; nothing below writes to it.
project=$work/project
mkdir -p "$project/src"
printf 'var unused = 1\nfunction add(a,b){ return a+b }\nif (add(1,2) == 3) { console.log("three") }\nexport default add\n' >"$project/src/app.js"
printf 'interface  Point { x : number; y:number }\nexport const dist = (p:Point):number=>Math.sqrt(p.x*p.x+p.y*p.y)\n' >"$project/src/types.ts"
printf 'export function View({items}){\n  return <ul>{items.map(i => <li>{i}</li>)}</ul>\n}\n' >"$project/src/view.jsx"
printf '{ "files": { "maxSize": 20000000 } }\n' >"$project/biome.json"

measure() {  # NAME STDIN ARGS...
    name=$1 input=$2
    shift 2
    python3 "$here/measure.py" --runs "$runs" "--name=$name" --cwd "$project" ${input:+--stdin "$input"} \
        --windows "$vine $exe $*" --linux "$native $*"
}
echo "Biome $version, $runs runs each, interleaved"
echo
echo "| job | vine | native | ratio | vine max RSS | native max RSS | ratio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
measure "--version" "" --version
measure "format of a TypeScript file through stdin" "$project/src/types.ts" format --stdin-file-path=types.ts
measure "lint --reporter=github of the project" "" lint --reporter=github src
measure "check of the project" "" check src
measure "format of typescript.js (9 MB) through stdin" "$project/typescript.js" format --stdin-file-path=typescript.js
