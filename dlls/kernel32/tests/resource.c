/* Resources of the EXE (resource.rc, compiled by windres): FindResource(Ex)
 * by name, id, "#id" and language, LoadResource/LockResource/
 * SizeofResource, the documented errors, and the EnumResource* walks. */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

static const BYTE data_en[] = {1, 0, 2, 0, 3, 0, 4, 0};
static const BYTE data_de[] = {5, 0, 6, 0};

struct seen {
    int count;
    int named_first;
    int has_string, has_rcdata, has_mytype;
    WORD languages[8];
    WCHAR names[8][32];
    ULONG_PTR ids[8];
};

static BOOL CALLBACK on_type(HMODULE module, LPWSTR type, LONG_PTR param)
{
    struct seen *seen = (struct seen *)param;
    if (IS_INTRESOURCE(type)) {
        seen->has_string |= type == (LPWSTR)RT_STRING;
        seen->has_rcdata |= type == (LPWSTR)RT_RCDATA;
    } else {
        seen->has_mytype |= !wcscmp(type, L"MYTYPE");
        if (seen->count == 0) seen->named_first = 1;
    }
    seen->count++;
    return TRUE;
}

static BOOL CALLBACK on_name(HMODULE module, LPCWSTR type, LPWSTR name, LONG_PTR param)
{
    struct seen *seen = (struct seen *)param;
    if (seen->count < 8) {
        if (IS_INTRESOURCE(name)) {
            seen->ids[seen->count] = (ULONG_PTR)name;
            seen->names[seen->count][0] = 0;
        } else {
            wcsncpy(seen->names[seen->count], name, 31);
            seen->names[seen->count][31] = 0;
        }
    }
    seen->count++;
    return TRUE;
}

static BOOL CALLBACK on_language(HMODULE module, LPCWSTR type, LPCWSTR name, WORD language, LONG_PTR param)
{
    struct seen *seen = (struct seen *)param;
    if (seen->count < 8) seen->languages[seen->count] = language;
    seen->count++;
    return TRUE;
}

static BOOL CALLBACK stop_at_first(HMODULE module, LPWSTR type, LONG_PTR param)
{
    ++*(int *)param;
    return FALSE;
}

static void test_find(void)
{
    HRSRC found;
    HGLOBAL loaded;
    const BYTE *bytes;

    found = FindResourceW(NULL, L"DATA1", (LPCWSTR)RT_RCDATA);
    ok(found != NULL, "FindResourceW(DATA1, RT_RCDATA): %lu", GetLastError());
    ok(SizeofResource(NULL, found) == sizeof(data_en), "its size: %lu", SizeofResource(NULL, found));
    loaded = LoadResource(NULL, found);
    bytes = LockResource(loaded);
    ok(bytes && !memcmp(bytes, data_en, sizeof(data_en)), "without a language: the US English one");

    found = FindResourceExW(GetModuleHandleW(NULL), (LPCWSTR)RT_RCDATA, L"data1",
                            MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN));
    ok(found != NULL, "FindResourceExW in German, the name in lower case");
    bytes = LockResource(LoadResource(GetModuleHandleW(NULL), found));
    ok(SizeofResource(GetModuleHandleW(NULL), found) == sizeof(data_de) && bytes
       && !memcmp(bytes, data_de, sizeof(data_de)), "the German bytes");

    SetLastError(0);
    found = FindResourceExW(NULL, (LPCWSTR)RT_RCDATA, L"DATA1", MAKELANGID(LANG_FRENCH, SUBLANG_FRENCH));
    ok(!found && GetLastError() == ERROR_RESOURCE_LANG_NOT_FOUND, "French: ERROR_RESOURCE_LANG_NOT_FOUND (%lu)",
       GetLastError());
    SetLastError(0);
    ok(!FindResourceW(NULL, MAKEINTRESOURCEW(999), (LPCWSTR)RT_RCDATA)
       && GetLastError() == ERROR_RESOURCE_NAME_NOT_FOUND, "a missing name: %lu", GetLastError());
    SetLastError(0);
    ok(!FindResourceW(NULL, L"DATA1", MAKEINTRESOURCEW(99)) && GetLastError() == ERROR_RESOURCE_TYPE_NOT_FOUND,
       "a missing type: %lu", GetLastError());

    found = FindResourceW(NULL, L"#200", L"MYTYPE");
    ok(found != NULL, "\"#200\" names id 200 of the named type MYTYPE");
    bytes = LockResource(LoadResource(NULL, found));
    ok(SizeofResource(NULL, found) == 3 && bytes && !memcmp(bytes, "abc", 3), "its bytes are \"abc\"");
    ok(FindResourceW(NULL, MAKEINTRESOURCEW(200), L"mytype") != NULL, "by id, the type in lower case");

    found = FindResourceA(NULL, "DATA1", (LPCSTR)RT_RCDATA);
    ok(found != NULL && SizeofResource(NULL, found) == sizeof(data_en), "FindResourceA");
    found = FindResourceExA(NULL, "MYTYPE", MAKEINTRESOURCEA(200), MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US));
    ok(found != NULL, "FindResourceExA in US English");
}

static void test_enum(void)
{
    struct seen seen;
    int calls = 0;

    memset(&seen, 0, sizeof(seen));
    ok(EnumResourceTypesW(NULL, on_type, (LONG_PTR)&seen), "EnumResourceTypesW");
    ok(seen.has_string && seen.has_rcdata && seen.has_mytype, "RT_STRING, RT_RCDATA and MYTYPE are listed");
    ok(seen.named_first, "named types come before ids");

    memset(&seen, 0, sizeof(seen));
    ok(EnumResourceNamesW(NULL, (LPCWSTR)RT_RCDATA, on_name, (LONG_PTR)&seen), "EnumResourceNamesW(RT_RCDATA)");
    ok(seen.count == 1 && !wcscmp(seen.names[0], L"DATA1"), "one name, DATA1: %d %ls", seen.count, seen.names[0]);
    memset(&seen, 0, sizeof(seen));
    ok(EnumResourceNamesW(NULL, L"MYTYPE", on_name, (LONG_PTR)&seen), "EnumResourceNamesW(MYTYPE)");
    ok(seen.count == 1 && seen.names[0][0] == 0 && seen.ids[0] == 200, "one id, 200: %lu", (unsigned long)seen.ids[0]);
    SetLastError(0);
    ok(!EnumResourceNamesW(NULL, MAKEINTRESOURCEW(99), on_name, (LONG_PTR)&seen)
       && GetLastError() == ERROR_RESOURCE_TYPE_NOT_FOUND, "a missing type: %lu", GetLastError());

    memset(&seen, 0, sizeof(seen));
    ok(EnumResourceLanguagesW(NULL, (LPCWSTR)RT_RCDATA, L"DATA1", on_language, (LONG_PTR)&seen),
       "EnumResourceLanguagesW");
    ok(seen.count == 2 && seen.languages[0] == MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN)
       && seen.languages[1] == MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US),
       "German (0x407) then US English (0x409): %d %#x %#x", seen.count, seen.languages[0], seen.languages[1]);

    EnumResourceTypesW(NULL, stop_at_first, (LONG_PTR)&calls);
    ok(calls == 1, "a callback returning FALSE stops the walk");
}

int main(void)
{
    test_find();
    test_enum();
    return vt_summary();
}
