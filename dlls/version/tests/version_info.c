/* GetFileVersionInfoSize/GetFileVersionInfo of this EXE (version.rc) and
 * VerQueryValue of the fixed part, the translation table and a string, in
 * both the W and the A forms; files without version information. */
#include <windows.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

int main(void)
{
    WCHAR path[MAX_PATH];
    char path_a[MAX_PATH];
    DWORD handle = 1234, size;
    BYTE *block;
    VS_FIXEDFILEINFO *fixed = NULL;
    WORD *translation = NULL;
    WCHAR *text = NULL;
    char *text_a = NULL;
    UINT length = 0;
    HANDLE file;
    DWORD written;

    GetModuleFileNameW(NULL, path, MAX_PATH);
    size = GetFileVersionInfoSizeW(path, &handle);
    ok(size > sizeof(VS_FIXEDFILEINFO), "GetFileVersionInfoSizeW: %lu (error %lu)", size, GetLastError());
    ok(handle == 0, "the handle is set to 0");
    if (size <= sizeof(VS_FIXEDFILEINFO)) return vt_summary();
    block = HeapAlloc(GetProcessHeap(), 0, size);
    ok(GetFileVersionInfoW(path, 0, size, block), "GetFileVersionInfoW");

    ok(VerQueryValueW(block, L"\\", (void **)&fixed, &length), "VerQueryValueW(\\)");
    ok(length == sizeof(VS_FIXEDFILEINFO), "the fixed part's length: %u", length);
    if (fixed) {
        ok(fixed->dwSignature == 0xfeef04bd, "signature %#lx", fixed->dwSignature);
        ok(fixed->dwFileVersionMS == 0x00010002 && fixed->dwFileVersionLS == 0x00030004, "file version 1.2.3.4");
        ok(fixed->dwProductVersionMS == 0x00050006 && fixed->dwProductVersionLS == 0x00070008,
           "product version 5.6.7.8");
        ok(fixed->dwFileType == VFT_APP && fixed->dwFileOS == VOS_NT_WINDOWS32, "type and OS");
    }
    ok(VerQueryValueW(block, L"\\VarFileInfo\\Translation", (void **)&translation, &length), "Translation");
    ok(length == 4 && translation && translation[0] == 0x409 && translation[1] == 1200,
       "one translation, 0x409 and 1200: %u bytes", length);
    ok(VerQueryValueW(block, L"\\StringFileInfo\\040904b0\\ProductVersion", (void **)&text, &length),
       "ProductVersion");
    ok(text && !wcscmp(text, L"5.6.7.8-test"), "is 5.6.7.8-test: %ls", text ? text : L"(null)");
    ok(length >= 12 && length <= 13, "its length in characters: %u", length);
    ok(VerQueryValueW(block, L"\\stringfileinfo\\040904B0\\companyname", (void **)&text, &length)
       && !wcscmp(text, L"Vine Project"), "keys match ignoring case");
    ok(!VerQueryValueW(block, L"\\StringFileInfo\\040904b0\\NoSuchValue", (void **)&text, &length),
       "a missing value");
    HeapFree(GetProcessHeap(), 0, block);

    GetModuleFileNameA(NULL, path_a, MAX_PATH);
    size = GetFileVersionInfoSizeA(path_a, NULL);
    ok(size > 0, "GetFileVersionInfoSizeA");
    block = HeapAlloc(GetProcessHeap(), 0, size);
    ok(GetFileVersionInfoA(path_a, 0, size, block), "GetFileVersionInfoA");
    ok(VerQueryValueA(block, "\\StringFileInfo\\040904b0\\FileDescription", (void **)&text_a, &length)
       && text_a && !strcmp(text_a, "version test"), "VerQueryValueA gives the narrow string: %s",
       text_a ? text_a : "(null)");
    ok(VerQueryValueA(block, "\\", (void **)&fixed, &length) && length == sizeof(VS_FIXEDFILEINFO)
       && fixed->dwSignature == 0xfeef04bd, "VerQueryValueA(\\)");
    HeapFree(GetProcessHeap(), 0, block);

    SetLastError(0);
    ok(GetFileVersionInfoSizeW(L"C:\\no\\such\\file.dll", &handle) == 0, "a missing file: %lu", GetLastError());
    ok(GetLastError() == ERROR_FILE_NOT_FOUND || GetLastError() == ERROR_PATH_NOT_FOUND,
       "ERROR_FILE_NOT_FOUND or ERROR_PATH_NOT_FOUND: %lu", GetLastError());
    file = CreateFileW(L"not_a_pe.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(file, "plain text, no headers\r\n", 24, &written, NULL);
    CloseHandle(file);
    ok(GetFileVersionInfoSizeW(L"not_a_pe.txt", &handle) == 0, "a text file has no version information");
    DeleteFileW(L"not_a_pe.txt");
    return vt_summary();
}
