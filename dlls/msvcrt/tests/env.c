/* Environment variables: the runner sets VINETEST_VAR=hello world and
 * VINETEST_EMPTY_NOT_SET is never set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "vinetest.h"

int main(int argc, char **argv, char **envp)
{
    WCHAR wbuf[64];
    char buf[64];
    DWORD n;
    const char *v;
    int found, i;

    /* inherited from the Unix environment of the runner */
    v = getenv("VINETEST_VAR");
    ok(v && strcmp(v, "hello world") == 0, "getenv(VINETEST_VAR) = \"%s\"", v ? v : "(null)");
    v = getenv("vinetest_var");
    ok(v && strcmp(v, "hello world") == 0, "getenv is case-insensitive");
    n = GetEnvironmentVariableW(L"VINETEST_VAR", wbuf, 64);
    ok(n == 11 && wcscmp(wbuf, L"hello world") == 0,
       "GetEnvironmentVariableW returns length 11 (%lu) \"%ls\"", n, wbuf);
    n = GetEnvironmentVariableW(L"VineTest_Var", wbuf, 64);
    ok(n == 11, "GetEnvironmentVariableW is case-insensitive (%lu)", n);
    /* buffer too small: required size including the terminator */
    n = GetEnvironmentVariableW(L"VINETEST_VAR", wbuf, 5);
    ok(n == 12, "GetEnvironmentVariableW with a small buffer returns 12 (%lu)", n);
    n = GetEnvironmentVariableA("VINETEST_VAR", buf, sizeof(buf));
    ok(n == 11 && strcmp(buf, "hello world") == 0, "GetEnvironmentVariableA (%lu)", n);

    found = 0;
    for (i = 0; envp[i]; i++)
        if (!strncmp(envp[i], "VINETEST_VAR=", 13)) found = !strcmp(envp[i] + 13, "hello world");
    ok(found, "envp of main contains VINETEST_VAR=hello world");
    found = 0;
    for (i = 0; _environ[i]; i++)
        if (!strncmp(_environ[i], "VINETEST_VAR=", 13)) found = 1;
    ok(found, "_environ contains VINETEST_VAR");

    /* missing variable */
    ok(getenv("VINETEST_EMPTY_NOT_SET") == NULL, "getenv of a missing variable is NULL");
    SetLastError(0xdeadbeef);
    n = GetEnvironmentVariableW(L"VINETEST_EMPTY_NOT_SET", wbuf, 64);
    ok(n == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND,
       "GetEnvironmentVariableW missing: 0, ERROR_ENVVAR_NOT_FOUND (%lu, %lu)", n, GetLastError());

    /* _putenv updates both the CRT copy and the process environment */
    ok(_putenv("VINETEST_PUT=one") == 0, "_putenv");
    v = getenv("VINETEST_PUT");
    ok(v && strcmp(v, "one") == 0, "getenv after _putenv = \"%s\"", v ? v : "(null)");
    n = GetEnvironmentVariableW(L"VINETEST_PUT", wbuf, 64);
    ok(n == 3 && wcscmp(wbuf, L"one") == 0, "GetEnvironmentVariableW sees _putenv (%lu)", n);
    ok(_putenv("VINETEST_PUT=") == 0, "_putenv(NAME=) removes");
    ok(getenv("VINETEST_PUT") == NULL, "getenv after removal is NULL");
    n = GetEnvironmentVariableW(L"VINETEST_PUT", wbuf, 64);
    ok(n == 0, "GetEnvironmentVariableW after removal is 0 (%lu)", n);
    ok(_wputenv(L"VINETEST_WPUT=w\x00e9") == 0, "_wputenv");
    ok(_wgetenv(L"VINETEST_WPUT") && wcscmp(_wgetenv(L"VINETEST_WPUT"), L"w\x00e9") == 0, "_wgetenv");

    /* SetEnvironmentVariableW changes the process environment ... */
    ok(SetEnvironmentVariableW(L"VINETEST_SET", L"two"), "SetEnvironmentVariableW");
    n = GetEnvironmentVariableW(L"VINETEST_SET", wbuf, 64);
    ok(n == 3 && wcscmp(wbuf, L"two") == 0, "GetEnvironmentVariableW after Set (%lu)", n);
    n = GetEnvironmentVariableW(L"VINETEST_SET", NULL, 0);
    ok(n == 4, "GetEnvironmentVariableW(NULL, 0) returns the size with terminator (%lu)", n);
    /* ... but not the CRT's copy read by getenv (documented for getenv) */
    ok(getenv("VINETEST_SET") == NULL, "getenv does not see SetEnvironmentVariable");
    ok(SetEnvironmentVariableW(L"VINETEST_SET", NULL), "SetEnvironmentVariableW(NULL) deletes");
    n = GetEnvironmentVariableW(L"VINETEST_SET", wbuf, 64);
    ok(n == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND, "deleted variable is gone");
    ok(SetEnvironmentVariableW(L"VINETEST_EMPTY", L""), "set empty value");
    n = GetEnvironmentVariableW(L"VINETEST_EMPTY", wbuf, 64);
    ok(n == 0 && wbuf[0] == 0, "empty value reads back as length 0 (%lu)", n);

    /* ExpandEnvironmentStringsW */
    n = ExpandEnvironmentStringsW(L"[%VINETEST_VAR%] [%VINETEST_NOPE%]", wbuf, 64);
    ok(n == 32 && wcscmp(wbuf, L"[hello world] [%VINETEST_NOPE%]") == 0,
       "ExpandEnvironmentStringsW \"%ls\" (%lu)", wbuf, n);

    /* standard variables exist */
    ok(GetEnvironmentVariableW(L"SystemRoot", wbuf, 64) > 0, "SystemRoot is set (%ls)", wbuf);
    ok(GetEnvironmentVariableW(L"PATH", NULL, 0) > 0, "PATH is set");

    return vt_summary();
}
