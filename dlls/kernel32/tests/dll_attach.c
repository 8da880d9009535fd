/* vt_attach.dll: records DllMain notifications as letters:
 * A = PROCESS_ATTACH, T = THREAD_ATTACH, t = THREAD_DETACH,
 * D = PROCESS_DETACH from FreeLibrary (reserved == NULL),
 * X = PROCESS_DETACH at process exit (reserved != NULL). */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static char log_buf[256];
static char *ext_log;
static HINSTANCE self;

static void add(char c)
{
    size_t n = strlen(log_buf);
    if (n + 1 < sizeof(log_buf)) { log_buf[n] = c; log_buf[n + 1] = 0; }
    if (ext_log) {
        n = strlen(ext_log);
        ext_log[n] = c;
        ext_log[n + 1] = 0;
    }
}

__declspec(dllexport) const char *vt_log(void) { return log_buf; }
__declspec(dllexport) void vt_set_log(char *buf) { ext_log = buf; if (buf) strcpy(buf, log_buf); }
__declspec(dllexport) HINSTANCE vt_self(void) { return self; }
__declspec(dllexport) int vt_add(int a, int b) { return a + b; }
__declspec(dllexport) int vt_data = 1234;

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    switch (reason) {
    case DLL_PROCESS_ATTACH:
        self = inst;
        add('A');
        printf("vt_attach.dll: DLL_PROCESS_ATTACH\n");
        fflush(stdout);
        break;
    case DLL_THREAD_ATTACH: add('T'); break;
    case DLL_THREAD_DETACH: add('t'); break;
    case DLL_PROCESS_DETACH: add(reserved ? 'X' : 'D'); break;
    }
    return TRUE;
}
