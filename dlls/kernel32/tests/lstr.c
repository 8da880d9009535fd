/* lstrlen, lstrcpy(n), lstrcat, lstrcmp(i): Windows' results, NULL handling. */
#include <windows.h>

#include "vinetest.h"

int main(void)
{
    WCHAR wide[16];
    char narrow[16];

    ok(lstrlenW(L"hello") == 5 && lstrlenW(L"") == 0 && lstrlenW(NULL) == 0, "lstrlenW");
    ok(lstrlenA("hello") == 5 && lstrlenA(NULL) == 0, "lstrlenA");

    ok(lstrcpyW(wide, L"abc") == wide && !wcscmp(wide, L"abc"), "lstrcpyW");
    ok(lstrcatW(wide, L"def") == wide && !wcscmp(wide, L"abcdef"), "lstrcatW");
    ok(lstrcpyA(narrow, "abc") == narrow && lstrcatA(narrow, "de") == narrow && !strcmp(narrow, "abcde"), "lstrcpyA/lstrcatA");

    /* lstrcpyn copies at most n - 1 characters and always terminates. */
    memset(wide, 0x55, sizeof(wide));
    ok(lstrcpynW(wide, L"abcdef", 4) == wide && !wcscmp(wide, L"abc"), "lstrcpynW truncates");
    ok(lstrcpynW(wide, L"ab", 10) == wide && !wcscmp(wide, L"ab"), "lstrcpynW short source");
    wide[0] = L'x';
    ok(lstrcpynW(wide, L"abc", 1) == wide && wide[0] == 0, "lstrcpynW size 1: empty string");
    memset(narrow, 'z', sizeof(narrow));
    ok(lstrcpynA(narrow, "hello", 3) == narrow && !strcmp(narrow, "he"), "lstrcpynA");

    ok(lstrcmpW(L"abc", L"abc") == 0, "lstrcmpW equal");
    ok(lstrcmpW(L"abc", L"abd") < 0 && lstrcmpW(L"abd", L"abc") > 0, "lstrcmpW order");
    ok(lstrcmpW(L"a", L"B") < 0, "lstrcmpW is linguistic: a before B");
    ok(lstrcmpW(L"abc", L"ABC") < 0, "lstrcmpW: lower case before upper case");
    ok(lstrcmpiW(L"abc", L"ABC") == 0, "lstrcmpiW ignores case");
    ok(lstrcmpA("apple", "Banana") < 0 && lstrcmpiA("HELLO", "hello") == 0, "lstrcmpA/lstrcmpiA");
    ok(lstrcmpW(NULL, L"a") < 0 && lstrcmpW(L"a", NULL) > 0 && lstrcmpW(NULL, NULL) == 0, "NULL sorts first");
    ok(lstrcmpW(L"co-op", L"coop") != 0, "a hyphen still counts when the rest is equal");
    return vt_summary();
}
