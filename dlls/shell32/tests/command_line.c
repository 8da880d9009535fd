/* shell32: CommandLineToArgvW's splitting rules, case by case: the program
 * name's own rules, blanks, quotes, backslashes before quotes, runs of
 * quotes. */
#include <windows.h>
#include <shellapi.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

static const char *u8(const WCHAR *text)
{
    static char out[4][1024];
    static int next;
    char *buffer = out[next++ % 4];
    WideCharToMultiByte(CP_UTF8, 0, text, -1, buffer, 1024, NULL, NULL);
    return buffer;
}

/* `expected` holds the arguments separated by '|' (so '|' is not usable). */
static void check(const WCHAR *line, int expected_count, const WCHAR *expected)
{
    int count = -1, i;
    WCHAR **argv = CommandLineToArgvW(line, &count);
    WCHAR joined[1024] = L"";
    if (!argv) {
        ok(0, "CommandLineToArgvW(%s) failed: %lu", u8(line), GetLastError());
        return;
    }
    for (i = 0; i < count; i++) {
        if (i) wcscat(joined, L"|");
        wcscat(joined, argv[i]);
    }
    ok(count == expected_count && !wcscmp(joined, expected) && argv[count] == NULL,
       "[%s] -> %d [%s], expected %d [%s]", u8(line), count, u8(joined), expected_count, u8(expected));
    LocalFree(argv);
}

/* Quotes `arg` so that Windows' rules give it back unchanged: backslashes
 * doubled before a quote (and before the closing quote), quotes escaped. */
static void append_quoted(WCHAR *line, const WCHAR *arg)
{
    WCHAR *p = line + wcslen(line);
    const WCHAR *a;
    if (*arg && !wcspbrk(arg, L" \t\"")) {
        wcscpy(p, arg);
        return;
    }
    *p++ = '"';
    for (a = arg;; a++) {
        size_t backslashes = 0;
        while (*a == '\\') a++, backslashes++;
        if (!*a) {
            while (backslashes--) *p++ = '\\', *p++ = '\\';
            break;
        }
        if (*a == '"') {
            while (backslashes--) *p++ = '\\', *p++ = '\\';
            *p++ = '\\';
        } else {
            while (backslashes--) *p++ = '\\';
        }
        *p++ = *a;
    }
    *p++ = '"';
    *p = 0;
}

static void check_round_trip(void)
{
    static const WCHAR *args[] = {
        L"plain", L"two words", L"", L"tab\there", L"quote\"inside", L"\"", L"\"\"", L"trailing\\",
        L"trailing two\\\\", L"\\\"", L"a\\b\\\\c", L"C:\\Program Files\\", L"semi;colon", L"%PATH%",
        L"caf\x00e9 \x4e2d\x6587", L"  lead and trail  ", L"a\"b\"\"c", L"\\\\server\\share",
    };
    WCHAR line[4096] = L"prog";
    WCHAR **argv;
    int count, i, n = sizeof(args) / sizeof(args[0]);
    BOOL same = TRUE;
    for (i = 0; i < n; i++) {
        wcscat(line, L" ");
        append_quoted(line, args[i]);
    }
    argv = CommandLineToArgvW(line, &count);
    ok(argv && count == n + 1, "round trip: %d arguments, expected %d", count, n + 1);
    for (i = 0; argv && i < n && i + 1 < count; i++) {
        if (wcscmp(argv[i + 1], args[i])) {
            ok(0, "round trip of [%s] gave [%s]", u8(args[i]), u8(argv[i + 1]));
            same = FALSE;
        }
    }
    ok(same, "every argument came back as quoted: %s", u8(line));
    LocalFree(argv);
}

/* shell32 still exports the string helpers shlwapi has (StrStrIW and its
 * kin), the same functions: a program that takes them from shell32 gets
 * shlwapi's answers. */
static void test_string_helpers(void)
{
    HMODULE shell32 = GetModuleHandleA("shell32.dll");
    WCHAR *(WINAPI *str_str_i)(const WCHAR *, const WCHAR *) =
        (void *)GetProcAddress(shell32, "StrStrIW");
    WCHAR *(WINAPI *str_chr)(const WCHAR *, WCHAR) = (void *)GetProcAddress(shell32, "StrChrW");
    int(WINAPI *str_cmp_n_i)(const WCHAR *, const WCHAR *, int) = (void *)GetProcAddress(shell32, "StrCmpNIW");
    char *(WINAPI *str_str_a)(const char *, const char *) = (void *)GetProcAddress(shell32, "StrStrA");
    static const WCHAR hay[] = L"Hello, World";
    ok(shell32 && str_str_i && str_chr && str_cmp_n_i && str_str_a, "shell32 exports StrStrIW, StrChrW, StrCmpNIW, StrStrA");
    if (!str_str_i || !str_chr || !str_cmp_n_i || !str_str_a) return;
    ok(str_str_i(hay, L"WORLD") == hay + 7, "StrStrIW ignores case");
    ok(str_str_i(hay, L"planet") == NULL, "StrStrIW: not found");
    ok(str_chr(hay, L'o') == hay + 4, "StrChrW finds the first 'o'");
    ok(str_cmp_n_i(L"ABCdef", L"abcXYZ", 3) == 0, "StrCmpNIW compares the first 3 ignoring case");
    ok(str_cmp_n_i(L"abd", L"ABC", 3) > 0, "StrCmpNIW: abd > ABC");
    ok(str_str_a("banana", "nan") != NULL && !strcmp(str_str_a("banana", "nan"), "nana"), "StrStrA");
}

int main(void)
{
    test_string_helpers();
    WCHAR path[MAX_PATH];
    WCHAR **argv;
    int count;

    /* Blanks separate; runs of blanks are one separator. */
    check(L"prog a b c", 4, L"prog|a|b|c");
    check(L"prog  a\t\tb   ", 3, L"prog|a|b");
    check(L"prog", 1, L"prog");
    check(L"prog ", 1, L"prog");

    /* Quotes group; a quoted empty string is an argument. */
    check(L"prog \"a b\" c", 3, L"prog|a b|c");
    check(L"prog \"\"", 2, L"prog|");
    check(L"prog \"\" \"\"", 3, L"prog||");
    check(L"prog a\"b c\"d e", 3, L"prog|ab cd|e");
    check(L"prog \"", 2, L"prog|");
    check(L"prog \"a b", 2, L"prog|a b");

    /* Backslashes are literal unless a quote follows. */
    check(L"prog a\\b\\\\c", 2, L"prog|a\\b\\\\c");
    check(L"prog a\\\"b", 2, L"prog|a\"b");
    check(L"prog a\\\\\"b c\"", 2, L"prog|a\\b c");
    check(L"prog a\\\\\\\"b", 2, L"prog|a\\\"b");
    check(L"prog \\\\\\\\\"a b\"", 2, L"prog|\\\\a b");
    check(L"prog \"a\\\\\" b", 3, L"prog|a\\|b");
    check(L"prog \"a\\\"b\"", 2, L"prog|a\"b");
    check(L"prog C:\\dir\\", 2, L"prog|C:\\dir\\");
    check(L"prog \"C:\\dir\\\\\"", 2, L"prog|C:\\dir\\");

    /* Runs of quotes: open, close, and the third is a literal quote that
     * leaves quoting. */
    check(L"prog a\"\"b", 2, L"prog|ab");
    check(L"prog \"a\"\"b\"", 2, L"prog|a\"b");
    check(L"prog \"a b\"\"c d\"", 3, L"prog|a b\"c|d");
    check(L"prog \"\"\"a\"\"\"", 2, L"prog|\"a\"");
    check(L"prog \"\"\"\"", 2, L"prog|\"");
    check(L"prog \"\"\"", 2, L"prog|\"");
    check(L"prog a\"b\"\" c d", 4, L"prog|ab\"|c|d");

    /* The program name: up to the next quote when quoted, no escapes; else up
     * to the next blank. The first argument starts right after it. */
    check(L"\"C:\\Program Files\\app.exe\" arg", 2, L"C:\\Program Files\\app.exe|arg");
    check(L"\"C:\\Pro\"gram arg", 3, L"C:\\Pro|gram|arg");
    check(L"\"C:\\dir\\\" x", 2, L"C:\\dir\\|x");
    check(L"C:\\dir\\a\\\"b c", 2, L"C:\\dir\\a\\\"b|c");
    check(L"\"prog", 1, L"prog");
    check(L"\"\" a", 2, L"|a");
    check(L" a b", 3, L"|a|b");
    check(L"a\"b c\" d", 2, L"a\"b|c d");

    /* More blanks, backslashes and quotes. */
    check(L"prog \"a\tb\"", 2, L"prog|a\tb");
    check(L"prog a\\", 2, L"prog|a\\");
    check(L"prog a\\\\", 2, L"prog|a\\\\");
    check(L"prog \\\\\\\"", 2, L"prog|\\\"");
    check(L"prog \"\\\\\"", 2, L"prog|\\");
    check(L"prog \"\\\"\"", 2, L"prog|\"");
    check(L"prog a \"\" b", 4, L"prog|a||b");
    check(L"prog \"a\"b\"c\"", 2, L"prog|abc");
    check(L"prog \"a\" \"b\"", 3, L"prog|a|b");
    check(L"prog \x00e9t\x00e9 \x65e5\x672c", 3, L"prog|\x00e9t\x00e9|\x65e5\x672c");
    check(L"prog\ta", 2, L"prog|a");
    check(L"\t prog a", 3, L"|prog|a");
    check_round_trip();

    /* An empty command line gives the program's own path. */
    GetModuleFileNameW(NULL, path, MAX_PATH);
    count = -1;
    argv = CommandLineToArgvW(L"", &count);
    ok(argv && count == 1 && !wcscmp(argv[0], path), "empty line: %d %s", count, argv ? u8(argv[0]) : "NULL");
    LocalFree(argv);

    SetLastError(0xdeadbeef);
    ok(CommandLineToArgvW(L"prog", NULL) == NULL, "no count pointer");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);

    /* The process's own command line round-trips. */
    argv = CommandLineToArgvW(GetCommandLineW(), &count);
    ok(argv && count >= 1, "GetCommandLineW splits");
    LocalFree(argv);

    return vt_summary();
}
