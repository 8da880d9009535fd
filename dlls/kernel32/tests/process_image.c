/* CreateProcessW and the image file: what is refused before a child starts
 * (a directory, a file that is no PE image, an image another process is
 * writing), and that the image is found ignoring case.
 *   process_image            the test
 *   process_image child OUT  writes its GetModuleFileNameW to OUT, exits 7 */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#include "vinetest.h"

static WCHAR self[MAX_PATH];

static BOOL run(const WCHAR *image, const WCHAR *arguments, DWORD *code)
{
    WCHAR line[MAX_PATH * 3];
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    swprintf(line, MAX_PATH * 3, L"\"%ls\" %ls", image, arguments);
    if (!CreateProcessW(image, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return FALSE;
    WaitForSingleObject(pi.hProcess, 20000);
    GetExitCodeProcess(pi.hProcess, code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return TRUE;
}

static void expect_refused(const WCHAR *image, DWORD expected, const char *what)
{
    DWORD code = 0, error;
    BOOL started;
    SetLastError(0xdeadbeef);
    started = run(image, L"child x", &code);
    error = GetLastError();
    ok(!started && error == expected, "%s: started %d, error %lu, expected %lu", what, started, error, expected);
}

static void write_file(const WCHAR *name, const void *data, DWORD size)
{
    DWORD written = 0;
    HANDLE file = CreateFileW(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "create %ls", name);
    WriteFile(file, data, size, &written, NULL);
    CloseHandle(file);
}

static void test_refused(void)
{
    HANDLE writer;

    /* (Wine 8 gives ERROR_INVALID_HANDLE for a directory) */
    CreateDirectoryW(L"pimage dir.exe", NULL);
    expect_refused(L"pimage dir.exe", ERROR_ACCESS_DENIED, "a directory");
    RemoveDirectoryW(L"pimage dir.exe");
    expect_refused(L"pimage missing.exe", ERROR_FILE_NOT_FOUND, "a missing image");
    expect_refused(L"pimage missing dir\\x.exe", ERROR_PATH_NOT_FOUND, "an image in a missing directory");

    /* a command line whose first piece cannot be a file name: no program found
     * (with it as the application name the name itself is refused) */
    {
        STARTUPINFOW si = {sizeof si};
        PROCESS_INFORMATION pi;
        WCHAR line[] = L"pimagedir\\\"x.exe arg";
        SetLastError(0xdeadbeef);
        ok(!CreateProcessW(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi) &&
               GetLastError() == ERROR_FILE_NOT_FOUND,
           "a quote inside the program's name: error %lu", GetLastError());
    }
    expect_refused(L"pimage dir\\\"x.exe", ERROR_INVALID_NAME, "an application name with a quote");

    write_file(L"pimage empty.exe", "", 0);
    expect_refused(L"pimage empty.exe", ERROR_BAD_EXE_FORMAT, "an empty file");
    DeleteFileW(L"pimage empty.exe");

    /* a real image while another handle writes it */
    ok(CopyFileW(self, L"pimage busy.exe", FALSE), "copy the image (%lu)", GetLastError());
    writer = CreateFileW(L"pimage busy.exe", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(writer != INVALID_HANDLE_VALUE, "open it for writing, sharing nothing");
    expect_refused(L"pimage busy.exe", ERROR_SHARING_VIOLATION, "an image open for writing, unshared");
    CloseHandle(writer);
    writer = CreateFileW(L"pimage busy.exe", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                         0, NULL);
    ok(writer != INVALID_HANDLE_VALUE, "open it for writing, sharing reads");
    expect_refused(L"pimage busy.exe", ERROR_SHARING_VIOLATION, "an image open for writing, sharing reads");
    CloseHandle(writer);
    ok(DeleteFileW(L"pimage busy.exe"), "DeleteFileW (%lu)", GetLastError());
}

static void test_started(void)
{
    WCHAR expected[MAX_PATH], reported[MAX_PATH] = {0};
    DWORD code = 0, read = 0;
    HANDLE reader, out;

    ok(CopyFileW(self, L"pimage Good.exe", FALSE), "copy the image (%lu)", GetLastError());
    /* a reader sharing reads does not stop it */
    reader = CreateFileW(L"pimage Good.exe", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(reader != INVALID_HANDLE_VALUE, "open it for reading");
    ok(run(L"PIMAGE GOOD.EXE", L"child pimage.out", &code), "CreateProcessW spelled otherwise (%lu)",
       GetLastError());
    ok_int(code, 7);
    CloseHandle(reader);
    out = CreateFileW(L"pimage.out", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(out != INVALID_HANDLE_VALUE, "the child's report");
    ReadFile(out, reported, sizeof reported - sizeof(WCHAR), &read, NULL);
    CloseHandle(out);
    GetFullPathNameW(L"pimage Good.exe", MAX_PATH, expected, NULL);
    ok(!_wcsicmp(reported, expected), "the child's image: %ls, expected %ls", reported, expected);
    DeleteFileW(L"pimage.out");
    ok(DeleteFileW(L"pimage Good.exe"), "DeleteFileW once it ended (%lu)", GetLastError());
}

int wmain(int argc, WCHAR **argv)
{
    if (argc == 3 && !wcscmp(argv[1], L"child")) {
        WCHAR name[MAX_PATH];
        DWORD length = GetModuleFileNameW(NULL, name, MAX_PATH), written = 0;
        HANDLE out = CreateFileW(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
        if (out == INVALID_HANDLE_VALUE) return 2;
        WriteFile(out, name, length * sizeof(WCHAR), &written, NULL);
        CloseHandle(out);
        return 7;
    }
    GetModuleFileNameW(NULL, self, MAX_PATH);
    test_refused();
    test_started();
    return vt_summary();
}
