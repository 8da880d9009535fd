#include "collation_latin.h"

#include <cstddef>

namespace kernel32 {

namespace {

using Unit = LatinCollation::Unit;

// ucol_next gives each 64-bit collation element (primary 32 bits, secondary
// and tertiary 16) as one 32-bit element, primary high half, secondary and
// tertiary high bytes, and, when the rest is not zero, a continuation
// (marked 0xc0 in its low byte, which case bits never make) with the
// primary's low half, the secondary's low byte and the tertiary's low six
// bits. The tertiary level compares without the case bits (0x3f3f).
bool add_element(Unit& unit, uint32_t primary, uint32_t secondary, uint32_t tertiary) {
    tertiary &= 0x3f3f;
    if (primary) {
        if (unit.primaries == LatinCollation::kMaxWeights) return false;
        unit.primary[unit.primaries++] = primary;
    }
    if (secondary) {
        if (unit.secondaries == LatinCollation::kMaxWeights) return false;
        unit.secondary[unit.secondaries++] = static_cast<uint16_t>(secondary);
    }
    if (tertiary) {
        if (unit.tertiaries == LatinCollation::kMaxWeights) return false;
        unit.tertiary[unit.tertiaries++] = static_cast<uint16_t>(tertiary);
    }
    return true;
}

bool read_unit(const icu_lib::Api& api, UCollator* collator, UChar c, Unit& unit) {
    UErrorCode status = U_ZERO_ERROR;
    UCollationElements* elements = api.ucol_openElements(collator, &c, 1, &status);
    if (U_FAILURE(status)) return false;
    bool ok = true, pending = false;
    uint32_t primary = 0, secondary = 0, tertiary = 0;
    for (;;) {
        int32_t value = api.ucol_next(elements, &status);
        if (U_FAILURE(status)) {
            ok = false;
            break;
        }
        if (value == UCOL_NULLORDER) break;
        auto element = static_cast<uint32_t>(value);
        if (pending && (element & 0xc0) == 0xc0) {
            primary |= element >> 16;
            secondary |= (element >> 8) & 0xff;
            tertiary |= element & 0x3f;
            continue;
        }
        if (pending && !add_element(unit, primary, secondary, tertiary)) ok = false;
        primary = element & 0xffff0000;
        secondary = element & 0xff00;
        tertiary = (element & 0xff) << 8;
        pending = true;
    }
    if (pending && !add_element(unit, primary, secondary, tertiary)) ok = false;
    api.ucol_closeElements(elements);
    return ok;
}

bool default_settings(const icu_lib::Api& api, const UCollator* collator) {
    struct Expected {
        UColAttribute attribute;
        UColAttributeValue value;
    };
    static constexpr Expected kDefaults[] = {
        {UCOL_FRENCH_COLLATION, UCOL_OFF}, {UCOL_ALTERNATE_HANDLING, UCOL_NON_IGNORABLE},
        {UCOL_CASE_FIRST, UCOL_OFF},       {UCOL_CASE_LEVEL, UCOL_OFF},
        {UCOL_STRENGTH, UCOL_TERTIARY},    {UCOL_NUMERIC_COLLATION, UCOL_OFF},
    };
    for (const Expected& e : kDefaults) {
        UErrorCode status = U_ZERO_ERROR;
        if (api.ucol_getAttribute(collator, e.attribute, &status) != e.value || U_FAILURE(status)) return false;
    }
    UErrorCode status = U_ZERO_ERROR;
    int32_t codes[4];
    return api.ucol_getReorderCodes(collator, codes, 4, &status) == 0 && U_SUCCESS(status);
}

// Units after the first of a contraction or a prefix context (the unit
// whose mapping depends on what comes before it) take the collator's own
// path; a string without them holds none of those sequences, so its first
// units' own elements are the ones ICU uses (l is one, for l with U+00B7).
bool mark_contractions(const icu_lib::Api& api, const UCollator* collator, LatinCollation& table) {
    USet* contractions = api.uset_openEmpty();
    if (!contractions) return false;
    UErrorCode status = U_ZERO_ERROR;
    api.ucol_getContractionsAndExpansions(collator, contractions, nullptr, true, &status);
    bool ok = U_SUCCESS(status);
    int32_t items = ok ? api.uset_getItemCount(contractions) : 0;
    for (int32_t i = 0; i < items && ok; ++i) {
        UChar32 start, end;
        UChar text[64];
        status = U_ZERO_ERROR;
        int32_t length = api.uset_getItem(contractions, i, &start, &end, text, 64, &status);
        if (U_FAILURE(status)) {
            ok = false;
            break;
        }
        if (length == 0) {  // a range of single code points
            for (UChar32 c = start; c <= end && c < static_cast<UChar32>(LatinCollation::kUnits); ++c)
                table.units[c].ok = 0;
            continue;
        }
        for (int32_t k = 1; k < length; ++k)
            if (text[k] < LatinCollation::kUnits) table.units[text[k]].ok = 0;
    }
    api.uset_close(contractions);
    return ok;
}

[[gnu::always_inline]] inline bool at_end(const WCHAR* s, int length, ptrdiff_t i) { return length < 0 ? !s[i] : i >= length; }

[[gnu::always_inline]] inline bool in_table(const Unit* units, WCHAR c) { return c < LatinCollation::kUnits && units[c].ok; }

// Whether the unit after `i` (if any) may follow a unit read: one after
// the first of a contraction would change what ICU reads there.
[[gnu::always_inline]] inline bool next_in_table(const Unit* units, const WCHAR* s, int length, ptrdiff_t i) {
    return at_end(s, length, i + 1) || in_table(units, s[i + 1]);
}

// The next non-zero weight of one level from unit i, weight j on (0 at the
// end of the string); false at a unit outside the table.
template <typename Weight, uint8_t Unit::*Count, Weight (Unit::*Weights)[LatinCollation::kMaxWeights]>
[[gnu::always_inline]] inline bool next_weight(const Unit* units, const WCHAR* s, int length, ptrdiff_t& i,
                                               unsigned& j, Weight& weight) {
    weight = 0;
    for (; !at_end(s, length, i); ++i, j = 0) {
        if (!in_table(units, s[i])) return false;
        const Unit& u = units[s[i]];
        if (j < u.*Count) {
            weight = (u.*Weights)[j++];
            return true;
        }
    }
    return true;
}

// One level: the two strings' non-zero weights from `start` on, in order,
// the end of a string below any weight; units read as they are needed.
template <typename Weight, uint8_t Unit::*Count, Weight (Unit::*Weights)[LatinCollation::kMaxWeights]>
[[gnu::always_inline]] inline int compare_level(const Unit* units, const WCHAR* a, int a_len, const WCHAR* b,
                                                int b_len, ptrdiff_t start) {
    ptrdiff_t ia = start, ib = start;
    unsigned ja = 0, jb = 0;
    for (;;) {
        Weight wa, wb;
        if (!next_weight<Weight, Count, Weights>(units, a, a_len, ia, ja, wa) ||
            !next_weight<Weight, Count, Weights>(units, b, b_len, ib, jb, wb))
            return kLatinUnknown;
        if (wa != wb) {
            if ((wa && !next_in_table(units, a, a_len, ia)) || (wb && !next_in_table(units, b, b_len, ib)))
                return kLatinUnknown;
            return wa < wb ? -1 : 1;
        }
        if (!wa) return 0;
    }
}

}  // namespace

LatinCollation* build_latin_collation(const icu_lib::Api& api, UCollator* collator) {
    if (!default_settings(api, collator)) return nullptr;
    auto* table = new LatinCollation{};
    for (unsigned c = 0; c < LatinCollation::kUnits; ++c)
        table->units[c].ok = read_unit(api, collator, static_cast<UChar>(c), table->units[c]);
    if (!mark_contractions(api, collator, *table)) {
        delete table;
        return nullptr;
    }
    return table;
}

__attribute__((ms_abi)) int latin_compare(const LatinCollation& table, const WCHAR* a, int a_len, const WCHAR* b,
                                          int b_len) {
    const Unit* units = table.units;
    if (a_len < 0 && b_len < 0) {
        // The usual call: NUL-terminated, different from the first unit
        // after a common beginning, each with a primary weight there.
        ptrdiff_t i = 0;
        for (; a[i] == b[i] && a[i]; ++i)
            if (!in_table(units, a[i])) return kLatinUnknown;
        WCHAR ca = a[i], cb = b[i];
        if (ca && cb && in_table(units, ca) && in_table(units, cb)) {
            const Unit &ua = units[ca], &ub = units[cb];
            if (ua.primaries && ub.primaries && ua.primary[0] != ub.primary[0]) {
                if (!next_in_table(units, a, -1, i) || !next_in_table(units, b, -1, i)) return kLatinUnknown;
                return ua.primary[0] < ub.primary[0] ? -1 : 1;
            }
        }
    }
    // A common beginning gives both the same weights on every level: each
    // unit's elements are its own, none depends on its neighbours.
    ptrdiff_t start = 0;
    for (; !at_end(a, a_len, start) && !at_end(b, b_len, start) && a[start] == b[start]; ++start)
        if (!in_table(units, a[start])) return kLatinUnknown;
    // A level that ends equal has read both strings to their ends.
    if (int r = compare_level<uint32_t, &Unit::primaries, &Unit::primary>(units, a, a_len, b, b_len, start)) return r;
    if (int r = compare_level<uint16_t, &Unit::secondaries, &Unit::secondary>(units, a, a_len, b, b_len, start))
        return r;
    return compare_level<uint16_t, &Unit::tertiaries, &Unit::tertiary>(units, a, a_len, b, b_len, start);
}

}  // namespace kernel32
