/* OutputDebugStringA with no debugger and no handler: under
   VINEDEBUG=+debugstr the string appears on stderr, escaped. */
#include <windows.h>

void __stdcall entry(void)
{
    OutputDebugStringA("vine says \"hi\"\n");
    OutputDebugStringW(L"wide\ttoo");
    ExitProcess(0);
}
