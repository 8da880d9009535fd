/* vt_delay.dll: imported by delayload.exe through a delay-import library. */
#include <windows.h>

static int attached;

int vt_delay_value(int x) { return x * 3 + attached; }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) attached = 1;
    return TRUE;
}
