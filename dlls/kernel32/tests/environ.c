/* The process environment as Windows builds it (the variables every logon
 * has, sorted by name), a child inheriting it, ExpandEnvironmentStrings with
 * Windows' exact sizes and short-buffer results, GetComputerName(Ex).
 * The driver (CTest) sets VINE_ENV_TEST=passed-through in the Unix
 * environment. */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

typedef NTSTATUS(WINAPI *expand_fn)(const WCHAR *, const WCHAR *, SIZE_T, WCHAR *, SIZE_T, SIZE_T *);

static char value_buffer[32768];

static const char *var(const char *name) {
    DWORD n = GetEnvironmentVariableA(name, value_buffer, sizeof(value_buffer));
    return n && n < sizeof(value_buffer) ? value_buffer : NULL;
}

static int starts_with_i(const char *s, const char *prefix) { return s && !_strnicmp(s, prefix, strlen(prefix)); }

static int is_directory(const char *path) {
    DWORD attributes = GetFileAttributesA(path);
    return attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY);
}

static void test_logon_variables(void) {
    char profile[MAX_PATH], expected[MAX_PATH + 64], number[32];
    SYSTEM_INFO info;
    GetSystemInfo(&info);

    ok_str(var("SystemRoot"), "C:\\windows");
    ok_str(var("windir"), "C:\\windows");
    ok_str(var("SystemDrive"), "C:");
    ok_str(var("ComSpec"), "C:\\windows\\system32\\cmd.exe");
    ok_str(var("OS"), "Windows_NT");
    ok_str(var("PROCESSOR_ARCHITECTURE"), "AMD64");
    ok_str(var("ProgramFiles"), "C:\\Program Files");
    ok_str(var("ProgramFiles(x86)"), "C:\\Program Files (x86)");
    ok_str(var("ProgramW6432"), "C:\\Program Files");
    ok_str(var("CommonProgramFiles"), "C:\\Program Files\\Common Files");
    ok_str(var("ProgramData"), "C:\\ProgramData");
    ok_str(var("ALLUSERSPROFILE"), "C:\\ProgramData");
    ok_str(var("PUBLIC"), "C:\\users\\Public");
    ok_str(var("HOMEDRIVE"), "C:");
    ok(var("PATHEXT") && strstr(var("PATHEXT"), ".EXE") && strstr(var("PATHEXT"), ".BAT"), "PATHEXT has .EXE, .BAT");
    sprintf(number, "%lu", info.dwNumberOfProcessors);
    ok_str(var("NUMBER_OF_PROCESSORS"), number);
    sprintf(number, "%u", info.wProcessorLevel);
    ok_str(var("PROCESSOR_LEVEL"), number);
    sprintf(number, "%04x", info.wProcessorRevision);
    ok_str(var("PROCESSOR_REVISION"), number);
    ok(starts_with_i(var("PROCESSOR_IDENTIFIER"), "Intel64 Family ") ||
           starts_with_i(var("PROCESSOR_IDENTIFIER"), "AMD64 Family "),
       "PROCESSOR_IDENTIFIER \"%s\"", var("PROCESSOR_IDENTIFIER") ? var("PROCESSOR_IDENTIFIER") : "(none)");

    ok(var("USERNAME") && *var("USERNAME"), "USERNAME is set");
    ok(var("USERPROFILE") && starts_with_i(var("USERPROFILE"), "C:\\users\\"), "USERPROFILE under C:\\users");
    strcpy(profile, var("USERPROFILE") ? var("USERPROFILE") : "");
    ok(is_directory(profile), "the profile %s exists", profile);
    sprintf(expected, "%s", profile + 2);
    ok_str(var("HOMEPATH"), expected);
    sprintf(expected, "%s\\AppData\\Roaming", profile);
    ok_str(var("APPDATA"), expected);
    sprintf(expected, "%s\\AppData\\Local", profile);
    ok_str(var("LOCALAPPDATA"), expected);
    ok(var("TEMP") && is_directory(var("TEMP")), "TEMP is a directory");
    ok(var("TMP") && is_directory(var("TMP")), "TMP is a directory");
    ok(var("TEMP") && (var("TEMP")[1] == ':'), "TEMP is a Windows path");

    /* Path: the system directories first, Windows paths throughout. */
    const char *path = var("PATH");
    ok(starts_with_i(path, "C:\\windows\\system32;C:\\windows;"), "PATH starts with the system directories: %.60s",
       path ? path : "(none)");
    ok(path && !strchr(path, '/'), "PATH has no Unix separators");

    /* The directories Windows names, the same as the variables. */
    char directory[MAX_PATH];
    ok(GetWindowsDirectoryA(directory, sizeof(directory)) == 10 && !_stricmp(directory, var("SystemRoot")),
       "GetWindowsDirectory is %%SystemRoot%%");
    ok_int(GetSystemWow64DirectoryA(directory, sizeof(directory)), 19);
    ok(!_stricmp(directory, "C:\\windows\\syswow64"), "GetSystemWow64Directory \"%s\"", directory);
    ok_int(GetSystemWow64DirectoryA(directory, 5), 20);

    /* Unix variables pass through. */
    ok_str(var("VINE_ENV_TEST"), "passed-through");
}

static void test_computer_name(void) {
    char name[MAX_COMPUTERNAME_LENGTH + 1], ex[256];
    WCHAR wide[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD size = 0;

    SetLastError(0xdeadbeef);
    ok(!GetComputerNameA((LPSTR)0xdeadbeef, &size), "GetComputerNameA with size 0 fails");
    ok_int(GetLastError(), ERROR_BUFFER_OVERFLOW);
    DWORD needed = size;
    ok(needed >= 2 && needed <= MAX_COMPUTERNAME_LENGTH + 1, "the size needed (%lu) counts the terminator", needed);
    size = sizeof(name);
    ok(GetComputerNameA(name, &size), "GetComputerNameA");
    ok_int(size, strlen(name));
    ok_int(size + 1, needed);
    ok_str(var("COMPUTERNAME"), name);
    int upper = 1;
    for (const char *p = name; *p; ++p)
        if (*p >= 'a' && *p <= 'z') upper = 0;
    ok(upper, "the NetBIOS name \"%s\" is upper case", name);

    size = 0;
    SetLastError(0xdeadbeef);
    ok(!GetComputerNameW((LPWSTR)0xdeadbeef, &size), "GetComputerNameW with size 0 fails");
    ok_int(GetLastError(), ERROR_BUFFER_OVERFLOW);
    size = MAX_COMPUTERNAME_LENGTH + 1;
    ok(GetComputerNameW(wide, &size), "GetComputerNameW");
    ok_int(size, (int)wcslen(wide));

    static const COMPUTER_NAME_FORMAT formats[] = {ComputerNameNetBIOS, ComputerNameDnsHostname, ComputerNameDnsDomain,
                                                   ComputerNameDnsFullyQualified, ComputerNamePhysicalNetBIOS};
    for (unsigned i = 0; i < sizeof(formats) / sizeof(formats[0]); ++i) {
        size = 0;
        SetLastError(0xdeadbeef);
        ok(!GetComputerNameExA(formats[i], NULL, &size), "GetComputerNameExA(%d, NULL) fails", formats[i]);
        ok_int(GetLastError(), ERROR_MORE_DATA);
        DWORD want = size;
        size = sizeof(ex);
        ok(GetComputerNameExA(formats[i], ex, &size), "GetComputerNameExA(%d)", formats[i]);
        ok_int(size + 1, want);
        ok_int(size, strlen(ex));
    }
    size = sizeof(ex);
    GetComputerNameExA(ComputerNameNetBIOS, ex, &size);
    ok_str(ex, name);
    size = sizeof(ex);
    GetComputerNameExA(ComputerNameDnsHostname, ex, &size);
    ok(!_strnicmp(ex, name, strlen(name)), "the DNS host name \"%s\" begins with the NetBIOS name", ex);
    size = sizeof(ex);
    SetLastError(0xdeadbeef);
    ok(!GetComputerNameExA(ComputerNameMax, ex, &size), "GetComputerNameExA(ComputerNameMax) fails");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);

    /* The wide form: the same names, the same size rules. */
    WCHAR wide_ex[256];
    char narrow[256];
    for (unsigned i = 0; i < sizeof(formats) / sizeof(formats[0]); ++i) {
        size = 0;
        SetLastError(0xdeadbeef);
        ok(!GetComputerNameExW(formats[i], NULL, &size), "GetComputerNameExW(%d, NULL) fails", formats[i]);
        ok_int(GetLastError(), ERROR_MORE_DATA);
        DWORD want = size;
        size = want - 1;
        SetLastError(0xdeadbeef);
        ok(!GetComputerNameExW(formats[i], wide_ex, &size), "GetComputerNameExW(%d) one short fails", formats[i]);
        ok_int(GetLastError(), ERROR_MORE_DATA);
        size = sizeof(wide_ex) / sizeof(WCHAR);
        ok(GetComputerNameExW(formats[i], wide_ex, &size), "GetComputerNameExW(%d)", formats[i]);
        ok_int(size + 1, want);
        ok_int(size, (int)wcslen(wide_ex));
        DWORD narrow_size = sizeof(narrow);
        GetComputerNameExA(formats[i], narrow, &narrow_size);
        WideCharToMultiByte(CP_ACP, 0, wide_ex, -1, ex, sizeof(ex), NULL, NULL);
        ok_str(ex, narrow);
    }
    size = 16;
    SetLastError(0xdeadbeef);
    ok(!GetComputerNameExW(ComputerNameMax, wide_ex, &size), "GetComputerNameExW(ComputerNameMax) fails");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
}

/* The initial block is sorted by name ignoring case. */
static void test_block_sorted(void) {
    WCHAR *block = GetEnvironmentStringsW(), *previous = NULL;
    int sorted = 1, count = 0;
    for (WCHAR *entry = block; *entry; entry += (int)wcslen(entry) + 1) {
        if (entry[0] == L'=') continue;
        if (previous) {
            const WCHAR *a = previous, *b = entry;
            while (*a && *a != L'=' && towupper(*a) == towupper(*b)) ++a, ++b;
            WCHAR ca = *a == L'=' ? 0 : towupper(*a), cb = *b == L'=' ? 0 : towupper(*b);
            if (ca > cb) sorted = 0;
        }
        previous = entry;
        ++count;
    }
    FreeEnvironmentStringsW(block);
    ok(sorted && count > 10, "the environment block is sorted (%d variables)", count);
}

static void test_expand(void) {
    /* Windows' results, as Wine's tests record them. */
    static const struct {
        const char *input, *expected;
        int count, result;
    } tests[] = {
        {"Long long value", "", 0, 17},      {"Long long value", "", 1, 17},
        {"Long long value", "", 16, 17},     {"Long long value", "Long long value", 17, 16},
        {"%TVAR% long long", "", 1, 16},     {"%TVAR% long long", "", 15, 16},
        {"%TVAR% long long", "VINE long long", 16, 15},
        {"%TVAR%%TVAR% long", "", 14, 15},   {"%TVAR%%TVAR% long", "VINEVINE long", 15, 14},
        {"%TVAR2% long long", "", 18, 19},   {"%TVAR2% long long", "%TVAR2% long long", 19, 18},
        {"%TVAR long long", "", 16, 17},     {"%TVAR long long", "%TVAR long long", 17, 16},
    };
    char buffer[64];
    SetEnvironmentVariableA("TVAR", "VINE");
    for (unsigned i = 0; i < sizeof(tests) / sizeof(tests[0]); ++i) {
        strcpy(buffer, "abcdefghijklmnopqrstuv");
        SetLastError(0xdeadbeef);
        DWORD result = ExpandEnvironmentStringsA(tests[i].input, buffer, tests[i].count);
        ok(result == (DWORD)tests[i].result, "A %u: \"%s\" in %d: %lu, expected %d", i, tests[i].input, tests[i].count,
           result, tests[i].result);
        ok(GetLastError() == 0xdeadbeef, "A %u: the last error is left alone (%lu)", i, GetLastError());
        ok(!strcmp(buffer, tests[i].expected), "A %u: \"%s\", expected \"%s\"", i, buffer, tests[i].expected);
    }

    SetLastError(0xdeadbeef);
    ok_int(ExpandEnvironmentStringsW(L"Long long value", NULL, 0), 16);
    ok_int(GetLastError(), 0xdeadbeef);
    WCHAR wide[64];
    ok_int(ExpandEnvironmentStringsW(L"x%TVAR%y%NOPE%z", wide, 64), 14);
    ok(!wcscmp(wide, L"xVINEy%NOPE%z"), "an unknown name stays as written");
    ok_int(ExpandEnvironmentStringsW(L"%tvar%", wide, 64), 5);
    ok(!wcscmp(wide, L"VINE"), "names compare ignoring case");
    ok_int(ExpandEnvironmentStringsA("%SystemRoot%\\system32", buffer, sizeof(buffer)), 20);
    ok_str(buffer, "C:\\windows\\system32");

    /* ntdll's form: what fits is written, the length is the whole. */
    static const struct {
        const WCHAR *input, *expected;
        int count, result;
    } rtl[] = {
        {L"Long long value", L"abcdefghijklmnopqrstuv", 1, 16},
        {L"Long long value", L"Lbcdefghijklmnopqrstuv", 2, 16},
        {L"Long long value", L"Long long valuopqrstuv", 15, 16},
        {L"Long long value", L"Long long value", 16, 16},
        {L"%TVAR% long long", L"", 4, 15},
        {L"%TVAR% long long", L"VINE", 5, 15},
        {L"%TVAR% long long", L"VINE lghijklmnopqrstuv", 7, 15},
        {L"%TVAR%%TVAR% long", L"VINE", 8, 14},
        {L"%TVAR% %TVAR% long", L"VINE VINE klmnopqrstuv", 11, 15},
        {L"%TVAR2% long long", L"%TVAR2%hijklmnopqrstuv", 8, 18},
    };
    expand_fn expand = (expand_fn)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlExpandEnvironmentStrings");
    ok(expand != NULL, "ntdll exports RtlExpandEnvironmentStrings");
    for (unsigned i = 0; expand && i < sizeof(rtl) / sizeof(rtl[0]); ++i) {
        SIZE_T needed = 0;
        wcscpy(wide, L"abcdefghijklmnopqrstuv");
        NTSTATUS status = expand(NULL, rtl[i].input, (int)wcslen(rtl[i].input), wide, rtl[i].count, &needed);
        ok_int(needed, rtl[i].result);
        ok(status == (rtl[i].count >= rtl[i].result ? 0 : (NTSTATUS)0xc0000023), "Rtl %u: status %lx", i, status);
        ok(!wcscmp(wide, rtl[i].expected), "Rtl %u: the buffer holds what Windows writes", i);
    }
    SetEnvironmentVariableA("TVAR", NULL);
}

/* A child started without an environment gets ours, changes included;
 * one started with a block gets exactly that block. */
static void test_child(const char *self) {
    char line[MAX_PATH * 2];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    DWORD code = 99;
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);

    SetEnvironmentVariableA("VINE_FROM_PARENT", "inherited value");
    sprintf(line, "\"%s\" child-inherits", self);
    ok(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess (inherit)");
    WaitForSingleObject(pi.hProcess, 30000);
    GetExitCodeProcess(pi.hProcess, &code);
    ok_int(code, 0);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);

    static const char block[] = "ONLY_VAR=only value\0SystemRoot=C:\\windows\0\0";
    sprintf(line, "\"%s\" child-block", self);
    code = 99;
    ok(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, (void *)block, NULL, &si, &pi), "CreateProcess (block)");
    WaitForSingleObject(pi.hProcess, 30000);
    GetExitCodeProcess(pi.hProcess, &code);
    ok_int(code, 0);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "child-inherits")) {
        ok_str(var("VINE_FROM_PARENT"), "inherited value");
        ok_str(var("SystemRoot"), "C:\\windows");
        ok_str(var("VINE_ENV_TEST"), "passed-through");
        return vt_summary();
    }
    if (argc > 1 && !strcmp(argv[1], "child-block")) {
        ok_str(var("ONLY_VAR"), "only value");
        ok(!var("VINE_ENV_TEST"), "nothing of the parent's environment");
        ok(!var("ComSpec"), "no logon variables are added");
        return vt_summary();
    }
    test_logon_variables();
    test_block_sorted();
    test_computer_name();
    test_expand();
    test_child(argv[0]);
    return vt_summary();
}
