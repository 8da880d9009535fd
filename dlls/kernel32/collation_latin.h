// CompareStringW's Latin fast path: for a collator with ICU's default
// settings, each of the first 0x100 code units (Basic Latin and Latin-1)
// that no neighbour changes has its collation elements read
// once from ICU, so that two strings made only of such units compare in
// kernel32 without a call into ICU (and without the ms_abi -> System V
// register saves each such call costs). The comparison is ICU's own
// (collationcompare.cpp): primaries, then secondaries, then tertiaries, each
// level's zero weights skipped and the end of a string lowest; any other
// text goes to ICU.
#pragma once

#include <cstdint>

#include "icu.h"
#include "vine/wintypes.h"

namespace kernel32 {

struct LatinCollation {
    static constexpr unsigned kUnits = 0x100;
    static constexpr unsigned kMaxWeights = 3;
    struct Unit {
        uint8_t ok;  // every character of a string must be
        uint8_t primaries, secondaries, tertiaries;
        uint32_t primary[kMaxWeights];
        uint16_t secondary[kMaxWeights];
        uint16_t tertiary[kMaxWeights];
    };
    Unit units[kUnits];
};

// The table for `collator`, or null when its settings are not ICU's
// defaults (the fast path then never applies). word_sort: the hyphen and
// the apostrophe weigh nothing, as in the word-sort tailoring of it.
LatinCollation* build_latin_collation(const icu_lib::Api& api, UCollator* collator, bool word_sort);

constexpr int kLatinUnknown = 2;
// -1, 0 or 1 as ICU's tertiary-strength comparison of the two strings
// (lengths < 0: NUL-terminated), or kLatinUnknown when either holds a unit
// outside the table. ms_abi so that CompareStringW calls it without saving
// registers.
__attribute__((ms_abi)) int latin_compare(const LatinCollation& table, const WCHAR* a, int a_len, const WCHAR* b,
                                          int b_len);

}  // namespace kernel32
