/* GetUserPreferredUILanguages / GetThreadPreferredUILanguages: one
 * language, by name or by id, in a double-NUL-terminated list; the size
 * query and a buffer too small. */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

#ifndef MUI_LANGUAGE_ID
#define MUI_LANGUAGE_ID 0x4
#define MUI_LANGUAGE_NAME 0x8
#endif


int main(void)
{
    ULONG count = 0, size = 0;
    WCHAR buffer[64];

    ok(GetUserPreferredUILanguages(MUI_LANGUAGE_NAME, &count, NULL, &size), "the size query");
    ok(count == 1 && size == 7, "one language, 7 characters with both NULs: %lu %lu", count, size);
    size = 64;
    ok(GetUserPreferredUILanguages(MUI_LANGUAGE_NAME, &count, buffer, &size), "by name");
    ok(size == 7 && !memcmp(buffer, L"en-US\0", 7 * sizeof(WCHAR)), "en-US");
    size = 64;
    ok(GetUserPreferredUILanguages(MUI_LANGUAGE_ID, &count, buffer, &size), "by id");
    ok(size == 6 && !memcmp(buffer, L"0409\0", 6 * sizeof(WCHAR)), "0409");
    size = 3;
    SetLastError(0);
    ok(!GetUserPreferredUILanguages(MUI_LANGUAGE_NAME, &count, buffer, &size)
       && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "3 characters are too few: %lu", GetLastError());
    SetLastError(0);
    ok(!GetUserPreferredUILanguages(MUI_LANGUAGE_NAME | MUI_LANGUAGE_ID, &count, NULL, &size)
       && GetLastError() == ERROR_INVALID_PARAMETER, "name and id together");
    size = 64;
    ok(GetThreadPreferredUILanguages(MUI_LANGUAGE_NAME, &count, buffer, &size) && count >= 1
       && !memcmp(buffer, L"en-US", 5 * sizeof(WCHAR)), "the thread's languages start with en-US");
    return vt_summary();
}
