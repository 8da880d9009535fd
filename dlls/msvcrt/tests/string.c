/* Narrow string functions of msvcrt.dll. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <ctype.h>
#include "vinetest.h"

int main(void)
{
    char buf[64], buf2[64];
    char *p;
    int i;

    strcpy(buf, "hello");
    ok_str(buf, "hello");
    ok(strcpy(buf2, "x") == buf2, "strcpy returns its destination");

    memset(buf, 'Z', sizeof(buf));
    p = strncpy(buf, "abc", 6);
    ok(p == buf && memcmp(buf, "abc\0\0\0Z", 7) == 0, "strncpy pads with NULs to n");
    memset(buf, 'Z', sizeof(buf));
    {
        const char *volatile src = "abcdef";
        strncpy(buf, src, 3);
    }
    ok(memcmp(buf, "abcZ", 4) == 0, "strncpy does not terminate when src is longer");

    strcpy(buf, "foo");
    strcat(buf, "bar");
    ok_str(buf, "foobar");
    {
        const char *volatile src = "bazqux";
        strncat(buf, src, 3);
    }
    ok_str(buf, "foobarbaz");

    ok(strcmp("abc", "abc") == 0, "strcmp equal");
    ok(strcmp("abc", "abd") < 0, "strcmp less");
    ok(strcmp("b", "abc") > 0, "strcmp greater");
    ok(strcmp("\xff", "a") > 0, "strcmp compares as unsigned char");
    ok(strncmp("abcdef", "abcxyz", 3) == 0, "strncmp prefix");
    ok(_stricmp("HeLLo", "hello") == 0, "_stricmp ignores case");
    ok(_stricmp("apple", "BANANA") < 0, "_stricmp orders case-insensitively");
    ok(_strnicmp("ABCdef", "abcXYZ", 3) == 0, "_strnicmp prefix");
    ok(_stricmp("_", "A") < 0, "_stricmp compares lower-cased ('_' < 'a')");

    strcpy(buf, "a/b/c");
    ok(strchr(buf, '/') == buf + 1, "strchr first");
    ok(strrchr(buf, '/') == buf + 3, "strrchr last");
    ok(strchr(buf, 'x') == NULL, "strchr missing");
    ok(strchr(buf, '\0') == buf + 5, "strchr finds the terminator");
    ok(strstr("needle in haystack", "hay") != NULL &&
       strcmp(strstr("needle in haystack", "hay"), "haystack") == 0, "strstr found");
    ok(strstr("abc", "abd") == NULL, "strstr missing");
    p = "abc";
    ok(strstr(p, "") == p, "strstr with empty needle returns haystack");

    ok(strspn("123abc", "0123456789") == 3, "strspn");
    ok(strcspn("abc,def", ",;") == 3, "strcspn");
    ok(strpbrk("abc,def", ",;") != NULL && *strpbrk("abc,def", ",;") == ',', "strpbrk");
    ok(strlen("") == 0 && strlen("four") == 4, "strlen");

    strcpy(buf, "  one,two;;three ");
    {
        const char *expect[] = { "one", "two", "three" };
        int count = 0, good = 1;
        for (p = strtok(buf, " ,;"); p; p = strtok(NULL, " ,;")) {
            if (count >= 3 || strcmp(p, expect[count]) != 0) good = 0;
            count++;
        }
        ok(good && count == 3, "strtok splits into 3 tokens (%d)", count);
    }

    /* memmove with overlap both ways */
    strcpy(buf, "0123456789");
    memmove(buf + 2, buf, 5);
    ok_str(buf, "0101234789");
    strcpy(buf, "0123456789");
    memmove(buf, buf + 3, 5);
    ok_str(buf, "3456756789");
    ok(memcmp("abc", "abd", 3) < 0 && memcmp("abc", "abd", 2) == 0, "memcmp");
    ok(memchr("abcdef", 'd', 6) != NULL && *(char *)memchr("abcdef", 'd', 6) == 'd', "memchr");
    memset(buf, 0x5a, 10);
    for (i = 0; i < 10 && buf[i] == 0x5a; i++);
    ok(i == 10, "memset");

    p = _strdup("duplicate");
    ok(p && strcmp(p, "duplicate") == 0, "_strdup");
    free(p);
    strcpy(buf, "MiXeD");
    ok_str(_strlwr(buf), "mixed");
    ok_str(_strupr(buf), "MIXED");
    strcpy(buf, "abc");
    ok_str(_strrev(buf), "cba");

    ok(toupper('a') == 'A' && tolower('Q') == 'q' && toupper('1') == '1', "toupper/tolower");
    ok(isdigit('7') && !isdigit('a') && isalpha('z') && isspace('\t') && !isspace('x'),
       "ctype classification");

    /* sprintf family (msvcrt in C without __USE_MINGW_ANSI_STDIO) */
    sprintf(buf, "%s-%03d-%c", "id", 7, 'z');
    ok_str(buf, "id-007-z");
    _snprintf(buf, sizeof(buf), "%d", 12345);
    ok_str(buf, "12345");
    {
        int a = 0, b = 0; char w[16] = "";
        int n = sscanf("12 34 word", "%d %d %15s", &a, &b, w);
        ok(n == 3 && a == 12 && b == 34 && strcmp(w, "word") == 0, "sscanf (%d %d %d %s)", n, a, b, w);
    }
    _itoa(-255, buf, 16);
    ok_str(buf, "ffffff01");
    _itoa(-255, buf, 10);
    ok_str(buf, "-255");
    _ultoa(255, buf, 2);
    ok_str(buf, "11111111");

    return vt_summary();
}
