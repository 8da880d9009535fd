#!/bin/sh
# A real Go program under vine: esbuild (the JavaScript bundler) prints its
# version and transforms TypeScript read from stdin. The Windows build comes
# from npm (@esbuild/win32-x64, pinned below), fetched once into the build
# tree; without npm or the network the test is skipped (exit 77).
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

summary
