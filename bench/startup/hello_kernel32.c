/* A hello world without any C runtime: kernel32 only (-nostdlib -e entry). */
#include <windows.h>

void __stdcall entry(void)
{
    static const char text[] = "Hello, world!\n";
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, sizeof(text) - 1, &written, NULL);
    ExitProcess(0);
}
