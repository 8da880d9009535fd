/* BSTRs: the length prefix, embedded NULs, odd byte lengths, reallocation. */
#include <windows.h>
#include <oleauto.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

int main(void)
{
    BSTR text = SysAllocString(L"hello"), other;
    BYTE bytes[] = {'a', 'b', 'c'};

    ok(text != NULL, "SysAllocString");
    ok(SysStringLen(text) == 5 && SysStringByteLen(text) == 10, "5 characters, 10 bytes");
    ok(((DWORD *)text)[-1] == 10, "the byte count sits in the 4 bytes before the characters");
    ok(text[5] == 0 && !wcscmp(text, L"hello"), "terminated");
    ok(SysAllocString(NULL) == NULL, "SysAllocString(NULL) is NULL");
    ok(SysStringLen(NULL) == 0 && SysStringByteLen(NULL) == 0, "a NULL BSTR has length 0");

    other = SysAllocStringLen(L"a\0b\0c", 5);
    ok(other && SysStringLen(other) == 5 && other[1] == 0 && other[2] == L'b' && other[5] == 0,
       "SysAllocStringLen keeps embedded NULs");
    SysFreeString(other);
    other = SysAllocStringLen(NULL, 7);
    ok(other && SysStringLen(other) == 7 && other[7] == 0, "SysAllocStringLen(NULL, 7): room for 7, terminated");
    SysFreeString(other);

    other = SysAllocStringByteLen((const char *)bytes, 3);
    ok(other && SysStringByteLen(other) == 3 && SysStringLen(other) == 1, "3 bytes: byte length 3, length 1");
    ok(other && !memcmp(other, "abc", 3) && ((BYTE *)other)[3] == 0 && ((BYTE *)other)[4] == 0,
       "the bytes, then NULs");
    SysFreeString(other);

    ok(SysReAllocString(&text, L"a longer string"), "SysReAllocString");
    ok(SysStringLen(text) == 15 && !wcscmp(text, L"a longer string"), "the new contents: %ls", text);
    ok(SysReAllocStringLen(&text, text + 2, 6), "SysReAllocStringLen from the string itself");
    ok(SysStringLen(text) == 6 && !wcscmp(text, L"longer"), "the new contents: %ls", text);
    SysFreeString(text);
    SysFreeString(NULL);
    ok(1, "SysFreeString(NULL) is harmless");
    return vt_summary();
}
