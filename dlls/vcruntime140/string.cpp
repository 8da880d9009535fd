// The memory and string functions vcruntime140 exports: Vine's vector code,
// the same as msvcrt's (vine/fast_string.h).
#include "vine/fast_string.h"
#include "vine/wintypes.h"

using namespace vine::crt;

VINE_CRT_VECTOR_EXPORT(void*, vcrt_memcpy, (void* d, const void* s, size_t n), mem_move<Isa>(d, s, n))
VINE_CRT_VECTOR_EXPORT(void*, vcrt_memmove, (void* d, const void* s, size_t n), mem_move<Isa>(d, s, n))
VINE_CRT_VECTOR_EXPORT(void*, vcrt_memset, (void* d, int c, size_t n), mem_set<Isa>(d, c, n))
VINE_CRT_VECTOR_EXPORT(int, vcrt_memcmp, (const void* a, const void* b, size_t n), mem_compare<Isa>(a, b, n))
VINE_CRT_VECTOR_EXPORT(void*, vcrt_memchr, (const void* s, int c, size_t n), mem_find<Isa>(s, c, n))
VINE_CRT_VECTOR_EXPORT(char*, vcrt_strchr, (const char* s, int c), find_char<Isa>(s, static_cast<char>(c)))
VINE_CRT_VECTOR_EXPORT(char*, vcrt_strrchr, (const char* s, int c), find_last_char<Isa>(s, static_cast<char>(c)))
VINE_CRT_VECTOR_EXPORT(char*, vcrt_strstr, (const char* h, const char* n), find_string<Isa>(h, n))
VINE_CRT_VECTOR_EXPORT(WCHAR*, vcrt_wcschr, (const WCHAR* s, WCHAR c), find_char<Isa>(s, c))
VINE_CRT_VECTOR_EXPORT(WCHAR*, vcrt_wcsrchr, (const WCHAR* s, WCHAR c), find_last_char<Isa>(s, c))
VINE_CRT_VECTOR_EXPORT(WCHAR*, vcrt_wcsstr, (const WCHAR* h, const WCHAR* n), find_string<Isa>(h, n))
