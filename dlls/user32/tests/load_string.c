/* LoadStringW / LoadStringA over the EXE's string table (strings.rc). */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

int main(void)
{
    HINSTANCE self = GetModuleHandleW(NULL);
    WCHAR buffer[64];
    const WCHAR *direct = NULL;
    char narrow[64];

    ok(LoadStringW(self, 1, buffer, 64) == 3 && !wcscmp(buffer, L"one"), "string 1: %ls", buffer);
    ok(LoadStringW(self, 17, buffer, 64) == 9 && !wcscmp(buffer, L"seventeen"), "string 17 (the second bundle): %ls",
       buffer);
    ok(LoadStringW(self, 18, buffer, 64) == 4 && !wcscmp(buffer, L"caf\x00e9"), "string 18, non-ASCII");
    ok(LoadStringW(self, 17, buffer, 5) == 4 && !wcscmp(buffer, L"seve"), "a 5-character buffer: %ls", buffer);
    ok(LoadStringW(self, 17, (LPWSTR)&direct, 0) == 9 && direct && !wcsncmp(direct, L"seventeen", 9),
       "size 0 returns a pointer to the string in the resource");
    buffer[0] = L'x';
    ok(LoadStringW(self, 2, buffer, 64) == 0, "a missing id in a present bundle");
    ok(LoadStringW(self, 40, buffer, 64) == 0, "a missing bundle");

    ok(LoadStringA(self, 1, narrow, sizeof(narrow)) == 3 && !strcmp(narrow, "one"), "LoadStringA: %s", narrow);
    ok(LoadStringA(self, 17, narrow, 4) == 3 && !strcmp(narrow, "sev"), "LoadStringA, a 4-byte buffer: %s", narrow);
    ok(LoadStringA(self, 40, narrow, sizeof(narrow)) == 0, "LoadStringA of a missing id");
    return vt_summary();
}
