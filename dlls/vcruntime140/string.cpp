// The memory and string functions vcruntime140 exports: Vine's vector code,
// the same as msvcrt's (dlls/msvcrt/core/fast_string.h).
#include "core/fast_string.h"
#include "vine/wintypes.h"

#define VCRT_API extern "C" __attribute__((ms_abi, visibility("default")))

using namespace vine::crt;

VCRT_API void* vcrt_memcpy(void* d, const void* s, size_t n) { return mem_move(d, s, n); }
VCRT_API void* vcrt_memmove(void* d, const void* s, size_t n) { return mem_move(d, s, n); }
VCRT_API void* vcrt_memset(void* d, int c, size_t n) { return mem_set(d, c, n); }
VCRT_API int vcrt_memcmp(const void* a, const void* b, size_t n) { return mem_compare(a, b, n); }
VCRT_API void* vcrt_memchr(const void* s, int c, size_t n) { return mem_find(s, c, n); }
VCRT_API char* vcrt_strchr(const char* s, int c) { return find_char(s, static_cast<char>(c)); }
VCRT_API char* vcrt_strrchr(const char* s, int c) { return find_last_char(s, static_cast<char>(c)); }
VCRT_API char* vcrt_strstr(const char* h, const char* n) { return find_string(h, n); }
VCRT_API WCHAR* vcrt_wcschr(const WCHAR* s, WCHAR c) { return find_char(s, c); }
VCRT_API WCHAR* vcrt_wcsrchr(const WCHAR* s, WCHAR c) { return find_last_char(s, c); }
VCRT_API WCHAR* vcrt_wcsstr(const WCHAR* h, const WCHAR* n) { return find_string(h, n); }
