/* argc/argv/__wargv and GetCommandLineW. The runner passes exactly the
 * arguments listed in `expected` below (see CMakeLists.txt); the loader must
 * build a Windows command line that the CRT parses back to the same argv
 * (quotes, backslashes before quotes, empty arguments). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include "vinetest.h"

static const wchar_t *expected[] = {
    L"simple",
    L"two words",
    L"",
    L"quote\"inside",
    L"back\\slash",
    L"trailing\\",
    L"\\\\server\\share\\",
    L"x\\\"y",
    L"a\\\\\"b",
    L"tab\tchar",
    L"\"",
    L"\\",
    L"*.none",
    L"a b\"c d\"e",
    L"caf\x00e9 \x65e5\x672c",
    L"last",
};
#define NEXPECTED (int)(sizeof(expected) / sizeof(expected[0]))

/* Split a command line with msvcrt.dll's rules: the program name ends at
 * the next quote (if it starts with one) or blank; then 2n backslashes
 * before a quote give n backslashes and the quote toggles quoting, 2n+1
 * give n backslashes and a literal quote; "" inside quotes is a literal
 * quote. */
static int split(const wchar_t *cmd, wchar_t args[][64], int max)
{
    int n = 0;
    const wchar_t *p = cmd;
    wchar_t *o = args[0];
    if (*p == L'"') {
        p++;
        while (*p && *p != L'"') *o++ = *p++;
        if (*p) p++;
    } else {
        while (*p && *p != L' ' && *p != L'\t') *o++ = *p++;
    }
    *o = 0;
    n = 1;
    for (;;) {
        int inquote = 0;
        while (*p == L' ' || *p == L'\t') p++;
        if (!*p || n >= max) break;
        o = args[n++];
        while (*p && (inquote || (*p != L' ' && *p != L'\t'))) {
            int bs = 0;
            while (*p == L'\\') { bs++; p++; }
            if (*p == L'"') {
                int i;
                for (i = 0; i < bs / 2; i++) *o++ = L'\\';
                if (bs % 2) { *o++ = L'"'; p++; }
                else if (inquote && p[1] == L'"') { *o++ = L'"'; p += 2; }
                else { inquote = !inquote; p++; }
            } else {
                while (bs--) *o++ = L'\\';
                if (*p && (inquote || (*p != L' ' && *p != L'\t'))) *o++ = *p++;
            }
        }
        *o = 0;
    }
    return n;
}

static int ends_with_exe(const wchar_t *s, const wchar_t *name)
{
    size_t a = wcslen(s), b = wcslen(name);
    return a >= b && !_wcsicmp(s + a - b, name) &&
           (a == b || s[a - b - 1] == L'\\' || s[a - b - 1] == L'/');
}

/* Built with -municode: wmain receives the CRT's wide argv. */
int wmain(int argc, wchar_t **wargv)
{
    static wchar_t parsed[64][64];
    const wchar_t *cmd = GetCommandLineW();
    int i, n;

    ok(argc == NEXPECTED + 1, "argc is %d (%d)", NEXPECTED + 1, argc);
    ok(__argc == argc, "__argc == argc");
    for (i = 0; i < NEXPECTED && i + 1 < argc; i++)
        ok(wcscmp(wargv[i + 1], expected[i]) == 0, "argv[%d] = [%ls], expected [%ls]",
           i + 1, wargv[i + 1], expected[i]);
    ok(wargv[argc] == NULL, "argv[argc] is NULL");
    ok(argc > 0 && ends_with_exe(wargv[0], L"kernel32_cmdline.exe"), "argv[0] ends with kernel32_cmdline.exe: %ls",
       argc > 0 ? wargv[0] : L"");

    ok(cmd != NULL, "GetCommandLineW: [%ls]", cmd ? cmd : L"");
    n = split(cmd, parsed, 64);
    ok(n == NEXPECTED + 1, "GetCommandLineW splits into %d arguments (%d)", NEXPECTED + 1, n);
    ok(ends_with_exe(parsed[0], L"kernel32_cmdline.exe"), "program name in the command line: [%ls]", parsed[0]);
    for (i = 0; i < NEXPECTED && i + 1 < n; i++)
        ok(wcscmp(parsed[i + 1], expected[i]) == 0, "command line argument %d = [%ls]", i + 1, parsed[i + 1]);
    {
        const char *acmd = GetCommandLineA();
        ok(acmd && acmd[0] && strstr(acmd, "simple") != NULL, "GetCommandLineA: [%s]", acmd ? acmd : "");
    }
    return vt_summary();
}
