#!/bin/bash
# Counts the functions of the builtin DLLs that save xmm6-xmm15: an ms_abi
# function that calls a System V one (glibc, or a Vine helper in the System
# V convention that is not inlined) must preserve those ten registers for
# its caller, twenty 16-byte moves per call (docs/architecture.md, "Hot
# paths"). Usage:
#   xmm_saves.sh BUILD_DIR                 per-DLL counts and the total
#   xmm_saves.sh BUILD_DIR --list          also every saving function
#   xmm_saves.sh BUILD_DIR --causes [N]    the N (default 30) call targets
#                                          most saving functions call
#   xmm_saves.sh BUILD_DIR --max COUNT     fails when the total exceeds COUNT
# A function saves when its body stores one of xmm6-xmm15 to memory before
# writing it (a copy through those registers loads them first); GCC's
# `NAME.cold` parts are counted with NAME.
set -u
build=${1:?usage: xmm_saves.sh BUILD_DIR [--list | --causes [N] | --max COUNT]}
shift
mode=count causes=30 max=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --list) mode=list; shift ;;
        --causes) mode=causes; shift; [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]] && { causes=$1; shift; } ;;
        --max) max=${2:?--max needs a count}; shift 2 ;;
        *) echo "xmm_saves.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
command -v objdump >/dev/null || { echo "objdump not found"; exit 77; }

sos=()
for so in "$build"/lib/vine/*.dll.so "$build"/lib/vine/*.drv.so; do
    [[ -f "$so" ]] && sos+=("$so")
done
[[ ${#sos[@]} -gt 0 ]] || { echo "no builtin DLLs under $build/lib/vine"; exit 1; }

# One line per saving function: "DLL FUNCTION TARGET TARGET ..." (the
# functions it calls directly, PLT entries as NAME@plt).
scan() {
    local so=$1 dll
    dll=$(basename "$so"); dll=${dll%.so}
    objdump -d --no-show-raw-insn "$so" | awk -v dll="$dll" '
        function flush() {
            # Once a function: its NAME.cold part may come before or after
            # it, next to it or not (start-up code is placed apart).
            if (fn != "" && saves[fn] && !(fn in printed)) { printed[fn] = 1; line = dll " " fn; for (t in calls) line = line " " t; print line }
        }
        /^[0-9a-f]+ <.*>:$/ {
            name = $2; sub(/^</, "", name); sub(/>:$/, "", name); sub(/\.cold(\.[0-9]+)?$/, "", name)
            if (name != fn) { flush(); fn = name; delete calls }
            next
        }
        # A save stores the register before the function has written it;
        # a copy through xmm6-15 (System V code may use them freely) loads
        # the register first. A variadic function stores xmm0-7 (the
        # arguments) the same way: there xmm6 and xmm7 are no saves.
        /%xmm/ {
            if (match($0, /mov(aps|ups|apd|upd|dqa|dqu)[[:space:]]+%xmm[0-9]+,[^,]*\(/)) {
                r = substr($0, RSTART, RLENGTH); sub(/.*%xmm/, "", r); sub(/,.*/, "", r)
                if (!((fn, r) in seen)) {
                    if (r == 0) varargs[fn] = 1
                    if (r >= 8 || (r >= 6 && !(fn in varargs))) saves[fn] = 1
                }
            }
            rest = $0
            while (match(rest, /%xmm[0-9]+/)) { seen[fn, substr(rest, RSTART + 4, RLENGTH - 4)] = 1; rest = substr(rest, RSTART + RLENGTH) }
        }
        /[[:space:]]call[[:space:]]/ && /</ {
            t = $0; sub(/.*</, "", t); sub(/>.*/, "", t); sub(/\+0x[0-9a-f]+$/, "", t); calls[t] = 1
        }
        END { flush() }'
}

found=$(for so in "${sos[@]}"; do scan "$so"; done)
total=$(grep -c . <<<"$found")

case $mode in
    list) awk '{ print $1 "!" $2 }' <<<"$found" ;;
    causes)
        # A target that saves itself is an ms_abi function (its saves are its
        # own); the causes are the System V targets: PLT entries other than
        # builtin exports, and local functions that do not save.
        declare -A saving
        while read -r dll fn _; do saving["$fn"]=1; done <<<"$found"
        declare -A builtin_export
        for so in "${sos[@]}"; do
            while read -r symbol; do builtin_export["$symbol"]=1; done < <(nm -D --defined-only "$so" | awk '{ print $3 }')
        done
        while read -r dll fn targets; do
            for t in $targets; do
                base=${t%@plt}
                [[ -n "${saving[$base]+set}" ]] && continue
                [[ "$t" == *@plt && -n "${builtin_export[$base]+set}" ]] && continue
                echo "$t"
            done
        done <<<"$found" | sort | uniq -c | sort -rn | head -n "$causes" |
            while read -r n t; do printf '%6d  %s\n' "$n" "$(c++filt <<<"$t")"; done
        ;;
esac
awk '{ n[$1]++ } END { for (d in n) printf "%6d  %s\n", n[d], d }' <<<"$found" | sort -rn
echo "$total functions of ${#sos[@]} builtin DLLs save xmm6-xmm15"
if [[ -n "$max" && $total -gt $max ]]; then
    echo "FAIL: more than the ceiling of $max (tests/structure/CMakeLists.txt); a new System V call from an"
    echo "ms_abi function? See docs/architecture.md, \"Hot paths\"; '--causes' names the callees."
    exit 1
fi
exit 0
