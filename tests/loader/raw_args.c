/* The last word of the command line as the program sees it: its UTF-16
   units in hex on the first line of stdout, then the contents of the file
   it names (opened with CreateFileW). vine gives command-line arguments that
   are not valid UTF-8 to the program losslessly (each stray byte as the
   lone surrogate U+DC00 + byte), so the name opens the very file the Unix
   shell named. kernel32 only, built with -nostdlib -e entry. */
#include <windows.h>

static void put(HANDLE out, const char* text, DWORD length)
{
    DWORD written = 0;
    if (!WriteFile(out, text, length, &written, NULL) || written != length)
        ExitProcess(3);
}

void __stdcall entry(void)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    const WCHAR* line = GetCommandLineW();
    const WCHAR* last = line;
    for (const WCHAR* p = line; *p; ++p)
        if (*p == L' ') last = p + 1;
    static const char digits[] = "0123456789abcdef";
    for (const WCHAR* p = last; *p; ++p) {
        char unit[5] = {digits[(*p >> 12) & 15], digits[(*p >> 8) & 15], digits[(*p >> 4) & 15], digits[*p & 15], ' '};
        put(out, unit, p[1] ? 5 : 4);
    }
    put(out, "\n", 1);
    HANDLE file = CreateFileW(last, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE)
        ExitProcess(4);
    char data[256];
    DWORD got = 0;
    if (!ReadFile(file, data, sizeof(data), &got, NULL))
        ExitProcess(5);
    put(out, data, got);
    CloseHandle(file);
    ExitProcess(0);
}
