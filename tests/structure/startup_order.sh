#!/bin/bash
# Fails when the start-up code of a module that has a start-up order list
# (loader/startup.order for vine, dlls/NAME/startup.order for NAME.dll.so)
# is not gathered at the front of its code (cmake/VineStartupOrder.cmake), when
# a list has gone stale (most of its names gone from the code: run
# tools/startup-order again), or when vine or a builtin exports the C++
# runtime it carries (-Wl,--exclude-libs). Usage: startup_order.sh SOURCE_DIR BUILD_DIR
set -u
source=${1:?usage: startup_order.sh SOURCE_DIR BUILD_DIR}
build=${2:?usage: startup_order.sh SOURCE_DIR BUILD_DIR}
command -v nm >/dev/null && command -v readelf >/dev/null || { echo "binutils not found"; exit 77; }
failures=0 checked=0

# check MODULE LIST
check() {
    local module=$1 list=$2 start size end
    read -r start size < <(readelf -SW "$module" | awk '$2 == ".text.vine_startup" { print "0x" $4, "0x" $6 }')
    if [[ -z "${start:-}" ]]; then
        echo "FAIL $module: no .text.vine_startup section"; failures=$((failures + 1)); return
    fi
    end=$((start + size))
    # Names of the list and where the module has them (functions only).
    local -A address=()
    while read -r value type name; do
        [[ $type == [tTwW] ]] && address[$name]=$((16#$value))
    done < <(nm --defined-only "$module")
    local listed=0 present=0 inside=0 outside=""
    while read -r name; do
        [[ -z "$name" || $name == \#* ]] && continue
        listed=$((listed + 1))
        [[ -n "${address[$name]+set}" ]] || continue
        present=$((present + 1))
        if (( address[$name] >= start && address[$name] < end )); then
            inside=$((inside + 1))
        else
            outside+=" $name"
        fi
    done < "$list"
    checked=$((checked + 1))
    echo "$(basename "$module"): $listed listed, $present in the code, $inside of them at the front"
    # A name may be an alias or an ifunc sharing its function's section
    # under another name, or come from code built without a section per
    # function (assembly, the C++ runtime's own objects): a few may lie
    # outside, most may not.
    if (( present * 10 < listed * 5 )); then
        echo "FAIL $list: $((listed - present)) of $listed names are gone from the code (run tools/startup-order)"
        failures=$((failures + 1))
    fi
    if (( inside * 10 < present * 9 )); then
        echo "FAIL $module: $((present - inside)) of $present listed functions are not at the front:${outside:0:600}"
        failures=$((failures + 1))
    fi
}

[[ -f "$source/loader/startup.order" ]] && check "$build/bin/vine" "$source/loader/startup.order"
for list in "$source"/dlls/*/startup.order; do
    [[ -f "$list" ]] || continue
    name=$(basename "$(dirname "$list")")
    so="$build/lib/vine/$name.dll.so"
    [[ -f "$so" ]] || { echo "FAIL $so: not built (has $list)"; failures=$((failures + 1)); continue; }
    check "$so" "$list"
done

# The private C++ runtime stays private: none of the functions only
# libstdc++.a and libgcc define in a module's dynamic symbols (templates the
# module instantiates itself are its own, exported as namespace std asks).
for module in "$build/bin/vine" "$build"/lib/vine/*.dll.so; do
    exported=$(nm -D --defined-only "$module" | awk '{ print $3 }' |
        grep -E '^(_ZN10__cxxabiv1|__cxa_|__gxx_personality|_Unwind_|_Znwm|_ZdlPv|_ZSt9terminatev|_ZSt17__throw_bad_allocv)' | head -5)
    if [[ -n "$exported" ]]; then
        echo "FAIL $module exports the C++ runtime: $(echo $exported)"; failures=$((failures + 1))
    fi
done

(( checked > 0 )) || { echo "FAIL no start-up order lists checked"; failures=$((failures + 1)); }
echo "$checked modules checked, $failures failed"
(( failures == 0 ))
