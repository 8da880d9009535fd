/* GetModuleHandleW/GetModuleFileNameW and the PEB's image base. */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <winternl.h>
#include "vinetest.h"

extern IMAGE_DOS_HEADER __ImageBase;

int main(void)
{
    WCHAR path[MAX_PATH], small[8];
    char apath[MAX_PATH];
    DWORD n, len;
    HMODULE exe, k32, k32b, h;
    PEB *peb;
    IMAGE_NT_HEADERS *nt;

    exe = GetModuleHandleW(NULL);
    ok(exe == (HMODULE)&__ImageBase, "GetModuleHandleW(NULL) == __ImageBase (%p, %p)", exe, &__ImageBase);
    ok(GetModuleHandleA(NULL) == exe, "GetModuleHandleA(NULL) == exe");
    /* TEB->ProcessEnvironmentBlock is at gs:0x60 on x64 */
    __asm__ volatile("movq %%gs:0x60, %0" : "=r"(peb));
    ok(peb && peb->Reserved3[1] == (PVOID)exe, "PEB ImageBaseAddress == exe");
    ok(((IMAGE_DOS_HEADER *)exe)->e_magic == IMAGE_DOS_SIGNATURE, "MZ signature at the image base");
    nt = (IMAGE_NT_HEADERS *)((char *)exe + ((IMAGE_DOS_HEADER *)exe)->e_lfanew);
    ok(nt->Signature == IMAGE_NT_SIGNATURE, "PE signature");
    ok(nt->OptionalHeader.Magic == IMAGE_NT_OPTIONAL_HDR64_MAGIC, "PE32+ optional header");
    ok((char *)main >= (char *)exe && (char *)main < (char *)exe + nt->OptionalHeader.SizeOfImage,
       "main lies inside the image");

    len = GetModuleFileNameW(NULL, path, MAX_PATH);
    ok(len > 0 && len == wcslen(path), "GetModuleFileNameW returns the length (%lu)", len);
    ok(len >= 20 && !_wcsicmp(path + len - 20, L"\\kernel32_module.exe"), "path ends with \\kernel32_module.exe: %ls", path);
    ok(len > 3 && path[1] == L':' && path[2] == L'\\', "path is a DOS path with a drive: %ls", path);
    n = GetModuleFileNameW(exe, small, MAX_PATH);
    ok(n == len, "GetModuleFileNameW(exe handle) same length");
    n = GetModuleFileNameA(NULL, apath, MAX_PATH);
    ok(n == len && strlen(apath) == n, "GetModuleFileNameA length (%lu)", n);

    /* buffer too small: truncated, terminated, returns nSize,
     * ERROR_INSUFFICIENT_BUFFER */
    SetLastError(0xdeadbeef);
    wmemset(small, L'#', 8);
    n = GetModuleFileNameW(NULL, small, 8);
    ok(n == 8, "small buffer returns nSize 8 (%lu)", n);
    ok(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "ERROR_INSUFFICIENT_BUFFER (%lu)", GetLastError());
    /* Windows Vista and later terminate the truncated string (XP did not) */
    ok(small[7] == 0 && !wcsncmp(small, path, 7), "truncated to 7 characters and terminated");

    k32 = GetModuleHandleW(L"kernel32.dll");
    ok(k32 != NULL, "GetModuleHandleW(kernel32.dll)");
    k32b = GetModuleHandleW(L"KERNEL32");
    ok(k32b == k32, "GetModuleHandleW(KERNEL32) without extension, any case");
    len = GetModuleFileNameW(k32, path, MAX_PATH);
    ok(len > 0 && !_wcsicmp(path + len - 13, L"\\kernel32.dll"), "kernel32 path: %ls", path);
    ok(GetModuleHandleW(L"ntdll.dll") != NULL, "ntdll.dll is loaded");
    SetLastError(0xdeadbeef);
    h = GetModuleHandleW(L"not-loaded-module.dll");
    ok(h == NULL && GetLastError() == ERROR_MOD_NOT_FOUND,
       "GetModuleHandleW of an unloaded module: NULL, ERROR_MOD_NOT_FOUND (%lu)", GetLastError());

    h = NULL;
    ok(GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                          GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                          (LPCWSTR)(void *)main, &h) && h == exe,
       "GetModuleHandleExW(FROM_ADDRESS of main) == exe");
    h = NULL;
    ok(GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                          GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                          (LPCWSTR)((char *)k32 + 16), &h) && h == k32,
       "GetModuleHandleExW(FROM_ADDRESS in kernel32's headers) == kernel32");

    return vt_summary();
}
