#!/bin/sh
# Lightning CSS's jobs (tests/apps/lightningcss.sh) under vine against its
# Linux build of the same version: a Markdown table of median wall times and
# median peak memory (max RSS) of each side. Fetched with npm once.
# Usage: bench/apps/lightningcss.sh [BUILD_DIR] [RUNS]   (from the repository root)
set -eu
build=$(cd "${1:-build}" && pwd)
runs=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
version=1.33.0
work=$build/bench/apps/lightningcss
. "$here/../../tests/apps/npm_fetch.sh"
exe=$work/$version/lightningcss.exe
native=$work/$version/lightningcss
project=$work/project
npm_fetch "lightningcss-cli-win32-x64-msvc@$version" lightningcss.exe "$exe"
npm_fetch "lightningcss-cli-linux-x64-gnu@$version" lightningcss "$native"
npm_fetch bootstrap@5.3.3 dist/css/bootstrap.css "$project/bootstrap.css"
chmod +x "$native"
export VINEPREFIX="$work/prefix"
vine=$build/bin/vine

mkdir -p "$project/components"
printf '@import "base.css";\n@import "components/button.css";\n@custom-media --narrow (max-width: 40em);\n.card { display: flex; & .title { user-select: none; } @media (--narrow) { flex-direction: column; } }\n' >"$project/main.css"
printf ':root { --gap: 8px; }\nbody { margin: 0; padding: var(--gap); backdrop-filter: blur(2px); }\n' >"$project/base.css"
printf '.button { appearance: none; &.primary { color: #ffffff; } @media (--narrow) { width: 100%%; } }\n' >"$project/components/button.css"

measure() {  # NAME WINDOWS_ARGS LINUX_ARGS
    python3 "$here/measure.py" --runs "$runs" "--name=$1" --cwd "$project" \
        --windows "$vine $exe $2" --linux "$native $3"
}
echo "Lightning CSS $version, $runs runs each, interleaved"
echo
echo "| job | vine | native | ratio | vine max RSS | native max RSS | ratio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
measure "--version" --version --version
bundle="--minify --bundle --custom-media --targets '>= 0.25%' main.css"
measure "--minify --bundle of three stylesheets" "$bundle" "$bundle"
measure "--minify --sourcemap of bootstrap.css (281 KB)" \
    "--minify --sourcemap bootstrap.css -o vine.min.css" "--minify --sourcemap bootstrap.css -o native.min.css"
