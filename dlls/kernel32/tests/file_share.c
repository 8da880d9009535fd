/* kernel32 share modes: a file opened without sharing cannot be opened again
 * (ERROR_SHARING_VIOLATION), and share flags decide which later opens work. */
#include <stdio.h>
#include <windows.h>
#include "vinetest.h"

int main(void)
{
    HANDLE h, h2;

    h = CreateFileW(L"k32share.bin", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                    FILE_ATTRIBUTE_NORMAL, NULL);
    ok(h != INVALID_HANDLE_VALUE, "CreateFileW CREATE_ALWAYS");

    /* the file is open with share mode 0 */
    SetLastError(0xdeadbeef);
    h2 = CreateFileW(L"k32share.bin", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(h2 == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION,
       "second open without sharing: ERROR_SHARING_VIOLATION (%lu)", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!DeleteFileW(L"k32share.bin") && GetLastError() == ERROR_SHARING_VIOLATION,
       "DeleteFileW of a file open without FILE_SHARE_DELETE: ERROR_SHARING_VIOLATION (%lu)", GetLastError());
    ok(CloseHandle(h), "CloseHandle");

    /* shared for reading: another reader is fine, a writer is not */
    h = CreateFileW(L"k32share.bin", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "open for reading, sharing reads");
    h2 = CreateFileW(L"k32share.bin", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(h2 != INVALID_HANDLE_VALUE, "a second reader sharing reads");
    CloseHandle(h2);
    SetLastError(0xdeadbeef);
    h2 = CreateFileW(L"k32share.bin", GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(h2 == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION,
       "a writer when only reads are shared: ERROR_SHARING_VIOLATION (%lu)", GetLastError());
    CloseHandle(h);

    ok(DeleteFileW(L"k32share.bin"), "DeleteFileW once closed");
    return vt_summary();
}
