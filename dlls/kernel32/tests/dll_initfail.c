/* vt_initfail.dll: DllMain fails PROCESS_ATTACH. Each call appends its
 * reason number to the environment variable VT_INITFAIL_LOG. */
#include <windows.h>
#include <string.h>

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    char buf[64] = "";
    size_t n;
    GetEnvironmentVariableA("VT_INITFAIL_LOG", buf, sizeof(buf) - 2);
    n = strlen(buf);
    buf[n] = (char)('0' + reason);
    buf[n + 1] = 0;
    SetEnvironmentVariableA("VT_INITFAIL_LOG", buf);
    return reason != DLL_PROCESS_ATTACH;
}
