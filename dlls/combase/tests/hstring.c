/* Windows Runtime strings and start-up through the API sets a program
 * built against runtimeobject.lib imports (api-ms-win-core-winrt-string,
 * api-ms-win-core-winrt), which Windows resolves to combase.dll; and COM's
 * functions reached through combase, where Windows keeps them. */
#include <windows.h>
#include <roapi.h>
#include <winstring.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

#ifndef E_BOUNDS
#define E_BOUNDS ((HRESULT)0x8000000BL)
#endif

static HSTRING make(const WCHAR *text) {
    HSTRING s = NULL;
    ok(WindowsCreateString(text, (UINT32)wcslen(text), &s) == S_OK, "WindowsCreateString(%ls)", text);
    return s;
}

static void check_text(HSTRING s, const WCHAR *expected, const char *what) {
    UINT32 length = 12345;
    const WCHAR *raw = WindowsGetStringRawBuffer(s, &length);
    ok(length == wcslen(expected) && !memcmp(raw, expected, (length + 1) * sizeof(WCHAR)),
       "%s: \"%ls\" (length %u), got \"%ls\" (length %u)", what, expected, (unsigned)wcslen(expected), raw, length);
    ok(WindowsGetStringLen(s) == length, "%s: WindowsGetStringLen", what);
}

int main(void) {
    HSTRING a, b, c, d, empty;
    HSTRING_HEADER header;
    HSTRING_BUFFER buffer;
    WCHAR *chars;
    INT32 order;
    BOOL has_null;
    static const WCHAR with_null[] = {'a', 0, 'b', 0};

    /* Creation; NULL is the empty string. */
    ok(WindowsCreateString(L"x", 1, NULL) == E_INVALIDARG, "no out pointer: E_INVALIDARG");
    ok(WindowsCreateString(NULL, 3, &a) == E_POINTER, "NULL text with a length: E_POINTER");
    empty = (HSTRING)0x1;
    ok(WindowsCreateString(NULL, 0, &empty) == S_OK && empty == NULL, "the empty string is NULL");
    ok(WindowsCreateString(L"abc", 0, &empty) == S_OK && empty == NULL, "length 0 is the empty string");
    check_text(NULL, L"", "NULL");
    ok(WindowsIsStringEmpty(NULL), "NULL is empty");
    a = make(L"Hello");
    check_text(a, L"Hello", "created");
    ok(!WindowsIsStringEmpty(a), "Hello is not empty");

    /* Counted strings may hold NULs. */
    ok(WindowsCreateString(with_null, 3, &b) == S_OK, "a string with an embedded NUL");
    ok(WindowsGetStringLen(b) == 3, "its length counts the NUL");
    ok(WindowsStringHasEmbeddedNull(b, &has_null) == S_OK && has_null, "embedded NUL found");
    ok(WindowsStringHasEmbeddedNull(a, &has_null) == S_OK && !has_null, "none in Hello");
    WindowsDeleteString(b);

    /* Fast-pass strings: the caller's buffer, which must end with a NUL. */
    {
        static const WCHAR text[] = L"reference";
        static const WCHAR unterminated[] = {'a', 'b', 'c'};
        ok(WindowsCreateStringReference(unterminated, 2, &header, &b) == E_INVALIDARG, "no NUL at the length: E_INVALIDARG");
        ok(WindowsCreateStringReference(text, 9, &header, &b) == S_OK, "WindowsCreateStringReference");
        ok(WindowsGetStringRawBuffer(b, NULL) == text, "a fast-pass string is the caller's buffer");
        ok(WindowsDuplicateString(b, &c) == S_OK && c != b, "duplicating a fast-pass string copies it");
        ok(WindowsGetStringRawBuffer(c, NULL) != text, "the copy owns its characters");
        check_text(c, L"reference", "the copy");
        ok(WindowsDeleteString(b) == S_OK, "deleting a fast-pass string does nothing");
        WindowsDeleteString(c);
    }

    /* Duplicates of owned strings share them. */
    ok(WindowsDuplicateString(a, &b) == S_OK && b == a, "a duplicate of an owned string is the same string");
    WindowsDeleteString(b);
    check_text(a, L"Hello", "still there after deleting one reference");

    /* Comparison in code-unit order. */
    b = make(L"Help");
    ok(WindowsCompareStringOrdinal(a, b, &order) == S_OK && order == -1, "Hello < Help, got %d", order);
    ok(WindowsCompareStringOrdinal(b, a, &order) == S_OK && order == 1, "Help > Hello, got %d", order);
    ok(WindowsCompareStringOrdinal(a, a, &order) == S_OK && order == 0, "Hello == Hello");
    ok(WindowsCompareStringOrdinal(NULL, a, &order) == S_OK && order == -1, "empty < Hello");
    ok(WindowsCompareStringOrdinal(a, b, NULL) == E_INVALIDARG, "no result: E_INVALIDARG");

    /* Concatenation, substrings, trimming, replacement. */
    ok(WindowsConcatString(a, b, &c) == S_OK, "WindowsConcatString");
    check_text(c, L"HelloHelp", "concatenated");
    ok(WindowsConcatString(NULL, a, &d) == S_OK && d == a, "empty + s is s");
    WindowsDeleteString(d);
    ok(WindowsSubstring(c, 5, &d) == S_OK, "WindowsSubstring");
    check_text(d, L"Help", "the substring from 5");
    WindowsDeleteString(d);
    ok(WindowsSubstring(c, 10, &d) == E_BOUNDS, "a start past the end: E_BOUNDS");
    ok(WindowsSubstring(c, 9, &d) == S_OK && d == NULL, "a start at the end: the empty string");
    ok(WindowsSubstringWithSpecifiedLength(c, 1, 3, &d) == S_OK, "WindowsSubstringWithSpecifiedLength");
    check_text(d, L"ell", "1, 3");
    WindowsDeleteString(d);
    ok(WindowsSubstringWithSpecifiedLength(c, 8, 2, &d) == E_BOUNDS, "a count past the end: E_BOUNDS");
    WindowsDeleteString(c);

    c = make(L"  \t trim me \t ");
    d = make(L" \t");
    {
        HSTRING e;
        ok(WindowsTrimStringStart(c, d, &e) == S_OK, "WindowsTrimStringStart");
        check_text(e, L"trim me \t ", "trimmed at the start");
        WindowsDeleteString(e);
        ok(WindowsTrimStringEnd(c, d, &e) == S_OK, "WindowsTrimStringEnd");
        check_text(e, L"  \t trim me", "trimmed at the end");
        WindowsDeleteString(e);
        ok(WindowsTrimStringStart(c, NULL, &e) == E_INVALIDARG, "no trim set: E_INVALIDARG");
    }
    WindowsDeleteString(c);
    WindowsDeleteString(d);

    c = make(L"a-b--c");
    d = make(L"-");
    {
        HSTRING with = make(L"+=");
        HSTRING e;
        ok(WindowsReplaceString(c, d, with, &e) == S_OK, "WindowsReplaceString");
        check_text(e, L"a+=b+=+=c", "every - replaced");
        WindowsDeleteString(e);
        ok(WindowsReplaceString(c, d, NULL, &e) == S_OK, "replacement by the empty string");
        check_text(e, L"abc", "every - removed");
        WindowsDeleteString(e);
        ok(WindowsReplaceString(c, NULL, with, &e) == E_INVALIDARG, "an empty pattern: E_INVALIDARG");
        WindowsDeleteString(with);
    }
    WindowsDeleteString(c);
    WindowsDeleteString(d);

    /* Preallocated buffers, promoted once filled. */
    ok(WindowsPreallocateStringBuffer(4, &chars, &buffer) == S_OK, "WindowsPreallocateStringBuffer");
    memcpy(chars, L"wxyz", 4 * sizeof(WCHAR));
    ok(WindowsPromoteStringBuffer(buffer, &c) == S_OK, "WindowsPromoteStringBuffer");
    check_text(c, L"wxyz", "promoted");
    WindowsDeleteString(c);
    ok(WindowsPreallocateStringBuffer(2, &chars, &buffer) == S_OK, "a second buffer");
    memcpy(chars, L"abc", 3 * sizeof(WCHAR)); /* overwrites the NUL */
    ok(WindowsPromoteStringBuffer(buffer, &c) == E_INVALIDARG, "a buffer whose NUL was overwritten: E_INVALIDARG");
    chars[2] = 0;
    ok(WindowsDeleteStringBuffer(buffer) == S_OK, "WindowsDeleteStringBuffer");

    WindowsDeleteString(a);
    WindowsDeleteString(b);

    /* Start-up, and activation of a class this machine does not have. */
    {
        IInspectable *instance = (IInspectable *)0x1;
        HSTRING name = make(L"Windows.Foundation.Uri");
        void *factory = (void *)0x1;
        ok(RoInitialize(RO_INIT_MULTITHREADED) == S_OK, "RoInitialize(multithreaded)");
        ok(RoInitialize(RO_INIT_MULTITHREADED) == S_FALSE, "again: S_FALSE");
        ok(RoInitialize(RO_INIT_SINGLETHREADED) == RPC_E_CHANGED_MODE, "another mode: RPC_E_CHANGED_MODE");
        ok(RoActivateInstance(name, &instance) == REGDB_E_CLASSNOTREG && instance == NULL,
           "an unknown class: REGDB_E_CLASSNOTREG");
        ok(RoGetActivationFactory(name, &IID_IUnknown, &factory) == REGDB_E_CLASSNOTREG && factory == NULL,
           "its factory: REGDB_E_CLASSNOTREG");
        WindowsDeleteString(name);
        RoUninitialize();
        RoUninitialize();
    }

    /* COM through combase, where Windows keeps it. */
    {
        HMODULE combase = LoadLibraryA("combase.dll");
        void *(WINAPI *alloc)(SIZE_T) = NULL;
        void (WINAPI *release)(void *) = NULL;
        HMODULE api_set = LoadLibraryA("api-ms-win-core-com-l1-1-0.dll");
        ok(combase != NULL, "combase.dll loads");
        if (combase) {
            alloc = (void *(WINAPI *)(SIZE_T))GetProcAddress(combase, "CoTaskMemAlloc");
            release = (void (WINAPI *)(void *))GetProcAddress(combase, "CoTaskMemFree");
        }
        ok(alloc && release, "combase exports CoTaskMemAlloc and CoTaskMemFree");
        if (alloc && release) {
            void *block = alloc(64);
            ok(block != NULL, "CoTaskMemAlloc through combase");
            memset(block, 0xab, 64);
            release(block);
        }
        ok(api_set != NULL && GetProcAddress(api_set, "CoCreateGuid") != NULL,
           "api-ms-win-core-com-l1-1-0 gives CoCreateGuid");
    }
    return vt_summary();
}
