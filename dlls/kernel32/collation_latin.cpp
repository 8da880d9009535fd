#include "collation_latin.h"

#include <cstddef>
#include <vector>

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

// The unit's elements as ucol_next gives them (raw, for the pair probe)
// and as weights; false when ICU fails or the unit has too many.
bool read_unit(const icu_lib::Api& api, UCollationElements* elements, UChar c, Unit& unit,
               std::vector<int32_t>& raw) {
    UErrorCode status = U_ZERO_ERROR;
    api.ucol_setText(elements, &c, 1, &status);
    if (U_FAILURE(status)) return false;
    bool ok = true, pending = false;
    uint32_t primary = 0, secondary = 0, tertiary = 0;
    for (;;) {
        int32_t value = api.ucol_next(elements, &status);
        if (U_FAILURE(status)) return false;
        if (value == UCOL_NULLORDER) break;
        raw.push_back(value);
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
    return ok;
}

// Whether ICU gives `text` the elements `expected`.
bool elements_are(const icu_lib::Api& api, UCollationElements* elements, const UChar* text, int32_t length,
                  const std::vector<int32_t>& expected) {
    UErrorCode status = U_ZERO_ERROR;
    api.ucol_setText(elements, text, length, &status);
    size_t k = 0;
    for (int32_t value; U_SUCCESS(status) && (value = api.ucol_next(elements, &status)) != UCOL_NULLORDER; ++k)
        if (k >= expected.size() || expected[k] != value) return false;
    return U_SUCCESS(status) && k == expected.size();
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

// Units whose elements depend on a neighbour take the collator's own
// path: the second unit of a two-unit contraction or prefix context among
// the table's units (found by asking ICU for the elements of each pair, a
// column at a time: "x0 y x1 y ...", then pair by pair for a column that
// differs), and the later units of the tailoring's longer contractions
// (ucol_getTailoredSet). A string without them holds none of those
// sequences, so each unit's own elements are the ones ICU uses (l is one:
// l with U+00B7 is a contraction, U+00B7 is marked). ICU's root has no
// longer contraction among these units; its Latin ones are l and L with
// U+00B7.
bool mark_contractions(const icu_lib::Api& api, const UCollator* collator, UCollationElements* elements,
                       LatinCollation& table, const std::vector<std::vector<int32_t>>& raw) {
    constexpr unsigned n = LatinCollation::kUnits;
    std::vector<UChar> text;
    std::vector<int32_t> expected;
    for (unsigned y = 0; y < n; ++y) {
        if (!table.units[y].ok) continue;
        text.clear();
        expected.clear();
        for (unsigned x = 0; x < n; ++x) {
            if (!table.units[x].ok) continue;
            text.push_back(static_cast<UChar>(x));
            text.push_back(static_cast<UChar>(y));
            expected.insert(expected.end(), raw[x].begin(), raw[x].end());
            expected.insert(expected.end(), raw[y].begin(), raw[y].end());
        }
        if (elements_are(api, elements, text.data(), static_cast<int32_t>(text.size()), expected)) continue;
        // Some pair in the column, "x y" or "y x'", is not its units'
        // elements; "y x'" is the column of x', so only "x y" marks y.
        for (unsigned x = 0; x < n && table.units[y].ok; ++x) {
            if (!table.units[x].ok) continue;
            UChar pair[2] = {static_cast<UChar>(x), static_cast<UChar>(y)};
            expected.assign(raw[x].begin(), raw[x].end());
            expected.insert(expected.end(), raw[y].begin(), raw[y].end());
            if (!elements_are(api, elements, pair, 2, expected)) table.units[y].ok = 0;
        }
    }
    UErrorCode status = U_ZERO_ERROR;
    USet* tailored = api.ucol_getTailoredSet(collator, &status);
    if (U_FAILURE(status) || !tailored) return false;
    bool ok = true;
    int32_t items = api.uset_getItemCount(tailored);
    for (int32_t i = 0; i < items && ok; ++i) {
        UChar32 start, end;
        UChar chars[64];
        status = U_ZERO_ERROR;
        int32_t length = api.uset_getItem(tailored, i, &start, &end, chars, 64, &status);
        if (U_FAILURE(status)) ok = false;
        for (int32_t k = 1; k < length; ++k)
            if (chars[k] < n) table.units[chars[k]].ok = 0;
    }
    api.uset_close(tailored);
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

LatinCollation* build_latin_collation(const icu_lib::Api& api, UCollator* collator, bool word_sort) {
    if (!default_settings(api, collator)) return nullptr;
    UErrorCode status = U_ZERO_ERROR;
    UCollationElements* elements = api.ucol_openElements(collator, nullptr, 0, &status);
    if (U_FAILURE(status)) return nullptr;
    auto* table = new LatinCollation{};
    std::vector<std::vector<int32_t>> raw(LatinCollation::kUnits);
    for (unsigned c = 0; c < LatinCollation::kUnits; ++c)
        table->units[c].ok = read_unit(api, elements, static_cast<UChar>(c), table->units[c], raw[c]);
    bool ok = mark_contractions(api, collator, elements, *table, raw);
    api.ucol_closeElements(elements);
    if (word_sort)
        for (WCHAR c : {u'-', u'\''}) table->units[c].primaries = table->units[c].secondaries = table->units[c].tertiaries = 0;
    if (!ok) {
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
