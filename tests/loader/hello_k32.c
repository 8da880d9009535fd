/* Prints one line through kernel32 only (no C runtime) and exits with 0.
   Built with -nostdlib -e entry. */
#include <windows.h>

void __stdcall entry(void)
{
    static const char text[] = "hello from kernel32\n";
    DWORD written = 0;
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    if (!WriteFile(out, text, sizeof(text) - 1, &written, NULL) || written != sizeof(text) - 1)
        ExitProcess(3);
    ExitProcess(0);
}
