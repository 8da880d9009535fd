// CompareString*, CompareStringOrdinal and LCMapString's sort keys: ICU's
// collator for the locale (icu.h), set up per flag combination the way
// Windows' flags read:
//   NORM_IGNORECASE, LINGUISTIC_IGNORECASE  case folded first (width and
//                                           kana type still count)
//   NORM_IGNORENONSPACE, ..._IGNOREDIACRITIC  primary strength, case level kept
//   NORM_IGNORESYMBOLS                      spaces, punctuation and symbols
//                                           ignorable ("shifted")
//   NORM_IGNOREKANATYPE, NORM_IGNOREWIDTH   katakana as hiragana, full- and
//                                           half-width forms alike, first
//   SORT_DIGITSASNUMBERS                    ICU's numeric collation
//   default ("word sort") vs SORT_STRINGSORT  word sort sets hyphens and
//                                           apostrophes aside: "coop" and
//                                           "co-op" sort together, the
//                                           plain one first. The word-sort
//                                           collator is the locale's with
//                                           those characters tailored to be
//                                           ignorable, so the common case is
//                                           one ucol_strcoll; only strings
//                                           equal to it are looked at again.
//                                           Strings without those characters
//                                           go to the locale's plain collator,
//                                           which orders them alike.
#include <atomic>
#include <cstring>
#include <mutex>
#include <string>

#include "vine/locks.h"
#include "collation.h"
#include "collation_latin.h"
#include "icu.h"
#include "kernel32_private.h"
#include "locale_table.h"
#include "vine/unicode.h"
#include "vine/winnls.h"

using namespace kernel32;
using namespace winnls;

namespace {

constexpr DWORD kCompareFlags = NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS | SORT_DIGITSASNUMBERS |
                                LINGUISTIC_IGNORECASE | LINGUISTIC_IGNOREDIACRITIC | SORT_STRINGSORT |
                                NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH | NORM_LINGUISTIC_CASING;

// The collator attributes a flag set needs (case folding and the kana and
// width mappings are done on the text instead).
constexpr DWORD kCollatorFlags = NORM_IGNORENONSPACE | LINGUISTIC_IGNOREDIACRITIC | NORM_IGNORESYMBOLS |
                                 SORT_DIGITSASNUMBERS | NORM_IGNORECASE | LINGUISTIC_IGNORECASE | SORT_STRINGSORT;

bool word_sort(DWORD flags) { return !(flags & (SORT_STRINGSORT | NORM_IGNORESYMBOLS)); }

// Hyphens and apostrophes (and their typographic forms) made ignorable.
constexpr char16_t kWordSortRule[] = u"&[last tertiary ignorable]='-'=''=\u2010=\u2011=\u2019=\uFF0D";

struct CachedCollator {
    const LocaleData* locale;
    DWORD flags;
    UCollator* collator;
    CachedCollator* next;
};
std::atomic<CachedCollator*> g_collators{nullptr};
vine::Mutex g_collators_lock;

UCollator* open_collator(const icu_lib::Api& api, const std::string& locale, DWORD flags) {
    UErrorCode status = U_ZERO_ERROR;
    UCollator* collator = api.ucol_open(locale.c_str(), &status);
    if (U_FAILURE(status)) return nullptr;
    if (word_sort(flags)) {
        int32_t length = 0;
        const UChar* rules = api.ucol_getRules(collator, &length);
        std::u16string tailored(rules, static_cast<size_t>(length));
        tailored += kWordSortRule;
        UParseError error;
        status = U_ZERO_ERROR;
        UCollator* word = api.ucol_openRules(tailored.data(), static_cast<int32_t>(tailored.size()), UCOL_DEFAULT,
                                             UCOL_DEFAULT, &error, &status);
        if (U_SUCCESS(status)) {
            api.ucol_close(collator);
            collator = word;
        }
    }
    auto set = [&](UColAttribute attribute, UColAttributeValue value) {
        UErrorCode s = U_ZERO_ERROR;
        api.ucol_setAttribute(collator, attribute, value, &s);
    };
    bool ignore_case = flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE);
    if (flags & (NORM_IGNORENONSPACE | LINGUISTIC_IGNOREDIACRITIC)) {
        set(UCOL_STRENGTH, UCOL_PRIMARY);
        if (!ignore_case) set(UCOL_CASE_LEVEL, UCOL_ON);
    }
    if (flags & NORM_IGNORESYMBOLS) {
        set(UCOL_ALTERNATE_HANDLING, UCOL_SHIFTED);
        UErrorCode s = U_ZERO_ERROR;
        api.ucol_setMaxVariable(collator, UCOL_REORDER_CODE_CURRENCY, &s);
    }
    if (flags & SORT_DIGITSASNUMBERS) set(UCOL_NUMERIC_COLLATION, UCOL_ON);
    return collator;
}

// Collators are never freed: one per locale and flag set a process uses.
UCollator* collator_for(const icu_lib::Api& api, const LocaleData* locale, DWORD flags) {
    flags &= kCollatorFlags;
    for (CachedCollator* c = g_collators.load(std::memory_order_acquire); c; c = c->next)
        if (c->flags == flags && c->locale == locale) return c->collator;
    std::lock_guard<vine::Mutex> guard(g_collators_lock);
    for (CachedCollator* c = g_collators.load(std::memory_order_acquire); c; c = c->next)
        if (c->flags == flags && c->locale == locale) return c->collator;
    UCollator* collator = open_collator(api, icu_locale_id(locale), flags);
    if (!collator) return nullptr;
    auto* entry = new CachedCollator{locale, flags, collator, g_collators.load(std::memory_order_relaxed)};
    g_collators.store(entry, std::memory_order_release);
    return collator;
}

bool is_word_sort_special(char16_t c) {
    return c == u'-' || c == u'\'' || (c >= 0x2010 && (c <= 0x2011 || c == 0x2019 || c == 0xff0d));
}

// Katakana to hiragana (U+30A1-U+30F6 -> U+3041-U+3096).
char16_t kana_fold(char16_t c) { return (c >= 0x30a1 && c <= 0x30f6) ? c - 0x60 : c; }
// Full-width ASCII and the ideographic space to ASCII.
char16_t width_fold(char16_t c) {
    if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
    if (c == 0x3000) return u' ';
    return c;
}

}  // namespace

namespace kernel32 {

bool valid_compare_flags(DWORD flags, bool ansi) {
    return !(flags & ~(kCompareFlags | (ansi ? LOCALE_USE_CP_ACP : 0)));
}

// The text the collator sees: the flags' foldings applied.
std::u16string prepare_text(const icu_lib::Api& api, const WCHAR* text, size_t length, DWORD flags) {
    std::u16string out;
    out.reserve(length);
    bool fold_case = flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE);
    for (size_t i = 0; i < length; ++i) {
        char16_t c = text[i];
        if (flags & NORM_IGNOREWIDTH) c = width_fold(c);
        if (flags & NORM_IGNOREKANATYPE) c = kana_fold(c);
        if (fold_case && !(c >= 0xd800 && c <= 0xdfff)) c = static_cast<char16_t>(api.u_foldCase(c, U_FOLD_CASE_DEFAULT));
        out += c;
    }
    return out;
}

bool needs_folding(DWORD flags) {
    return flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE | NORM_IGNOREWIDTH | NORM_IGNOREKANATYPE);
}

size_t count_specials(const WCHAR* text, size_t length) {
    size_t n = 0;
    for (size_t i = 0; i < length; ++i) n += is_word_sort_special(text[i]);
    return n;
}

namespace {

bool has_specials(const WCHAR* text, int length) {
    if (length >= 0) return count_specials(text, static_cast<size_t>(length)) != 0;
    for (; *text; ++text)
        if (is_word_sort_special(*text)) return true;
    return false;
}

// The collator that compares `a` and `b`: for a word sort of two strings
// without hyphens or apostrophes, the locale's own (the tailoring changes
// only those characters, so it orders such strings alike), which spares a
// process that never meets one building the tailored collator (tens of
// milliseconds of ucol_openRules).
UCollator* comparison_collator(const icu_lib::Api& api, const LocaleData* locale, DWORD flags, const WCHAR* a,
                               int a_len, const WCHAR* b, int b_len) {
    if (word_sort(flags) && !has_specials(a, a_len) && !has_specials(b, b_len))
        return collator_for(api, locale, flags | SORT_STRINGSORT);
    return collator_for(api, locale, flags);
}

}  // namespace

namespace {

// Equal at the collator's strengths: a word sort's tie breaks. Fewer
// hyphens and apostrophes sorts first; as many, their places decide, as in
// a string sort.
UCollationResult word_sort_tie(const icu_lib::Api& api, const LocaleData* locale, DWORD flags, const WCHAR* a,
                               int a_len, const WCHAR* b, int b_len) {
    size_t la = a_len < 0 ? vine::utf16_length(a) : static_cast<size_t>(a_len);
    size_t lb = b_len < 0 ? vine::utf16_length(b) : static_cast<size_t>(b_len);
    size_t specials_a = count_specials(a, la), specials_b = count_specials(b, lb);
    if (specials_a != specials_b) return specials_a < specials_b ? UCOL_LESS : UCOL_GREATER;
    if (!specials_a) return UCOL_EQUAL;
    UCollator* strings = collator_for(api, locale, flags | SORT_STRINGSORT);
    if (!strings) return UCOL_EQUAL;
    std::u16string pa = prepare_text(api, a, la, flags), pb = prepare_text(api, b, lb, flags);
    return api.ucol_strcoll(strings, pa.data(), static_cast<int32_t>(pa.size()), pb.data(),
                            static_cast<int32_t>(pb.size()));
}

int to_cstr(UCollationResult result) { return static_cast<int>(result) + 2; }

}  // namespace

int compare_strings(const LocaleData* locale, DWORD flags, const WCHAR* a, int a_len, const WCHAR* b, int b_len) {
    if (!a || !b) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!valid_compare_flags(flags, false)) {
        set_error(ERROR_INVALID_FLAGS);
        return 0;
    }
    const icu_lib::Api* api = icu_lib::api();
    UCollator* collator = api ? comparison_collator(*api, locale, flags, a, a_len, b, b_len) : nullptr;
    if (!collator) {
        set_error(ERROR_NOT_SUPPORTED);
        return 0;
    }
    UCollationResult result;
    if (!needs_folding(flags)) {
        // ICU measures NUL-terminated strings itself.
        result = api->ucol_strcoll(collator, a, a_len < 0 ? -1 : a_len, b, b_len < 0 ? -1 : b_len);
    } else {
        size_t la = a_len < 0 ? vine::utf16_length(a) : static_cast<size_t>(a_len);
        size_t lb = b_len < 0 ? vine::utf16_length(b) : static_cast<size_t>(b_len);
        std::u16string pa = prepare_text(*api, a, la, flags), pb = prepare_text(*api, b, lb, flags);
        result = api->ucol_strcoll(collator, pa.data(), static_cast<int32_t>(pa.size()), pb.data(),
                                   static_cast<int32_t>(pb.size()));
    }
    if (result == UCOL_EQUAL && word_sort(flags)) result = word_sort_tie(*api, locale, flags, a, a_len, b, b_len);
    return to_cstr(result);
}

namespace {

// CompareStringW's hot path: the collator for an LCID and flag set exactly
// as a caller passes them, found without resolving the locale, for the flag
// sets that need no folding (the text goes to ICU as it is). Entries are
// pushed at the front, so the pair a loop uses is first, and never freed.
struct FastCompare {
    LCID lcid;
    DWORD flags;
    const LocaleData* locale;
    const icu_lib::Api* api;
    UCollator* plain;  // the collator for text without word sort's specials
    FastCompare* next;
    // The Latin table, built once kLatinAfter comparisons have gone to ICU
    // (reading it from ICU, every pair of units included, takes about a
    // millisecond: worth it only to a program that compares much). Null:
    // every comparison goes to ICU.
    std::atomic<const LatinCollation*> latin{nullptr};
    std::atomic<uint32_t> icu_calls{0};
};
constexpr uint32_t kLatinAfter = 4096;
std::atomic<FastCompare*> g_fast_compares{nullptr};

FastCompare* find_fast_compare(LCID lcid, DWORD flags) {
    for (FastCompare* f = g_fast_compares.load(std::memory_order_acquire); f; f = f->next)
        if (f->lcid == lcid && f->flags == flags) return f;
    return nullptr;
}

void add_fast_compare(LCID lcid, DWORD flags, const LocaleData* locale) {
    if (!valid_compare_flags(flags, false) || needs_folding(flags)) return;
    const icu_lib::Api* api = icu_lib::api();
    UCollator* plain = api ? collator_for(*api, locale, flags | (word_sort(flags) ? SORT_STRINGSORT : 0)) : nullptr;
    if (!plain) return;
    std::lock_guard<vine::Mutex> guard(g_collators_lock);
    if (find_fast_compare(lcid, flags)) return;
    auto* entry = new FastCompare{lcid, flags, locale, api, plain, g_fast_compares.load(std::memory_order_relaxed)};
    g_fast_compares.store(entry, std::memory_order_release);
}

}  // namespace

int sort_key(const LocaleData* locale, DWORD flags, const WCHAR* text, size_t length, BYTE* key, int key_size) {
    const icu_lib::Api* api = icu_lib::api();
    UCollator* collator = api ? collator_for(*api, locale, flags) : nullptr;
    if (!collator) {
        set_error(ERROR_NOT_SUPPORTED);
        return 0;
    }
    size_t specials = word_sort(flags) ? count_specials(text, length) : 0;
    std::u16string prepared = prepare_text(*api, text, length, flags);
    auto icu_key = [&](UCollator* c) {
        int32_t size = api->ucol_getSortKey(c, prepared.data(), static_cast<int32_t>(prepared.size()), nullptr, 0);
        std::basic_string<uint8_t> out(static_cast<size_t>(size), 0);
        api->ucol_getSortKey(c, prepared.data(), static_cast<int32_t>(prepared.size()), out.data(), size);
        return out;
    };
    // The key of the prepared text; for a word sort then compare_strings'
    // tie breaks: the number of hyphens and apostrophes (so "coop" < "co-op"
    // < "co-op-"), and with as many, the string sort's key. ICU's keys hold
    // no 0 but their terminator and no 1 but between levels, so memcmp of
    // two such keys stops where compare_strings does.
    std::basic_string<uint8_t> bytes = icu_key(collator);
    if (word_sort(flags)) {
        bytes.pop_back();  // the terminator
        bytes += uint8_t{1};
        bytes += static_cast<uint8_t>(2 + (specials > 250 ? 250 : specials));
        if (specials) {
            UCollator* strings = collator_for(*api, locale, flags | SORT_STRINGSORT);
            if (strings) {
                bytes += uint8_t{1};
                bytes += icu_key(strings);
                bytes.pop_back();
            }
        }
        bytes += uint8_t{0};
    }
    if (!key_size) return static_cast<int>(bytes.size());
    if (bytes.size() > static_cast<size_t>(key_size)) {
        set_error(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    memcpy(key, bytes.data(), bytes.size());
    return static_cast<int>(bytes.size());
}

}  // namespace kernel32

VINE_EXPORT int CompareStringEx(LPCWSTR locale_name, DWORD flags, LPCWSTR a, int a_len, LPCWSTR b, int b_len,
                                void* version, void* reserved, LONG_PTR param) {
    const LocaleData* locale = resolve_locale_name(locale_name);
    if (!locale || reserved || param) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return compare_strings(locale, flags, a, a_len, b, b_len);
}

namespace {

// CompareStringW but for the Latin fast path; ms_abi, so that
// CompareStringW itself calls nothing System V and saves no registers.
__attribute__((ms_abi, noinline)) int compare_string_w(LCID lcid, DWORD flags, LPCWSTR a, int a_len, LPCWSTR b,
                                                       int b_len) {
    FastCompare* fast = find_fast_compare(lcid, flags);
    UCollator* collator = nullptr;
    if (fast && a && b) {
        collator = word_sort(flags) && (has_specials(a, a_len) || has_specials(b, b_len))
                       ? collator_for(*fast->api, fast->locale, flags)
                       : fast->plain;
    }
    if (collator) {
        UCollationResult result =
            fast->api->ucol_strcoll(collator, a, a_len < 0 ? -1 : a_len, b, b_len < 0 ? -1 : b_len);
        // Counted until the table is built (by the one call that reaches
        // kLatinAfter), then not: the count never wraps round to it again.
        if (fast->icu_calls.load(std::memory_order_relaxed) <= kLatinAfter &&
            fast->icu_calls.fetch_add(1, std::memory_order_relaxed) + 1 == kLatinAfter)
            fast->latin.store(build_latin_collation(*fast->api, fast->plain, word_sort(flags)),
                              std::memory_order_release);
        if (result == UCOL_EQUAL && word_sort(flags))
            result = word_sort_tie(*fast->api, fast->locale, flags, a, a_len, b, b_len);
        return to_cstr(result);
    }
    const LocaleData* locale = resolve_locale(lcid);
    if (!locale) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    int result = compare_strings(locale, flags, a, a_len, b, b_len);
    if (result) add_fast_compare(lcid, flags, locale);
    return result;
}

}  // namespace

VINE_EXPORT int CompareStringW(LCID lcid, DWORD flags, LPCWSTR a, int a_len, LPCWSTR b, int b_len) {
    const FastCompare* fast = find_fast_compare(lcid, flags);
    const LatinCollation* latin = fast ? fast->latin.load(std::memory_order_acquire) : nullptr;
    if (latin && a && b) {
        int result = latin_compare(*latin, a, a_len, b, b_len);
        // Equal in a word sort: the tie breaks decide (compare_string_w).
        if (result != kLatinUnknown && (result || !word_sort(flags))) return result + 2;
    }
    return compare_string_w(lcid, flags, a, a_len, b, b_len);
}

VINE_EXPORT int CompareStringA(LCID lcid, DWORD flags, LPCSTR a, int a_len, LPCSTR b, int b_len) {
    if (!a || !b) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!valid_compare_flags(flags, true)) {
        set_error(ERROR_INVALID_FLAGS);
        return 0;
    }
    const LocaleData* locale = resolve_locale(lcid);
    if (!locale) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    UINT code_page = (flags & LOCALE_USE_CP_ACP) ? CP_ACP : locale->ansi_code_page;
    auto widen = [&](LPCSTR s, int len) {
        int n = len < 0 ? static_cast<int>(strlen(s)) : len;
        std::u16string out(n, u'\0');
        if (n) out.resize(MultiByteToWideChar(code_page, 0, s, n, out.data(), n));
        return out;
    };
    std::u16string wa = widen(a, a_len), wb = widen(b, b_len);
    return compare_strings(locale, flags & ~LOCALE_USE_CP_ACP, wa.data(), static_cast<int>(wa.size()), wb.data(),
                           static_cast<int>(wb.size()));
}

namespace {

BOOL fail(DWORD error) {
    set_error(error);
    return FALSE;
}

// The sort's version: ICU's collator version for the locale (it changes
// when ICU's data for the locale does, as Windows' does with its tables),
// and a custom-version GUID made of it and the locale.
BOOL nls_version(const LocaleData* locale, NLSVERSIONINFOEX* info) {
    if (!info) return fail(ERROR_INSUFFICIENT_BUFFER);
    DWORD size = info->dwNLSVersionInfoSize;
    if (size != sizeof(NLSVERSIONINFO) && size != sizeof(NLSVERSIONINFOEX)) return fail(ERROR_INSUFFICIENT_BUFFER);
    const icu_lib::Api* api = icu_lib::api();
    UCollator* collator = api ? collator_for(*api, locale, 0) : nullptr;
    if (!collator) return fail(ERROR_NOT_SUPPORTED);
    UVersionInfo v;
    api->ucol_getVersion(collator, v);
    DWORD version = static_cast<DWORD>(v[0]) << 16 | static_cast<DWORD>(v[1]) << 8 | v[2];
    info->dwNLSVersion = version;
    info->dwDefinedVersion = version;
    if (size == sizeof(NLSVERSIONINFOEX)) {
        info->dwEffectiveId = locale->lcid;
        info->guidCustomVersion = GUID{version, static_cast<WORD>(locale->lcid), static_cast<WORD>(locale->lcid >> 16),
                                       {'V', 'i', 'n', 'e', 'I', 'C', 'U', v[3]}};
    }
    return TRUE;
}

// FindNLSString(Ex): the first (or last) stretch of `source` that compares
// equal to `value` with the compare flags, tried from each start position
// and, from each, the shortest length first.
int find_string(const LocaleData* locale, DWORD flags, const WCHAR* source, int source_len, const WCHAR* value,
                int value_len, int* found_len) {
    constexpr DWORD kFind = FIND_STARTSWITH | FIND_ENDSWITH | FIND_FROMSTART | FIND_FROMEND;
    if (!source || !value || !source_len || !value_len || source_len < -1 || value_len < -1) {
        set_error(ERROR_INVALID_PARAMETER);
        return -1;
    }
    DWORD find = flags & kFind, compare = flags & ~kFind;
    if ((find & (find - 1)) || !valid_compare_flags(compare, false)) {
        set_error(ERROR_INVALID_FLAGS);
        return -1;
    }
    size_t n = source_len < 0 ? vine::utf16_length(source) : static_cast<size_t>(source_len);
    size_t m = value_len < 0 ? vine::utf16_length(value) : static_cast<size_t>(value_len);
    auto equal_at = [&](size_t start, size_t end) {
        return compare_strings(locale, compare, source + start, static_cast<int>(end - start), value,
                               static_cast<int>(m)) == CSTR_EQUAL;
    };
    auto found = [&](size_t start, size_t end) {
        if (found_len) *found_len = static_cast<int>(end - start);
        set_error(ERROR_SUCCESS);
        return static_cast<int>(start);
    };
    if (find == FIND_STARTSWITH) {
        for (size_t end = 1; end <= n; ++end)
            if (equal_at(0, end)) return found(0, end);
    } else if (find == FIND_ENDSWITH) {
        for (size_t start = n; start-- > 0;)
            if (equal_at(start, n)) return found(start, n);
    } else if (find == FIND_FROMEND) {
        for (size_t start = n; start-- > 0;)
            for (size_t end = start + 1; end <= n; ++end)
                if (equal_at(start, end)) return found(start, end);
    } else {
        for (size_t start = 0; start < n; ++start)
            for (size_t end = start + 1; end <= n; ++end)
                if (equal_at(start, end)) return found(start, end);
    }
    set_error(ERROR_SUCCESS);
    return -1;
}

}  // namespace

VINE_EXPORT BOOL GetNLSVersionEx(DWORD function, LPCWSTR locale_name, NLSVERSIONINFOEX* info) {
    if (function != COMPARE_STRING) return fail(ERROR_INVALID_FLAGS);
    const LocaleData* locale = resolve_locale_name(locale_name);
    if (!locale) return fail(ERROR_INVALID_PARAMETER);
    return nls_version(locale, info);
}

VINE_EXPORT BOOL GetNLSVersion(DWORD function, LCID lcid, NLSVERSIONINFO* info) {
    if (function != COMPARE_STRING) return fail(ERROR_INVALID_FLAGS);
    const LocaleData* locale = resolve_locale(lcid);
    if (!locale) return fail(ERROR_INVALID_PARAMETER);
    return nls_version(locale, reinterpret_cast<NLSVERSIONINFOEX*>(info));
}

VINE_EXPORT int FindNLSStringEx(LPCWSTR locale_name, DWORD flags, LPCWSTR source, int source_len, LPCWSTR value,
                                int value_len, int* found_len, void* version, void* reserved, LONG_PTR sort_handle) {
    const LocaleData* locale = resolve_locale_name(locale_name);
    if (!locale || version || reserved || sort_handle) {
        set_error(ERROR_INVALID_PARAMETER);
        return -1;
    }
    return find_string(locale, flags, source, source_len, value, value_len, found_len);
}

VINE_EXPORT int FindNLSString(LCID lcid, DWORD flags, LPCWSTR source, int source_len, LPCWSTR value, int value_len,
                              int* found_len) {
    const LocaleData* locale = resolve_locale(lcid);
    if (!locale) {
        set_error(ERROR_INVALID_PARAMETER);
        return -1;
    }
    return find_string(locale, flags, source, source_len, value, value_len, found_len);
}

// Code-unit order; with ignore_case both sides upper-cased one unit at a
// time, as Windows' casing table does.
VINE_EXPORT int CompareStringOrdinal(LPCWSTR a, int a_len, LPCWSTR b, int b_len, BOOL ignore_case) {
    if (!a || !b) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    size_t la = a_len < 0 ? vine::utf16_length(a) : static_cast<size_t>(a_len);
    size_t lb = b_len < 0 ? vine::utf16_length(b) : static_cast<size_t>(b_len);
    size_t n = la < lb ? la : lb;
    const icu_lib::Api* api = ignore_case ? icu_lib::api() : nullptr;
    for (size_t i = 0; i < n; ++i) {
        char16_t ca = a[i], cb = b[i];
        if (ca == cb) continue;
        if (ignore_case) {
            if (api) {
                ca = static_cast<char16_t>(api->u_toupper(ca));
                cb = static_cast<char16_t>(api->u_toupper(cb));
            } else {
                ca = (ca >= 'a' && ca <= 'z') ? ca - 32 : ca;
                cb = (cb >= 'a' && cb <= 'z') ? cb - 32 : cb;
            }
            if (ca == cb) continue;
        }
        return ca < cb ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
    }
    return la == lb ? CSTR_EQUAL : la < lb ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
}
