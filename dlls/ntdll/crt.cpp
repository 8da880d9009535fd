// The C runtime functions ntdll.dll exports (drivers, native programs and
// Rust's and Go's runtimes call them without loading a CRT): msvcrt's
// implementation (dlls/msvcrt/core/crt_shared.h, the printf engine, number
// parsing and qsort of msvcrt_core), not a copy. ntdll has no errno, so
// where msvcrt sets one these only return their result. The memory and
// string functions of vine/fast_string.h are in rtl_string.cpp.
#include "core/crt_shared.h"
#include "core/sort.h"
#include "vine/fast_string.h"
#include "vine/wintypes.h"

namespace {

using vine::msvcrt::ms_va_list;
namespace crt = vine::msvcrt;

void no_errno(int) {}

using GuestCompare = int(__attribute__((ms_abi)) *)(const void*, const void*);
using GuestCompareS = int(__attribute__((ms_abi)) *)(void*, const void*, const void*);

}  // namespace


// printf into buffers. ntdll's swprintf is the old one without a count.
VINE_EXPORT int NTDLL_vsprintf(char* b, const char* f, ms_va_list ap) { return crt::print_unbounded(b, f, ap, no_errno); }
VINE_EXPORT int NTDLL_sprintf(char* b, const char* f, ...) { VA_CALL(f, crt::print_unbounded(b, f, ap, no_errno)); }
VINE_EXPORT int NTDLL__vsnprintf(char* b, SIZE_T n, const char* f, ms_va_list ap) {
    return crt::print_bounded(b, n, f, ap, no_errno);
}
VINE_EXPORT int NTDLL__snprintf(char* b, SIZE_T n, const char* f, ...) {
    VA_CALL(f, crt::print_bounded(b, n, f, ap, no_errno));
}
VINE_EXPORT int NTDLL__vscprintf(const char* f, ms_va_list ap) { return crt::print_length(f, ap, no_errno); }
VINE_EXPORT int NTDLL_vsprintf_s(char* b, SIZE_T size, const char* f, ms_va_list ap) {
    return crt::print_secure(b, size, f, ap, no_errno);
}
VINE_EXPORT int NTDLL_sprintf_s(char* b, SIZE_T size, const char* f, ...) {
    VA_CALL(f, crt::print_secure(b, size, f, ap, no_errno));
}
VINE_EXPORT int NTDLL__vsnprintf_s(char* b, SIZE_T size, SIZE_T n, const char* f, ms_va_list ap) {
    return crt::print_secure_bounded(b, size, n, f, ap, no_errno);
}
VINE_EXPORT int NTDLL__snprintf_s(char* b, SIZE_T size, SIZE_T n, const char* f, ...) {
    VA_CALL(f, crt::print_secure_bounded(b, size, n, f, ap, no_errno));
}
VINE_EXPORT int NTDLL_vswprintf(WCHAR* b, const WCHAR* f, ms_va_list ap) { return crt::print_unbounded(b, f, ap, no_errno); }
VINE_EXPORT int NTDLL_swprintf(WCHAR* b, const WCHAR* f, ...) { VA_CALL(f, crt::print_unbounded(b, f, ap, no_errno)); }
VINE_EXPORT int NTDLL__vsnwprintf(WCHAR* b, SIZE_T n, const WCHAR* f, ms_va_list ap) {
    return crt::print_bounded(b, n, f, ap, no_errno);
}
VINE_EXPORT int NTDLL__snwprintf(WCHAR* b, SIZE_T n, const WCHAR* f, ...) {
    VA_CALL(f, crt::print_bounded(b, n, f, ap, no_errno));
}
VINE_EXPORT int NTDLL__vscwprintf(const WCHAR* f, ms_va_list ap) { return crt::print_length(f, ap, no_errno); }
VINE_EXPORT int NTDLL_vswprintf_s(WCHAR* b, SIZE_T size, const WCHAR* f, ms_va_list ap) {
    return crt::print_secure(b, size, f, ap, no_errno);
}
VINE_EXPORT int NTDLL_swprintf_s(WCHAR* b, SIZE_T size, const WCHAR* f, ...) {
    VA_CALL(f, crt::print_secure(b, size, f, ap, no_errno));
}
VINE_EXPORT int NTDLL__vsnwprintf_s(WCHAR* b, SIZE_T size, SIZE_T n, const WCHAR* f, ms_va_list ap) {
    return crt::print_secure_bounded(b, size, n, f, ap, no_errno);
}
VINE_EXPORT int NTDLL__snwprintf_s(WCHAR* b, SIZE_T size, SIZE_T n, const WCHAR* f, ...) {
    VA_CALL(f, crt::print_secure_bounded(b, size, n, f, ap, no_errno));
}

// Case-insensitive comparisons ("C" locale).
VINE_EXPORT int NTDLL__stricmp(const char* a, const char* b) { return crt::compare_ignoring_case(a, b); }
VINE_EXPORT int NTDLL__strnicmp(const char* a, const char* b, SIZE_T n) { return crt::compare_ignoring_case(a, b, n); }
VINE_EXPORT int NTDLL__wcsicmp(const WCHAR* a, const WCHAR* b) { return crt::compare_ignoring_case(a, b); }
VINE_EXPORT int NTDLL__wcsnicmp(const WCHAR* a, const WCHAR* b, SIZE_T n) { return crt::compare_ignoring_case(a, b, n); }

// Numbers from text.
VINE_EXPORT LONG NTDLL_strtol(const char* s, char** end, int base) {
    return crt::to_integer<LONG>(s, end, base, true, 32, no_errno);
}
VINE_EXPORT ULONG NTDLL_strtoul(const char* s, char** end, int base) {
    return crt::to_integer<ULONG>(s, end, base, false, 32, no_errno);
}
VINE_EXPORT LONG NTDLL_wcstol(const WCHAR* s, WCHAR** end, int base) {
    return crt::to_integer<LONG>(s, end, base, true, 32, no_errno);
}
VINE_EXPORT ULONG NTDLL_wcstoul(const WCHAR* s, WCHAR** end, int base) {
    return crt::to_integer<ULONG>(s, end, base, false, 32, no_errno);
}
VINE_EXPORT int64_t NTDLL__wcstoi64(const WCHAR* s, WCHAR** end, int base) {
    return crt::to_integer<int64_t>(s, end, base, true, 64, no_errno);
}
VINE_EXPORT uint64_t NTDLL__wcstoui64(const WCHAR* s, WCHAR** end, int base) {
    return crt::to_integer<uint64_t>(s, end, base, false, 64, no_errno);
}
VINE_EXPORT int NTDLL_atoi(const char* s) { return crt::to_integer<int>(s, static_cast<char**>(nullptr), 10, true, 32, no_errno); }
VINE_EXPORT LONG NTDLL_atol(const char* s) { return NTDLL_atoi(s); }
VINE_EXPORT int64_t NTDLL__atoi64(const char* s) {
    return crt::to_integer<int64_t>(s, static_cast<char**>(nullptr), 10, true, 64, no_errno);
}
VINE_EXPORT int NTDLL__wtoi(const WCHAR* s) {
    return crt::to_integer<int>(s, static_cast<WCHAR**>(nullptr), 10, true, 32, no_errno);
}
VINE_EXPORT LONG NTDLL__wtol(const WCHAR* s) { return NTDLL__wtoi(s); }
VINE_EXPORT int64_t NTDLL__wtoi64(const WCHAR* s) {
    return crt::to_integer<int64_t>(s, static_cast<WCHAR**>(nullptr), 10, true, 64, no_errno);
}

// Numbers to text.
VINE_EXPORT char* NTDLL__itoa(int v, char* out, int radix) { return crt::signed_to_text(v, out, radix, 32); }
VINE_EXPORT char* NTDLL__ltoa(LONG v, char* out, int radix) { return crt::signed_to_text(v, out, radix, 32); }
VINE_EXPORT char* NTDLL__ultoa(ULONG v, char* out, int radix) { return crt::to_text<char>(v, false, out, radix); }
VINE_EXPORT char* NTDLL__i64toa(int64_t v, char* out, int radix) { return crt::signed_to_text(v, out, radix, 64); }
VINE_EXPORT char* NTDLL__ui64toa(uint64_t v, char* out, int radix) { return crt::to_text<char>(v, false, out, radix); }
VINE_EXPORT WCHAR* NTDLL__itow(int v, WCHAR* out, int radix) { return crt::signed_to_text(v, out, radix, 32); }
VINE_EXPORT WCHAR* NTDLL__ltow(LONG v, WCHAR* out, int radix) { return crt::signed_to_text(v, out, radix, 32); }
VINE_EXPORT WCHAR* NTDLL__ultow(ULONG v, WCHAR* out, int radix) { return crt::to_text<WCHAR>(v, false, out, radix); }
VINE_EXPORT WCHAR* NTDLL__i64tow(int64_t v, WCHAR* out, int radix) { return crt::signed_to_text(v, out, radix, 64); }
VINE_EXPORT WCHAR* NTDLL__ui64tow(uint64_t v, WCHAR* out, int radix) { return crt::to_text<WCHAR>(v, false, out, radix); }

// Sorting and searching, with the guest's comparator called directly.
VINE_EXPORT void NTDLL_qsort(void* base, SIZE_T count, SIZE_T size, GuestCompare compare) {
    if (!base && count) return;
    crt::sort_with(base, count, size,
                   [=](const void* a, const void* b) __attribute__((always_inline)) { return compare(a, b); });
}
VINE_EXPORT void NTDLL_qsort_s(void* base, SIZE_T count, SIZE_T size, GuestCompareS compare, void* context) {
    crt::sort_with(base, count, size,
                   [=](const void* a, const void* b) __attribute__((always_inline)) { return compare(context, a, b); });
}
VINE_EXPORT void* NTDLL_bsearch(const void* key, const void* base, SIZE_T count, SIZE_T size, GuestCompare compare) {
    return crt::binary_search(key, base, count, size,
                              [=](const void* a, const void* b) __attribute__((always_inline)) { return compare(a, b); });
}

// The string functions of vine/fast_string.h that msvcrt exports too.
using namespace vine::crt;
VINE_CRT_VECTOR_EXPORT(void*, NTDLL_memchr, (const void* s, int c, SIZE_T n), mem_find<Isa>(s, c, n))
VINE_CRT_VECTOR_EXPORT(SIZE_T, NTDLL_strnlen, (const char* s, SIZE_T n), length_bounded<Isa>(s, n))
VINE_CRT_VECTOR_EXPORT(char*, NTDLL_strcpy, (char* d, const char* s), copy<Isa>(d, s))
VINE_CRT_VECTOR_EXPORT(char*, NTDLL_strcat, (char* d, const char* s), append<Isa>(d, s))
VINE_CRT_VECTOR_EXPORT(int, NTDLL_strcmp, (const char* a, const char* b), compare<Isa>(a, b))
VINE_CRT_VECTOR_EXPORT(int, NTDLL_strncmp, (const char* a, const char* b, SIZE_T n), compare_bounded<Isa>(a, b, n))
VINE_CRT_VECTOR_EXPORT(char*, NTDLL_strchr, (const char* s, int c), find_char<Isa>(s, static_cast<char>(c)))
VINE_CRT_VECTOR_EXPORT(char*, NTDLL_strrchr, (const char* s, int c), find_last_char<Isa>(s, static_cast<char>(c)))
VINE_CRT_VECTOR_EXPORT(char*, NTDLL_strstr, (const char* h, const char* n), find_string<Isa>(h, n))
VINE_CRT_VECTOR_EXPORT(SIZE_T, NTDLL_wcslen, (const WCHAR* s), length<Isa>(s))
VINE_CRT_VECTOR_EXPORT(SIZE_T, NTDLL_wcsnlen, (const WCHAR* s, SIZE_T n), length_bounded<Isa>(s, n))
VINE_CRT_VECTOR_EXPORT(WCHAR*, NTDLL_wcscpy, (WCHAR* d, const WCHAR* s), copy<Isa>(d, s))
VINE_CRT_VECTOR_EXPORT(WCHAR*, NTDLL_wcscat, (WCHAR* d, const WCHAR* s), append<Isa>(d, s))
VINE_CRT_VECTOR_EXPORT(int, NTDLL_wcscmp, (const WCHAR* a, const WCHAR* b), compare<Isa>(a, b))
VINE_CRT_VECTOR_EXPORT(int, NTDLL_wcsncmp, (const WCHAR* a, const WCHAR* b, SIZE_T n), compare_bounded<Isa>(a, b, n))
VINE_CRT_VECTOR_EXPORT(WCHAR*, NTDLL_wcschr, (const WCHAR* s, WCHAR c), find_char<Isa>(s, c))
VINE_CRT_VECTOR_EXPORT(WCHAR*, NTDLL_wcsrchr, (const WCHAR* s, WCHAR c), find_last_char<Isa>(s, c))

// The rest of the string functions, crt_shared.h's as msvcrt's are.
VINE_EXPORT char* NTDLL_strncpy(char* d, const char* s, SIZE_T n) { return crt::copy_padded(d, s, n); }
VINE_EXPORT char* NTDLL_strncat(char* d, const char* s, SIZE_T n) { return crt::append_bounded(d, s, n); }
VINE_EXPORT SIZE_T NTDLL_strspn(const char* s, const char* set) { return crt::span(s, set); }
VINE_EXPORT SIZE_T NTDLL_strcspn(const char* s, const char* set) { return crt::complement_span(s, set); }
VINE_EXPORT char* NTDLL_strpbrk(const char* s, const char* set) { return crt::find_any(s, set); }
VINE_EXPORT WCHAR* NTDLL_wcsncpy(WCHAR* d, const WCHAR* s, SIZE_T n) { return crt::copy_padded(d, s, n); }
VINE_EXPORT WCHAR* NTDLL_wcsncat(WCHAR* d, const WCHAR* s, SIZE_T n) { return crt::append_bounded(d, s, n); }
VINE_EXPORT SIZE_T NTDLL_wcsspn(const WCHAR* s, const WCHAR* set) { return crt::span(s, set); }
VINE_EXPORT SIZE_T NTDLL_wcscspn(const WCHAR* s, const WCHAR* set) { return crt::complement_span(s, set); }
VINE_EXPORT WCHAR* NTDLL_wcspbrk(const WCHAR* s, const WCHAR* set) { return crt::find_any(s, set); }
VINE_EXPORT WCHAR* NTDLL_wcsstr(const WCHAR* h, const WCHAR* n) { return crt::find_substring(h, n); }
VINE_EXPORT int NTDLL__memicmp(const void* a, const void* b, SIZE_T n) {
    return crt::compare_memory_ignoring_case(a, b, n);
}
VINE_EXPORT char* NTDLL__strlwr(char* s) { return crt::lower_in_place(s); }
VINE_EXPORT char* NTDLL__strupr(char* s) { return crt::upper_in_place(s); }
VINE_EXPORT WCHAR* NTDLL__wcslwr(WCHAR* s) { return crt::lower_in_place(s); }
VINE_EXPORT WCHAR* NTDLL__wcsupr(WCHAR* s) { return crt::upper_in_place(s); }
VINE_EXPORT int NTDLL_tolower(int c) { return crt::ascii_lower(c); }
VINE_EXPORT int NTDLL_toupper(int c) { return crt::ascii_upper(c); }
VINE_EXPORT WCHAR NTDLL_towlower(WCHAR c) { return crt::ascii_lower(c); }
VINE_EXPORT WCHAR NTDLL_towupper(WCHAR c) { return crt::ascii_upper(c); }
VINE_EXPORT int NTDLL_abs(int v) { return v < 0 ? -v : v; }
VINE_EXPORT LONG NTDLL_labs(LONG v) { return v < 0 ? -v : v; }
