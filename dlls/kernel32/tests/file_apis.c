/* SetFileApisToOEM / SetFileApisToANSI / AreFileApisANSI: the code page of
 * the file names kernel32's A functions take and return. A byte whose
 * character differs between the ANSI and the OEM code page names a file:
 * created through CreateFileA in one mode, the W functions see that mode's
 * character, and FindFirstFileA reports the name back in the mode it is
 * called in. Text that is not a file name (lstrlenA, MultiByteToWideChar
 * with CP_ACP) does not follow the setting. */
#include <windows.h>
#include <wchar.h>
#include "vinetest.h"

/* The first byte from 0x80 up that is one character in both code pages
 * and a different one in each; 0 when there is none (both UTF-8). */
static unsigned char differing_byte(WCHAR *ansi_char, WCHAR *oem_char)
{
    unsigned int b;
    for (b = 0x80; b < 0x100; b++) {
        char text[2] = {(char)b, 0};
        WCHAR a[4] = {0}, o[4] = {0};
        if (MultiByteToWideChar(CP_ACP, MB_ERR_INVALID_CHARS, text, -1, a, 4) != 2) continue;
        if (MultiByteToWideChar(CP_OEMCP, MB_ERR_INVALID_CHARS, text, -1, o, 4) != 2) continue;
        if (a[0] != o[0] && a[0] != '?' && o[0] != '?') {
            *ansi_char = a[0];
            *oem_char = o[0];
            return (unsigned char)b;
        }
    }
    return 0;
}

int main(void)
{
    WCHAR dir_w[MAX_PATH], ansi_char, oem_char, name_w[MAX_PATH];
    char dir_a[MAX_PATH], name_a[MAX_PATH], pattern[MAX_PATH];
    unsigned char b;
    HANDLE file, find;
    WIN32_FIND_DATAA found;

    ok(AreFileApisANSI(), "file names are ANSI at start");
    SetFileApisToOEM();
    ok(!AreFileApisANSI(), "OEM after SetFileApisToOEM");
    SetFileApisToANSI();
    ok(AreFileApisANSI(), "ANSI again after SetFileApisToANSI");

    b = differing_byte(&ansi_char, &oem_char);
    if (!b) {
        printf("ok: the ANSI and OEM code pages (%u, %u) agree on every byte: names not compared\n", GetACP(),
               GetOEMCP());
        return vt_summary();
    }
    GetTempPathA(MAX_PATH, dir_a);
    lstrcatA(dir_a, "vine_file_apis");
    CreateDirectoryA(dir_a, NULL);
    GetTempPathW(MAX_PATH, dir_w);

    /* Created with OEM names: the W name holds the OEM character. */
    SetFileApisToOEM();
    snprintf(name_a, sizeof name_a, "%s\\%c.txt", dir_a, b);
    file = CreateFileA(name_a, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFileA with an OEM name (error %lu)", GetLastError());
    CloseHandle(file);
    _snwprintf(name_w, MAX_PATH, L"%svine_file_apis\\%c.txt", dir_w, oem_char);
    ok(GetFileAttributesW(name_w) != INVALID_FILE_ATTRIBUTES, "the W name has the OEM character U+%04X",
       oem_char);
    _snwprintf(name_w, MAX_PATH, L"%svine_file_apis\\%c.txt", dir_w, ansi_char);
    ok(GetFileAttributesW(name_w) == INVALID_FILE_ATTRIBUTES, "and not the ANSI character U+%04X", ansi_char);
    ok(GetFileAttributesA(name_a) != INVALID_FILE_ATTRIBUTES, "GetFileAttributesA finds it by its OEM name");

    /* FindFirstFileA returns it in the current mode's code page. */
    snprintf(pattern, sizeof pattern, "%s\\*.txt", dir_a);
    find = FindFirstFileA(pattern, &found);
    ok(find != INVALID_HANDLE_VALUE, "FindFirstFileA, OEM");
    if (find != INVALID_HANDLE_VALUE) {
        ok((unsigned char)found.cFileName[0] == b && !lstrcmpA(found.cFileName + 1, ".txt"),
           "the name comes back as the OEM byte 0x%02X", b);
        FindClose(find);
    }

    /* In ANSI mode the same byte names another file. */
    SetFileApisToANSI();
    ok(GetFileAttributesA(name_a) == INVALID_FILE_ATTRIBUTES, "in ANSI mode the byte names another file");
    ok_int(GetLastError(), ERROR_FILE_NOT_FOUND);
    find = FindFirstFileA(pattern, &found);
    ok(find != INVALID_HANDLE_VALUE, "FindFirstFileA, ANSI");
    if (find != INVALID_HANDLE_VALUE) {
        /* In ANSI the byte means the ANSI character, which is not the name's. */
        ok((unsigned char)found.cFileName[0] != b, "the name comes back converted to ANSI, not as 0x%02X", b);
        FindClose(find);
    }

    /* Text that is not a file name keeps the ANSI code page. */
    SetFileApisToOEM();
    {
        char text[2] = {(char)b, 0};
        WCHAR converted[4] = {0};
        MultiByteToWideChar(CP_ACP, 0, text, -1, converted, 4);
        ok(converted[0] == ansi_char, "CP_ACP still converts with the ANSI code page");
    }
    ok(DeleteFileA(name_a), "DeleteFileA with the OEM name");
    SetFileApisToANSI();
    ok(RemoveDirectoryA(dir_a), "RemoveDirectoryA");
    return vt_summary();
}
