/* FormatMessageW/A: system messages, inserts, escapes, buffers. The texts
 * are Windows' (Wine has texts of its own, so under wine only the checks
 * of system texts fail; its formatting agrees). */
#include <windows.h>
#include <stdarg.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

static void ok_wstr(const WCHAR *got, const WCHAR *expected, const char *what)
{
    ok(wcscmp(got, expected) == 0, "%s: got \"%ls\"", what, got);
}

static DWORD format_va(DWORD flags, const WCHAR *text, WCHAR *out, DWORD size, ...)
{
    va_list args;
    DWORD length;
    va_start(args, size);
    length = FormatMessageW(flags, text, 0, 0, out, size, &args);
    va_end(args);
    return length;
}

int main(void)
{
    WCHAR out[256];
    char narrow[256];
    DWORD length;
    DWORD_PTR args[4];
    WCHAR *allocated = NULL;
    char *allocated_a = NULL;

    /* The system message table. */
    length = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_FILE_NOT_FOUND, 0, out, 256, NULL);
    ok_int(length, 44);
    ok_wstr(out, L"The system cannot find the file specified.\r\n", "ERROR_FILE_NOT_FOUND");
    length = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_ACCESS_DENIED,
                            MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), out, 256, NULL);
    ok_int(length, 19);
    ok_wstr(out, L"Access is denied.\r\n", "ERROR_ACCESS_DENIED in US English");
    length = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_INVALID_PARAMETER, 0, narrow, 256, NULL);
    ok_int(length, 29);
    ok(strcmp(narrow, "The parameter is incorrect.\r\n") == 0, "FormatMessageA: \"%s\"", narrow);
    /* What Go asks: no inserts, arguments as an array, no line breaks. */
    length = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ARGUMENT_ARRAY |
                                FORMAT_MESSAGE_IGNORE_INSERTS | FORMAT_MESSAGE_MAX_WIDTH_MASK,
                            NULL, ERROR_PROC_NOT_FOUND, 0, out, 256, NULL);
    ok_wstr(out, L"The specified procedure could not be found. ", "MAX_WIDTH_MASK turns the line break into a blank");
    ok_int(length, 44);
    /* An insert left as it is. */
    FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, ERROR_BAD_EXE_FORMAT, 0, out,
                   256, NULL);
    ok_wstr(out, L"%1 is not a valid Win32 application.\r\n", "IGNORE_INSERTS");
    args[0] = (DWORD_PTR)L"x.exe";
    FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ARGUMENT_ARRAY, NULL, ERROR_BAD_EXE_FORMAT, 0, out,
                   256, (va_list *)args);
    ok_wstr(out, L"x.exe is not a valid Win32 application.\r\n", "a system message with an insert");

    /* A message number no table holds. */
    SetLastError(0xdeadbeef);
    length = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 0x2fffffff, 0, out, 256, NULL);
    ok_int(length, 0);
    ok_int(GetLastError(), ERROR_MR_MID_NOT_FOUND);

    /* Too small a buffer. */
    SetLastError(0xdeadbeef);
    length = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_ACCESS_DENIED, 0, out, 19, NULL);
    ok_int(length, 0);
    ok_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    length = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_ACCESS_DENIED, 0, out, 20, NULL);
    ok_int(length, 19);

    /* ALLOCATE_BUFFER: LocalAlloc'ed, freed by LocalFree. */
    length = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, ERROR_ACCESS_DENIED,
                            0, (WCHAR *)&allocated, 0, NULL);
    ok_int(length, 19);
    ok(allocated != NULL, "a buffer was allocated");
    if (allocated) {
        ok_wstr(allocated, L"Access is denied.\r\n", "the allocated text");
        ok(LocalSize(allocated) >= 20 * sizeof(WCHAR), "it holds the text and its terminator");
        ok(LocalFree(allocated) == NULL, "LocalFree frees it");
    }
    length = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ALLOCATE_BUFFER, "abc", 0, 0,
                            (char *)&allocated_a, 0, NULL);
    ok_int(length, 3);
    ok(allocated_a && strcmp(allocated_a, "abc") == 0, "FormatMessageA allocates too");
    LocalFree(allocated_a);

    /* Strings with inserts and escapes. */
    args[0] = (DWORD_PTR)L"one";
    args[1] = (DWORD_PTR)L"two";
    length = FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, L"%2 %1 %1", 0, 0, out, 256,
                            (va_list *)args);
    ok_wstr(out, L"two one one", "inserts by number, reused");
    ok_int(length, 11);
    FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, L"a%nb%%c%.%!d%0ignored", 0, 0, out,
                   256, (va_list *)args);
    ok_wstr(out, L"a\r\nb%c.!d", "%n %% %. %! and %0");
    FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, L"x%ty", 0, 0, out, 256,
                   (va_list *)args);
    ok_wstr(out, L"x\ty", "%t");
    args[0] = 42;
    args[1] = 0xbeef;
    args[2] = (DWORD_PTR)-5;
    FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, L"[%1!5d!] [%2!x!] [%3!d!] [%1!-4u!]",
                   0, 0, out, 256, (va_list *)args);
    ok_wstr(out, L"[   42] [beef] [-5] [42  ]", "printf specs");
    args[0] = 6;
    args[1] = (DWORD_PTR)L"pad";
    FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, L"<%1!*s!>", 0, 0, out, 256,
                   (va_list *)args);
    ok_wstr(out, L"<   pad>", "a width from the arguments");
    args[0] = (DWORD_PTR)"narrow";
    FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, L"%1!S!", 0, 0, out, 256,
                   (va_list *)args);
    ok_wstr(out, L"narrow", "!S! is an ANSI string in FormatMessageW");
    args[0] = (DWORD_PTR)"ansi";
    args[1] = (DWORD_PTR)L"wide";
    FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, "%1 %2!S!", 0, 0, narrow, 256,
                   (va_list *)args);
    ok(strcmp(narrow, "ansi wide") == 0, "FormatMessageA: !s! is ANSI, !S! wide: \"%s\"", narrow);
    FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS, L"%1!d! and %2", 0, 0, out, 256,
                   NULL);
    ok_wstr(out, L"%1!d! and %2", "IGNORE_INSERTS keeps the inserts and their specs");
    FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS, L"%1 %% %n %0x", 0, 0, out, 256,
                   NULL);
    ok_wstr(out, L"%1 %% \r\n ", "IGNORE_INSERTS keeps %% too, not %n or %0");

    /* Lone CRs and LFs become CR LF. */
    FormatMessageW(FORMAT_MESSAGE_FROM_STRING, L"a\r\nb\nc\rd", 0, 0, out, 256, NULL);
    ok_wstr(out, L"a\r\nb\r\nc\r\nd", "line breaks");
    /* A lone % at the end is an error; an empty result is none of the
     * caller's text. */
    SetLastError(0xdeadbeef);
    ok_int(FormatMessageW(FORMAT_MESSAGE_FROM_STRING, L"end%", 0, 0, out, 256, NULL), 0);
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0xdeadbeef);
    ok_int(FormatMessageW(FORMAT_MESSAGE_FROM_STRING, L"%0", 0, 0, out, 256, NULL), 0);
    ok_int(GetLastError(), 235 /* ERROR_NO_WORK_DONE */);

    /* A va_list instead of an array. */
    length = format_va(FORMAT_MESSAGE_FROM_STRING, L"%1-%2!d!", out, 256, L"va", 7);
    ok_wstr(out, L"va-7", "arguments from a va_list");
    ok_int(length, 4);

    /* A message width: the text's own line breaks become blanks, lines are
     * broken at blanks. */
    FormatMessageW(FORMAT_MESSAGE_FROM_STRING | 10, L"aaa bbb ccc\r\nddd", 0, 0, out, 256, NULL);
    ok_wstr(out, L"aaa bbb\r\nccc ddd", "a maximum width of 10");

    /* No source at all. */
    SetLastError(0xdeadbeef);
    ok_int(FormatMessageW(0, NULL, 1, 0, out, 256, NULL), 0);
    return vt_summary();
}
