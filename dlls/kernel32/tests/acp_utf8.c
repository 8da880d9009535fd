/* A program whose manifest asks for UTF-8 (activeCodePage) has 65001 as
 * its ANSI and OEM code page, and the -A functions and CP_ACP speak UTF-8. */
#include <windows.h>

#include "vinetest.h"

int main(void)
{
    WCHAR wide[8];
    char bytes[8];
    CPINFOEXW info;
    ok(GetACP() == CP_UTF8, "GetACP: %u", GetACP());
    ok(GetOEMCP() == CP_UTF8, "GetOEMCP: %u", GetOEMCP());
    ok(MultiByteToWideChar(CP_ACP, 0, "\xc3\xa9", 2, wide, 8) == 1 && wide[0] == 0xe9, "CP_ACP decodes UTF-8");
    ok(WideCharToMultiByte(CP_ACP, 0, L"\x20ac", 1, bytes, 8, NULL, NULL) == 3 && !memcmp(bytes, "\xe2\x82\xac", 3),
       "CP_ACP encodes UTF-8");
    ok(GetCPInfoExW(CP_ACP, 0, &info) && info.CodePage == CP_UTF8 && info.MaxCharSize == 4, "GetCPInfoExW(CP_ACP)");
    return vt_summary();
}
