/* CharUpper/CharLower (string, single character and Buff forms, W and A)
 * and CharNext/CharPrev (W with combining marks, A and the Ex forms with a
 * DBCS code page). */
#include <windows.h>
#include "vinetest.h"

static void test_case_wide(void)
{
    WCHAR text[] = L"abc \x00e9\x00df\x03c9\x0436 XYZ i";
    WCHAR buff[] = L"abcdef";
    LPWSTR result;

    result = CharUpperW(text);
    ok(result == text, "CharUpperW returns its string");
    ok(!lstrcmpW(text, L"ABC \x00c9\x00df\x03a9\x0416 XYZ I"), "upper-cased in place (\x00df has no one-letter upper case)");
    CharLowerW(text);
    ok(!lstrcmpW(text, L"abc \x00e9\x00df\x03c9\x0436 xyz i"), "lower-cased in place");

    result = CharUpperW((LPWSTR)(ULONG_PTR)L'q');
    ok((ULONG_PTR)result == L'Q', "a single character: 'q' -> %#lx", (unsigned long)(ULONG_PTR)result);
    result = CharUpperW((LPWSTR)(ULONG_PTR)0x00e9);
    ok((ULONG_PTR)result == 0x00c9, "a single character: U+00E9 -> U+%04lX", (unsigned long)(ULONG_PTR)result);
    result = CharLowerW((LPWSTR)(ULONG_PTR)0x0416);
    ok((ULONG_PTR)result == 0x0436, "a single character: U+0416 -> U+%04lX", (unsigned long)(ULONG_PTR)result);
    result = CharUpperW((LPWSTR)(ULONG_PTR)L'5');
    ok((ULONG_PTR)result == L'5', "a digit stays");

    ok_int(CharUpperBuffW(buff, 3), 3);
    ok(!lstrcmpW(buff, L"ABCdef"), "CharUpperBuffW converts only the count given");
    ok_int(CharLowerBuffW(buff, 2), 2);
    ok(!lstrcmpW(buff, L"abCdef"), "CharLowerBuffW too");
    ok_int(CharUpperBuffW(buff, 0), 0);
}

static void test_case_ansi(void)
{
    char text[] = "Hello, World 123";
    char buff[] = "abcdef";
    LPSTR result = CharUpperA(text);
    ok(result == text && !lstrcmpA(text, "HELLO, WORLD 123"), "CharUpperA in place");
    CharLowerA(text);
    ok(!lstrcmpA(text, "hello, world 123"), "CharLowerA in place");
    result = CharUpperA((LPSTR)(ULONG_PTR)'z');
    ok((ULONG_PTR)result == 'Z', "a single character: 'z' -> %#lx", (unsigned long)(ULONG_PTR)result);
    ok_int(CharUpperBuffA(buff, 4), 4);
    ok(!lstrcmpA(buff, "ABCDef"), "CharUpperBuffA converts only the count given");
    ok_int(CharLowerBuffA(buff, 1), 1);
    ok(!lstrcmpA(buff, "aBCDef"), "CharLowerBuffA too");
    if (GetACP() == 1252) {
        char latin[] = "\xe9t\xe9";
        CharUpperA(latin);
        ok(!lstrcmpA(latin, "\xc9T\xc9"), "code page 1252: e acute upper-cased");
    }
}

static void test_step_wide(void)
{
    const WCHAR *text = L"a\x030a" L"b\x0301\x0302\x0303z";
    ok(CharNextW(text) == text + 2, "a + COMBINING RING ABOVE is one character");
    ok(CharNextW(text + 2) == text + 6, "b and three combining marks are one");
    ok(CharNextW(text + 6) == text + 7, "z");
    ok(CharNextW(text + 7) == text + 7, "at the terminator CharNextW stays");
    ok(CharPrevW(text, text + 7) == text + 6, "CharPrevW back to z");
    ok(CharPrevW(text, text + 6) == text + 2, "CharPrevW back over the marks to b");
    ok(CharPrevW(text, text + 2) == text, "CharPrevW back to a");
    ok(CharPrevW(text, text) == text, "CharPrevW at the start stays");
}

static void test_step_ansi(void)
{
    /* Code page 932 (Shift-JIS): 0x82 0xa0 is one character, a lead and a trail. */
    const char sjis[] = "a\x82\xa0" "b";
    const char *text = "abc";
    ok(CharNextA(text) == text + 1, "CharNextA");
    ok(CharNextA(text + 3) == text + 3, "CharNextA at the terminator stays");
    ok(CharPrevA(text, text + 2) == text + 1, "CharPrevA");
    ok(CharPrevA(text, text) == text, "CharPrevA at the start stays");
    ok(CharNextExA(932, sjis + 1, 0) == sjis + 3, "CharNextExA(932) steps over a lead and trail byte");
    ok(CharNextExA(1252, sjis + 1, 0) == sjis + 2, "CharNextExA(1252) steps one byte");
    ok(CharPrevExA(932, sjis, sjis + 3, 0) == sjis + 1, "CharPrevExA(932) back to the lead byte");
    ok(CharPrevExA(932, sjis, sjis + 1, 0) == sjis, "CharPrevExA(932) back to a");
    ok(CharPrevExA(1252, sjis, sjis + 3, 0) == sjis + 2, "CharPrevExA(1252) back one byte");
    ok(CharPrevExA(932, sjis, sjis, 0) == sjis, "CharPrevExA at the start stays");
}

int main(void)
{
    test_case_wide();
    test_case_ansi();
    test_step_wide();
    test_step_ansi();
    return vt_summary();
}
