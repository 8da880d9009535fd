#!/bin/sh
# A real Rust program (MSVC, static CRT) under vine: Lightning CSS, the CSS
# parser and minifier. Its Windows build and its Linux build of the same
# version come from npm (pinned below), fetched once into the build tree with
# bootstrap's stylesheet; each job runs under both and their outputs must be
# byte-identical, paths aside. Without npm or the registry: skipped (77).
# Usage: lightningcss.sh VINE WORK_DIR
set -u
vine=$1
work=$2
version=1.33.0
. "$(dirname "$0")/lib.sh"

exe=$work/$version/lightningcss.exe
native=$work/$version/lightningcss
bootstrap=$work/bootstrap-5.3.3.css
fetch_npm "lightningcss-cli-win32-x64-msvc@$version" lightningcss.exe "$exe"
fetch_npm "lightningcss-cli-linux-x64-gnu@$version" lightningcss "$native"
fetch_npm bootstrap@5.3.3 dist/css/bootstrap.css "$bootstrap"
chmod +x "$native"

export VINEPREFIX="$work/prefix"
run=$(mktemp -d "$work/run.XXXXXX")
trap 'rm -rf "$run"' EXIT

win=$("$vine" "$exe" --version 2>&1); win_status=$?
lin=$("$native" --version 2>&1); lin_status=$?
same "lightningcss --version" "$win" $win_status "$lin" $lin_status

# A stylesheet of three files: @import (one from a subdirectory), nesting,
# custom media used inside the imported files, and properties that the
# browser targets need prefixed or lowered.
mkdir -p "$run/project/components"
cat >"$run/project/main.css" <<'CSS'
@import "base.css";
@import "components/button.css" layer(components);
@custom-media --narrow (max-width: 40em);

.card {
  display: flex;
  color: rgb(10 20 30 / 50%);
  inset: 0;
  & .title { font-weight: bold; user-select: none; }
  &:hover { background: color-mix(in srgb, red 40%, blue); }
  @media (--narrow) { flex-direction: column; }
}
CSS
cat >"$run/project/base.css" <<'CSS'
:root { --gap: 8px; --accent: lab(50% 40 59.5); }
html { box-sizing: border-box; }
*, *::before, *::after { box-sizing: inherit; }
body { margin: 0; padding: var(--gap); backdrop-filter: blur(2px); }
CSS
cat >"$run/project/components/button.css" <<'CSS'
.button {
  appearance: none;
  transition: transform .2s ease-in-out;
  color: var(--accent);
  &.primary { color: #ffffff; background: #0000ff; }
  @media (--narrow) { width: 100%; }
}
CSS
win=$(cd "$run/project" && "$vine" "$exe" --minify --bundle --custom-media --targets '>= 0.25%' main.css 2>&1)
win_status=$?
lin=$(cd "$run/project" && "$native" --minify --bundle --custom-media --targets '>= 0.25%' main.css 2>&1)
lin_status=$?
same "a bundle of three stylesheets with nesting and custom media" "$win" $win_status "$lin" $lin_status

# Through stdin to a file with -o.
win=$(cd "$run/project" && "$vine" "$exe" --targets '>= 0.25%' -o win.css <base.css 2>&1)
win_status=$?
lin=$(cd "$run/project" && "$native" --targets '>= 0.25%' -o lin.css <base.css 2>&1)
lin_status=$?
same "stdin to a file" "$win$(cat "$run/project/win.css")" $win_status "$lin$(cat "$run/project/lin.css")" $lin_status

# Bootstrap (281 KB) minified with a source map, each side in its own
# directory. The map names its source relative to the current directory
# from the canonical path: on Windows that is a \\?\ path, which no
# relative path reaches, so the map holds "../../?/Z:/DIR/bootstrap.css"
# where Linux has "bootstrap.css"; that path is normalized.
mkdir "$run/win" "$run/lin"
cp "$bootstrap" "$run/win/bootstrap.css"
cp "$bootstrap" "$run/lin/bootstrap.css"
win=$(cd "$run/win" && "$vine" "$exe" --minify --sourcemap bootstrap.css -o bootstrap.min.css 2>&1)
win_status=$?
lin=$(cd "$run/lin" && "$native" --minify --sourcemap bootstrap.css -o bootstrap.min.css 2>&1)
lin_status=$?
same "bootstrap.css minified with a source map" "$win" $win_status "$lin" $lin_status
if [ -f "$run/win/bootstrap.min.css.map" ]; then
    sed "s#\"\(\.\./\)*?/Z:$run/win/#\"#g" "$run/win/bootstrap.min.css.map" >"$run/win/map.normalized"
    mv "$run/win/map.normalized" "$run/win/bootstrap.min.css.map"
fi
same_tree "the minified bootstrap.css and its source map" "$run/win" "$run/lin"

summary
