#!/bin/sh
# A real Go program under vine: esbuild (the JavaScript bundler) prints its
# version and transforms TypeScript read from stdin; then the jobs measured
# against its Linux build of the same version (@esbuild/linux-x64), whose
# outputs must be byte-identical: a bundle of a multi-module TypeScript and
# JavaScript project with a JSON import, minified with a source map, and
# typescript@5.9.3's lib/typescript.js (9 MB) minified. The packages come
# from npm (pinned below), fetched once into the build tree; without npm or
# the network the test is skipped (exit 77).
# Usage: esbuild.sh VINE WORK_DIR
set -u
vine=$1
work=$2
version=0.28.2
exe=$work/esbuild-$version.exe

. "$(dirname "$0")/lib.sh"
fetch_npm "@esbuild/win32-x64@$version" esbuild.exe "$exe"

export VINEPREFIX="$work/prefix"
out=$("$vine" "$exe" --version 2>&1)
check "esbuild --version" "$version" "$out" $?

out=$(printf 'let x: number = 1\n' | "$vine" "$exe" --loader=ts 2>&1)
check "a TypeScript declaration through stdin" "let x = 1;" "$out" $?

out=$(printf 'interface P { x: number }\nexport const f = (p: P): number => p.x * 2;\n' |
      "$vine" "$exe" --loader=ts --minify 2>&1)
check "minified TypeScript" "export const f=e=>e.x*2;" "$out" $?

# A bundle of two files: directory listings, file reads and writes.
project=$(mktemp -d "$work/project.XXXXXX")
printf 'import { y } from "./b";\nexport const x: number = y + 1;\n' >"$project/a.ts"
printf 'export const y = 41;\n' >"$project/b.ts"
out=$(cd "$project" && "$vine" "$exe" a.ts --bundle --format=esm --outfile=out.js --log-level=warning 2>&1)
status=$?
[ -f "$project/out.js" ] && out="$out$(cat "$project/out.js")"
check "a bundle of two files" "// b.ts
var y = 41;

// a.ts
var x = y + 1;
export {
  x
};" "$out" $status
# Again, over the existing output (Go truncates it through its handle).
printf 'export const y = 1;\n' >"$project/b.ts"
out=$(cd "$project" && "$vine" "$exe" a.ts --bundle --format=esm --outfile=out.js --log-level=warning 2>&1)
status=$?
[ -f "$project/out.js" ] && out="$out$(head -2 "$project/out.js")"
check "the bundle rebuilt over its output" "// b.ts
var y = 1;" "$out" $status
rm -rf "$project"

# Against the Linux build of the same version.
native=$work/esbuild-$version-linux
typescript=$work/typescript-5.9.3.js
fetch_npm "@esbuild/linux-x64@$version" bin/esbuild "$native"
fetch_npm typescript@5.9.3 lib/typescript.js "$typescript"
chmod +x "$native"
run=$(mktemp -d "$work/run.XXXXXX")
trap 'rm -rf "$run"' EXIT
for side in win lin; do
    mkdir -p "$run/$side/src/util"
    cat >"$run/$side/src/main.ts" <<'TS'
import config from "./config.json";
import { greet, Greeter } from "./greet";
import { clamp } from "./util/math.js";

const g: Greeter = new Greeter(config.name);
export function main(values: number[]): string {
  const total = values.map((v) => clamp(v, config.min, config.max)).reduce((a, b) => a + b, 0);
  return `${greet(g)}: ${total}`;
}
console.log(main([1, 50, 500]));
TS
    cat >"$run/$side/src/greet.ts" <<'TS'
export class Greeter {
  constructor(private readonly who: string) {}
  get name(): string { return this.who.toUpperCase(); }
}
export const greet = (g: Greeter): string => `hello, ${g.name}`;
TS
    printf 'export function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}
' >"$run/$side/src/util/math.js"
    printf '{ "name": "vine", "min": 2, "max": 100, "unused": [1, 2, 3] }
' >"$run/$side/src/config.json"
done
win=$(cd "$run/win" && "$vine" "$exe" src/main.ts --bundle --minify --sourcemap --format=esm --outfile=out/app.js --log-level=warning 2>&1)
win_status=$?
lin=$(cd "$run/lin" && "$native" src/main.ts --bundle --minify --sourcemap --format=esm --outfile=out/app.js --log-level=warning 2>&1)
lin_status=$?
same "a minified bundle with a JSON import and a source map" "$win" $win_status "$lin" $lin_status
same_tree "the bundle and its source map" "$run/win/out" "$run/lin/out"

win=$("$vine" "$exe" --minify --log-level=warning <"$typescript" | cksum); win_status=$?
lin=$("$native" --minify --log-level=warning <"$typescript" | cksum); lin_status=$?
same "typescript.js (9 MB) minified" "$win" $win_status "$lin" $lin_status

summary
