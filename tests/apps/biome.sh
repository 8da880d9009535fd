#!/bin/sh
# A real Rust program (MSVC, dynamic UCRT) under vine: Biome, the JavaScript
# and TypeScript formatter and linter. Its Windows build and its Linux build
# of the same version come from npm (pinned below), fetched once into the
# build tree with typescript's lib/typescript.js; each job runs under both
# and their outputs and the files they write must be byte-identical, paths
# and timings aside. Without npm or the registry: skipped (77).
# Usage: biome.sh VINE WORK_DIR
set -u
vine=$1
work=$2
version=2.5.15
. "$(dirname "$0")/lib.sh"

exe=$work/$version/biome.exe
native=$work/$version/biome
typescript=$work/typescript-5.9.3.js
fetch_npm "@biomejs/cli-win32-x64@$version" biome.exe "$exe"
fetch_npm "@biomejs/cli-linux-x64@$version" biome "$native"
fetch_npm typescript@5.9.3 lib/typescript.js "$typescript"
chmod +x "$native"

export VINEPREFIX="$work/prefix"
run=$(mktemp -d "$work/run.XXXXXX")
trap 'rm -rf "$run"' EXIT

# normalize DIR: the output read from stdin with the directory the job ran
# in removed, in its Windows spellings (Z:\DIR\, and Z%3A\DIR\ as the GitHub
# reporter escapes it) or its Unix one; the backslashes of the relative
# paths left (src\app.js) made slashes; the durations Biome reports
# replaced by "T".
normalize() {
    windows_dir="$(printf '%s' "$1" | sed 's#/#\\\\#g')\\\\"
    sed -e "s#Z:$windows_dir##g" -e "s#Z%3A$windows_dir##g" -e "s#$1/##g" \
        -e ':slash' -e 's#\(\b[A-Za-z0-9_.-]\{1,\}\)\\\([A-Za-z0-9_.-]\)#\1/\2#' -e 't slash' \
        -e 's#in [0-9.]*\(ns\|µs\|ms\|s\)\b#in T#g'
}

# job NAME DIR ARGS...: biome ARGS under vine in DIR/win and natively in
# DIR/lin (two copies of the same files, each run's output beside them) and
# compares the outputs and exit statuses; the trees are compared by the
# caller.
job() {
    name=$1 dir=$2
    shift 2
    (cd "$dir/win" && "$vine" "$exe" "$@" >"$dir/win.out" 2>&1)
    win_status=$?
    (cd "$dir/lin" && "$native" "$@" >"$dir/lin.out" 2>&1)
    lin_status=$?
    same "$name" "$(normalize "$dir/win" <"$dir/win.out")" $win_status \
        "$(normalize "$dir/lin" <"$dir/lin.out")" $lin_status
}

# project DIR: DIR/win and DIR/lin, each a small JavaScript, TypeScript and
# JSX project with formatting and lint problems.
project() {
    mkdir -p "$1/lin/src/components"
    cat >"$1/lin/src/app.js" <<'JS'
var unused = 1
function add(a,b){ return a+b }
if (add(1,2) == 3) { console.log("three") }
debugger;
const   greeting = 'hello ' + "world"
export default add
JS
    cat >"$1/lin/src/types.ts" <<'TS'
interface  Point { x : number; y:number }
export const dist = (p:Point):number=>Math.sqrt(p.x*p.x+p.y*p.y)
let value: any = 5;
export { value }
export function first<T>(items:Array<T>):T|undefined{ return items[0] }
TS
    cat >"$1/lin/src/components/view.jsx" <<'JSX'
export function View({items}){
  return <ul className="list">{items.map(i => <li>{i}</li>)}</ul>
}
export const Empty = () => <div></div>
JSX
    cp -R "$1/lin" "$1/win"
}

out=$("$vine" "$exe" --version 2>&1); win_status=$?
lin=$("$native" --version 2>&1); lin_status=$?
same "biome --version" "$out" $win_status "$lin" $lin_status

project "$run/p"
ts_input='interface  Point { x : number; y:number }
export const dist = (p:Point):number=>Math.sqrt(p.x*p.x+p.y*p.y)'
win=$(printf '%s\n' "$ts_input" | "$vine" "$exe" format --stdin-file-path=point.ts 2>&1); win_status=$?
lin=$(printf '%s\n' "$ts_input" | "$native" format --stdin-file-path=point.ts 2>&1); lin_status=$?
same "format TypeScript through stdin" "$win" $win_status "$lin" $lin_status

job "format of a directory (the differences reported)" "$run/p" format --colors=off src
job "lint --reporter=github" "$run/p" lint --reporter=github src
job "format --write of a directory" "$run/p" format --write --colors=off src
same_tree "the formatted files" "$run/p/win" "$run/p/lin"

project "$run/c"
job "check --write" "$run/c" check --write --unsafe --colors=off src
same_tree "the files check --write fixed" "$run/c/win" "$run/c/lin"

# typescript.js (9 MB, above Biome's default size limit of 1 MiB).
mkdir -p "$run/t/win" "$run/t/lin"
for side in win lin; do
    cp "$typescript" "$run/t/$side/typescript.js"
    printf '{ "files": { "maxSize": 20000000 } }\n' >"$run/t/$side/biome.json"
done
job "format --write of typescript.js" "$run/t" format --write --colors=off typescript.js
same_tree "the formatted typescript.js" "$run/t/win" "$run/t/lin"

summary
