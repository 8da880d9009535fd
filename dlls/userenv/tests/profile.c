/* userenv: the profile folders, for the process's (pseudo) token. */
#include <windows.h>
#include <userenv.h>

#include <wchar.h>

#include "vinetest.h"

/* GetCurrentProcessToken() of Windows 8's headers. */
#define CURRENT_PROCESS_TOKEN ((HANDLE)(LONG_PTR)-4)

static const char *u8(const WCHAR *text)
{
    static char out[4][MAX_PATH * 2];
    static int next;
    char *buffer = out[next++ % 4];
    WideCharToMultiByte(CP_UTF8, 0, text, -1, buffer, MAX_PATH * 2, NULL, NULL);
    return buffer;
}

/* The value of `name` in an environment block, or NULL. */
static const WCHAR *lookup(const WCHAR *block, const WCHAR *name)
{
    size_t n = wcslen(name);
    for (; *block; block += wcslen(block) + 1)
        if (!_wcsnicmp(block, name, n) && block[n] == '=') return block + n + 1;
    return NULL;
}

/* Environment order: names compared in upper case, as Windows sorts blocks. */
static int compare_names(const WCHAR *a, const WCHAR *b)
{
    for (;; a++, b++) {
        WCHAR x = *a == '=' ? 0 : (*a >= 'a' && *a <= 'z' ? *a - 32 : *a);
        WCHAR y = *b == '=' ? 0 : (*b >= 'a' && *b <= 'z' ? *b - 32 : *b);
        if (x != y) return x < y ? -1 : 1;
        if (!x) return 0;
    }
}

static void test_environment_block(const WCHAR *profile)
{
    void *block = NULL;
    const WCHAR *value, *entry, *previous = NULL;
    BOOL sorted = TRUE;
    WCHAR windows[MAX_PATH];

    GetWindowsDirectoryW(windows, MAX_PATH);
    ok(CreateEnvironmentBlock(&block, CURRENT_PROCESS_TOKEN, FALSE), "CreateEnvironmentBlock: %lu", GetLastError());
    if (block) {
        value = lookup(block, L"USERPROFILE");
        ok(value && !_wcsicmp(value, profile), "USERPROFILE=%s", value ? u8(value) : "(none)");
        value = lookup(block, L"SystemRoot");
        ok(value && !_wcsicmp(value, windows), "SystemRoot=%s", value ? u8(value) : "(none)");
        value = lookup(block, L"TEMP");
        ok(value != NULL && !wcschr(value, '%'), "TEMP is there, expanded: %s", value ? u8(value) : "(none)");
        value = lookup(block, L"ALLUSERSPROFILE");
        ok(value && !_wcsicmp(value, L"C:\\ProgramData"), "ALLUSERSPROFILE=%s", value ? u8(value) : "(none)");
        for (entry = block; *entry; entry += wcslen(entry) + 1) {
            if (previous && compare_names(previous, entry) > 0) sorted = FALSE;
            previous = entry;
        }
        ok(sorted, "the block is sorted");
        ok(DestroyEnvironmentBlock(block), "DestroyEnvironmentBlock");
    }
    /* Without a token: the system's variables, and SystemRoot taken from
     * the caller's environment (Windows does so even without inheriting). */
    {
        static const WCHAR *names[] = {L"ComSpec", L"COMPUTERNAME", L"NUMBER_OF_PROCESSORS", L"OS",
                                       L"PROCESSOR_ARCHITECTURE", L"SystemDrive", L"windir", L"ALLUSERSPROFILE",
                                       L"TEMP", L"TMP", L"CommonProgramFiles", L"ProgramFiles", L"PATH",
                                       L"USERPROFILE", L"ProgramW6432", L"CommonProgramW6432"};
        int i;
        WCHAR saved[MAX_PATH];
        GetEnvironmentVariableW(L"SystemRoot", saved, MAX_PATH);
        SetEnvironmentVariableW(L"SystemRoot", L"overwrite");
        block = NULL;
        ok(CreateEnvironmentBlock(&block, NULL, FALSE), "CreateEnvironmentBlock without a token");
        SetEnvironmentVariableW(L"SystemRoot", saved);
        if (block) {
            value = lookup(block, L"SystemRoot");
            ok(value && !wcscmp(value, L"overwrite"), "SystemRoot is the caller's: %s", value ? u8(value) : "(none)");
            for (i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++)
                ok(lookup(block, names[i]) != NULL, "%s is in the block", u8(names[i]));
            DestroyEnvironmentBlock(block);
        }
    }

    /* Inheriting keeps the process's own variables. */
    SetEnvironmentVariableW(L"VINE_USERENV_TEST", L"inherited");
    block = NULL;
    ok(CreateEnvironmentBlock(&block, CURRENT_PROCESS_TOKEN, TRUE), "CreateEnvironmentBlock(inherit)");
    if (block) {
        value = lookup(block, L"VINE_USERENV_TEST");
        ok(value && !wcscmp(value, L"inherited"), "the process's variable is inherited");
        DestroyEnvironmentBlock(block);
    }
    ok(CreateEnvironmentBlock(&block, CURRENT_PROCESS_TOKEN, FALSE), "CreateEnvironmentBlock(no inherit)");
    if (block) {
        ok(lookup(block, L"VINE_USERENV_TEST") == NULL, "not inherited unless asked");
        DestroyEnvironmentBlock(block);
    }
    SetLastError(0xdeadbeef);
    ok(!CreateEnvironmentBlock(NULL, CURRENT_PROCESS_TOKEN, FALSE), "no result pointer");
}

int main(void)
{
    WCHAR path[MAX_PATH], expected[MAX_PATH], user[256];
    char apath[MAX_PATH];
    DWORD size, user_size = 256, attributes;
    BOOL result;

    GetUserNameW(user, &user_size);
    wcscpy(expected, L"C:\\users\\");
    wcscat(expected, user);

    size = MAX_PATH;
    result = GetUserProfileDirectoryW(CURRENT_PROCESS_TOKEN, path, &size);
    ok(result, "GetUserProfileDirectoryW(pseudo token): %lu", GetLastError());
    ok(!_wcsicmp(path, expected), "the profile is %s, expected %s", u8(path), u8(expected));
    ok_int(size, (int)wcslen(path) + 1);
    attributes = GetFileAttributesW(path);
    ok(attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY), "the profile exists");

    /* A token opened from the process: the same user, the same profile. */
    {
        HANDLE token = NULL;
        WCHAR again[MAX_PATH];
        ok(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token), "OpenProcessToken");
        size = MAX_PATH;
        ok(GetUserProfileDirectoryW(token, again, &size), "GetUserProfileDirectoryW(token): %lu", GetLastError());
        ok(!wcscmp(again, path), "the same profile: %s", u8(again));
        CloseHandle(token);
        /* An event is no token. */
        token = CreateEventW(NULL, FALSE, FALSE, NULL);
        size = MAX_PATH;
        SetLastError(0xdeadbeef);
        ok(!GetUserProfileDirectoryW(token, again, &size), "an event is no token");
        ok(GetLastError() == ERROR_INVALID_HANDLE || GetLastError() == ERROR_ACCESS_DENIED,
           "GetLastError() %lu", GetLastError());
        CloseHandle(token);
    }

    /* The size protocol: the characters needed, with the terminator. */
    size = 3;
    SetLastError(0xdeadbeef);
    ok(!GetUserProfileDirectoryW(CURRENT_PROCESS_TOKEN, path, &size), "a short buffer fails");
    ok_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    ok_int(size, (int)wcslen(expected) + 1);
    size = 0;
    SetLastError(0xdeadbeef);
    ok(!GetUserProfileDirectoryW(CURRENT_PROCESS_TOKEN, NULL, &size), "no buffer fails");
    ok_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    ok_int(size, (int)wcslen(expected) + 1);
    SetLastError(0xdeadbeef);
    ok(!GetUserProfileDirectoryW(CURRENT_PROCESS_TOKEN, path, NULL), "no size fails");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0xdeadbeef);
    size = MAX_PATH;
    ok(!GetUserProfileDirectoryW(NULL, path, &size), "no token fails");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);

    SetLastError(0xdeadbeef);
    ok(!GetUserProfileDirectoryW(NULL, NULL, NULL), "GetUserProfileDirectoryW(NULL, NULL, NULL)");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
    /* The A form checks its buffer first, and wants one. */
    SetLastError(0xdeadbeef);
    ok(!GetUserProfileDirectoryA(NULL, NULL, NULL), "GetUserProfileDirectoryA(NULL, NULL, NULL)");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    size = 0;
    SetLastError(0xdeadbeef);
    ok(!GetUserProfileDirectoryA(CURRENT_PROCESS_TOKEN, NULL, &size), "GetUserProfileDirectoryA without a buffer");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    ok_int(size, 0);
    size = 0;
    SetLastError(0xdeadbeef);
    ok(!GetUserProfileDirectoryA(CURRENT_PROCESS_TOKEN, apath, &size), "GetUserProfileDirectoryA, size 0");
    ok_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    ok_int(size, wcslen(expected) + 1);

    size = MAX_PATH;
    ok(GetUserProfileDirectoryA(CURRENT_PROCESS_TOKEN, apath, &size), "GetUserProfileDirectoryA");
    ok(!_stricmp(apath, u8(expected)), "GetUserProfileDirectoryA: %s", apath);
    ok_int(size, (int)strlen(apath) + 1);

    size = MAX_PATH;
    ok(GetProfilesDirectoryW(path, &size), "GetProfilesDirectoryW");
    ok(!_wcsicmp(path, L"C:\\users"), "profiles: %s", u8(path));
    size = MAX_PATH;
    ok(GetDefaultUserProfileDirectoryW(path, &size), "GetDefaultUserProfileDirectoryW");
    ok(!_wcsicmp(path, L"C:\\users\\Default"), "default profile: %s", u8(path));
    size = MAX_PATH;
    ok(GetAllUsersProfileDirectoryW(path, &size), "GetAllUsersProfileDirectoryW");
    ok(!_wcsicmp(path, L"C:\\ProgramData"), "all users: %s", u8(path));
    /* GetProfilesDirectory as Windows really behaves (not as documented): a
     * short buffer gets the length without the terminator, success returns
     * the number of characters. */
    size = 2;
    SetLastError(0xdeadbeef);
    ok(!GetProfilesDirectoryW(path, &size), "GetProfilesDirectoryW with a short buffer");
    ok_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    ok_int(size, 8);
    size = 0;
    SetLastError(0xdeadbeef);
    ok(!GetProfilesDirectoryW(NULL, &size), "GetProfilesDirectoryW(NULL)");
    ok_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    ok(size > 0, "a size is given");
    SetLastError(0xdeadbeef);
    ok(!GetProfilesDirectoryW(NULL, NULL), "GetProfilesDirectoryW(NULL, NULL)");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    size = 1;
    SetLastError(0xdeadbeef);
    ok(!GetProfilesDirectoryA(apath, &size), "GetProfilesDirectoryA with a short buffer");
    ok_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    ok_int(size, 8);
    size = MAX_PATH;
    ok_int(GetProfilesDirectoryA(apath, &size), 8);
    ok(!_stricmp(apath, "C:\\users"), "GetProfilesDirectoryA: %s", apath);
    size = MAX_PATH;
    SetLastError(0xdeadbeef);
    ok(!GetProfilesDirectoryA(NULL, &size), "GetProfilesDirectoryA(NULL)");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);

    test_environment_block(expected);
    return vt_summary();
}
