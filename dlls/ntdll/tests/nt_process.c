/* Processes and threads through the NT calls programs make themselves:
 * NtQueryInformationProcess, NtOpenProcess, NtTerminateProcess,
 * NtQueryInformationThread, NtSetInformationThread, NtOpenThread,
 * NtSuspendThread/NtResumeThread and NtGetContextThread, with the exact
 * NTSTATUS values and sizes Windows gives, and agreeing with the Win32
 * functions over them. The structures are declared here, as programs do.
 * Debian's Wine 8 differs from Windows in four places, which fail there: it
 * names the image "\??\Z:\..." instead of on a "\Device\" volume, accepts
 * a short buffer for ThreadBasicInformation, answers an unknown class with
 * STATUS_NOT_IMPLEMENTED, and lacks ThreadIsTerminated. */
#include <windows.h>
#include <wchar.h>

#include "nt_types.h"
#include "vinetest.h"

typedef struct {
    NTSTATUS ExitStatus;
    void *PebBaseAddress;
    ULONG_PTR AffinityMask;
    LONG BasePriority;
    ULONG_PTR UniqueProcessId;
    ULONG_PTR InheritedFromUniqueProcessId;
} BASIC_PROCESS;
typedef struct {
    HANDLE UniqueProcess;
    HANDLE UniqueThread;
} NT_CLIENT_ID;
typedef struct {
    NTSTATUS ExitStatus;
    void *TebBaseAddress;
    NT_CLIENT_ID ClientId;
    ULONG_PTR AffinityMask;
    LONG Priority;
    LONG BasePriority;
} BASIC_THREAD;
typedef struct {
    LARGE_INTEGER CreateTime, ExitTime, KernelTime, UserTime;
} TIMES;

NTSTATUS NTAPI NtQueryInformationProcess(HANDLE, ULONG, void *, ULONG, ULONG *);
NTSTATUS NTAPI NtQueryInformationThread(HANDLE, ULONG, void *, ULONG, ULONG *);
NTSTATUS NTAPI NtSetInformationThread(HANDLE, ULONG, void *, ULONG);
NTSTATUS NTAPI NtOpenProcess(HANDLE *, ACCESS_MASK, NT_ATTRIBUTES *, NT_CLIENT_ID *);
NTSTATUS NTAPI NtOpenThread(HANDLE *, ACCESS_MASK, NT_ATTRIBUTES *, NT_CLIENT_ID *);
NTSTATUS NTAPI NtSuspendThread(HANDLE, ULONG *);
NTSTATUS NTAPI NtResumeThread(HANDLE, ULONG *);
NTSTATUS NTAPI NtGetContextThread(HANDLE, CONTEXT *);
NTSTATUS NTAPI NtTerminateProcess(HANDLE, NTSTATUS);
NTSTATUS NTAPI NtTerminateThread(HANDLE, NTSTATUS);
NTSTATUS NTAPI NtClose(HANDLE);
void *NTAPI RtlGetCurrentPeb(void);
HRESULT WINAPI SetThreadDescription(HANDLE, PCWSTR);
HRESULT WINAPI GetThreadDescription(HANDLE, PWSTR *);

/* The TEB's self pointer, as mingw-w64's NtCurrentTeb reads it. */
static void *current_teb(void)
{
    void *teb;
    __asm__ volatile("movq %%gs:0x30, %0" : "=r"(teb));
    return teb;
}

#define ok_hex(got, expected)                                                             \
    do {                                                                                   \
        ULONG got_ = (ULONG)(got), expected_ = (ULONG)(expected);                          \
        ok(got_ == expected_, "%s: 0x%lx, expected 0x%lx", #got, got_, expected_);         \
    } while (0)

#define STATUS_INVALID_INFO_CLASS ((NTSTATUS)0xC0000003)
#define STATUS_INFO_LENGTH_MISMATCH ((NTSTATUS)0xC0000004)
#define STATUS_INVALID_HANDLE_ ((NTSTATUS)0xC0000008)
#define STATUS_INVALID_CID ((NTSTATUS)0xC000000B)
#define STATUS_PORT_NOT_SET ((NTSTATUS)0xC0000353)

static void test_own_process(void)
{
    BASIC_PROCESS basic;
    TIMES times;
    ULONG_PTR word = 77;
    ULONG flags = 0, size = 0, session = 99;
    DWORD session32 = 98;
    HANDLE debug_object = (HANDLE)1;
    WCHAR module[MAX_PATH];
    union {
        NT_STRING name;
        char bytes[2048];
    } image;
    memset(&basic, 0xcc, sizeof(basic));
    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 0, &basic, sizeof(basic), &size), 0);
    ok_int(size, sizeof(basic));
    ok_int(basic.ExitStatus, STILL_ACTIVE);
    ok(basic.PebBaseAddress == RtlGetCurrentPeb(), "PEB %p", basic.PebBaseAddress);
    ok_int(basic.UniqueProcessId, GetCurrentProcessId());
    ok(basic.AffinityMask != 0, "affinity 0");
    /* Fixed-size classes take exactly their size. */
    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 0, &basic, sizeof(basic) - 1, NULL), STATUS_INFO_LENGTH_MISMATCH);
    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 0, &basic, sizeof(basic) + 8, NULL), STATUS_INFO_LENGTH_MISMATCH);
    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 0x7777, &basic, sizeof(basic), NULL), STATUS_INVALID_INFO_CLASS);
    ok_hex(NtQueryInformationProcess((HANDLE)0x1234, 0, &basic, sizeof(basic), NULL), STATUS_INVALID_HANDLE_);

    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 4, &times, sizeof(times), NULL), 0);
    ok(times.CreateTime.QuadPart > 0, "creation time");
    ok(times.ExitTime.QuadPart == 0, "exit time of a running process");

    /* Not being debugged; 64-bit. */
    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 7, &word, sizeof(word), NULL), 0);
    ok_int(word, 0);
    word = 77;
    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 26, &word, sizeof(word), NULL), 0);
    ok_int(word, 0);
    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 31, &flags, sizeof(flags), NULL), 0);
    ok_int(flags, 1);
    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 30, &debug_object, sizeof(debug_object), NULL),
           STATUS_PORT_NOT_SET);
    ok(debug_object == NULL, "debug object %p", debug_object);

    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 24, &session, sizeof(session), NULL), 0);
    ok(ProcessIdToSessionId(GetCurrentProcessId(), &session32), "ProcessIdToSessionId");
    ok_int(session32, session);

    /* The image's path: Win32 form as GetModuleFileName has it; NT form on a device. */
    GetModuleFileNameW(NULL, module, MAX_PATH);
    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 43, &image, sizeof(image), &size), 0);
    ok(image.name.Length == wcslen(module) * sizeof(WCHAR) && !_wcsnicmp(image.name.Buffer, module, wcslen(module)),
       "win32 image name %ls", image.name.Buffer);
    ok(size >= sizeof(NT_STRING) + image.name.Length, "size %lu", size);
    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 43, &image, sizeof(NT_STRING), &size), STATUS_INFO_LENGTH_MISMATCH);
    ok(size > sizeof(NT_STRING), "needed size %lu", size);
    ok_hex(NtQueryInformationProcess(GetCurrentProcess(), 27, &image, sizeof(image), NULL), 0);
    ok(!wcsncmp(image.name.Buffer, L"\\Device\\", 8), "NT image name %ls", image.name.Buffer);
    ok(!_wcsicmp(image.name.Buffer + image.name.Length / 2 - wcslen(module) + 2, module + 2), "NT image name %ls",
       image.name.Buffer);
}

static void test_child(const char *self)
{
    char command[MAX_PATH + 32];
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    BASIC_PROCESS basic;
    TIMES times;
    NT_CLIENT_ID id = {0};
    HANDLE opened = NULL;
    DWORD code = 0;
    snprintf(command, sizeof(command), "\"%s\" exit7", self);
    ok(CreateProcessA(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess");
    ok_int(WaitForSingleObject(pi.hProcess, 20000), WAIT_OBJECT_0);
    ok_hex(NtQueryInformationProcess(pi.hProcess, 0, &basic, sizeof(basic), NULL), 0);
    ok_int(basic.ExitStatus, 7);
    ok_int(basic.UniqueProcessId, pi.dwProcessId);
    ok_int(basic.InheritedFromUniqueProcessId, GetCurrentProcessId());
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == 7, "GetExitCodeProcess %lu", code);
    ok_hex(NtQueryInformationProcess(pi.hProcess, 4, &times, sizeof(times), NULL), 0);
    ok(times.ExitTime.QuadPart >= times.CreateTime.QuadPart && times.CreateTime.QuadPart > 0, "child times");

    /* A process id nobody has. */
    id.UniqueProcess = (HANDLE)(ULONG_PTR)0x7ffffff0;
    ok_hex(NtOpenProcess(&opened, PROCESS_QUERY_LIMITED_INFORMATION, NULL, &id), STATUS_INVALID_CID);
    ok(opened == NULL, "handle %p", opened);
    SetLastError(0);
    ok(OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, 0x7ffffff0) == NULL, "OpenProcess");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    id.UniqueProcess = (HANDLE)(ULONG_PTR)GetCurrentProcessId();
    ok_hex(NtOpenProcess(&opened, PROCESS_QUERY_LIMITED_INFORMATION, NULL, &id), 0);
    ok_hex(NtQueryInformationProcess(opened, 0, &basic, sizeof(basic), NULL), 0);
    ok_int(basic.UniqueProcessId, GetCurrentProcessId());
    NtClose(opened);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);

    /* NtTerminateProcess of another process: its status is the exit code. */
    snprintf(command, sizeof(command), "\"%s\" sleep", self);
    ok(CreateProcessA(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess sleep");
    ok_hex(NtTerminateProcess(pi.hProcess, 0x1234), 0);
    ok_int(WaitForSingleObject(pi.hProcess, 20000), WAIT_OBJECT_0);
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == 0x1234, "exit code %lx", code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
}

static void *volatile worker_teb;
static HANDLE worker_go;

static DWORD WINAPI worker(void *arg)
{
    (void)arg;
    worker_teb = current_teb();
    WaitForSingleObject(worker_go, INFINITE);
    return 42;
}

static void test_threads(void)
{
    BASIC_THREAD basic;
    TIMES times;
    ULONG previous = 99, terminated = 7, size = 0;
    BOOLEAN hidden = 5;
    NT_CLIENT_ID id = {0};
    HANDLE opened = NULL, thread;
    DWORD tid;
    CONTEXT context;
    WCHAR *description = NULL;
    union {
        NT_STRING name;
        char bytes[512];
    } name;

    ok_hex(NtQueryInformationThread(GetCurrentThread(), 0, &basic, sizeof(basic), &size), 0);
    ok_int(size, sizeof(basic));
    ok_int(basic.ExitStatus, STILL_ACTIVE);
    ok(basic.TebBaseAddress == current_teb(), "TEB %p", basic.TebBaseAddress);
    ok_int((ULONG_PTR)basic.ClientId.UniqueThread, GetCurrentThreadId());
    ok_int((ULONG_PTR)basic.ClientId.UniqueProcess, GetCurrentProcessId());
    ok_hex(NtQueryInformationThread(GetCurrentThread(), 0, &basic, 40, NULL), STATUS_INFO_LENGTH_MISMATCH);
    ok_hex(NtQueryInformationThread(GetCurrentThread(), 0x7777, &basic, sizeof(basic), NULL), STATUS_INVALID_INFO_CLASS);

    worker_go = CreateEventW(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, worker, NULL, CREATE_SUSPENDED, &tid);
    ok(thread != NULL, "CreateThread");
    /* Suspend counts: created suspended is 1. */
    ok_hex(NtSuspendThread(thread, &previous), 0);
    ok_int(previous, 1);
    ok_hex(NtResumeThread(thread, &previous), 0);
    ok_int(previous, 2);
    ok_hex(NtResumeThread(thread, &previous), 0);
    ok_int(previous, 1);
    ok_hex(NtResumeThread(thread, &previous), 0);
    ok_int(previous, 0);
    while (!worker_teb) Sleep(1);

    ok_hex(NtQueryInformationThread(thread, 0, &basic, sizeof(basic), NULL), 0);
    ok_int(basic.ExitStatus, STILL_ACTIVE);
    ok(basic.TebBaseAddress == worker_teb, "worker TEB %p, not %p", basic.TebBaseAddress, worker_teb);
    ok_int((ULONG_PTR)basic.ClientId.UniqueThread, tid);
    ok_hex(NtQueryInformationThread(thread, 20, &terminated, sizeof(terminated), NULL), 0);
    ok_int(terminated, 0);

    /* NtOpenThread by id; a missing id. */
    id.UniqueThread = (HANDLE)(ULONG_PTR)tid;
    ok_hex(NtOpenThread(&opened, THREAD_QUERY_LIMITED_INFORMATION | THREAD_SUSPEND_RESUME | THREAD_GET_CONTEXT, NULL,
                        &id), 0);
    ok_int(GetThreadId(opened), tid);
    ok_hex(NtSuspendThread(opened, &previous), 0);
    ok_int(previous, 0);
    memset(&context, 0, sizeof(context));
    context.ContextFlags = CONTEXT_CONTROL;
    ok_hex(NtGetContextThread(opened, &context), 0);
    ok(context.Rip != 0 && context.Rsp != 0, "context rip %llx rsp %llx", context.Rip, context.Rsp);
    ok_hex(NtResumeThread(opened, &previous), 0);
    ok_int(previous, 1);
    NtClose(opened);
    id.UniqueThread = (HANDLE)(ULONG_PTR)0x7ffffff0;
    ok_hex(NtOpenThread(&opened, THREAD_QUERY_LIMITED_INFORMATION, NULL, &id), STATUS_INVALID_CID);

    /* Descriptions both ways. */
    ok(SUCCEEDED(SetThreadDescription(thread, L"worker one")), "SetThreadDescription");
    ok_hex(NtQueryInformationThread(thread, 38, &name, sizeof(name), &size), 0);
    ok(name.name.Length == 20 && !wcsncmp(name.name.Buffer, L"worker one", 10), "name %.*ls", name.name.Length / 2,
       name.name.Buffer);
    name.name.Buffer = (WCHAR *)L"renamed";
    name.name.Length = name.name.MaximumLength = 14;
    ok_hex(NtSetInformationThread(thread, 38, &name, sizeof(NT_STRING)), 0);
    ok(SUCCEEDED(GetThreadDescription(thread, &description)), "GetThreadDescription");
    ok(description && !wcscmp(description, L"renamed"), "description %ls", description);
    LocalFree(description);

    /* Hiding from a debugger takes no data, and then reads back as hidden. */
    ok_hex(NtSetInformationThread(GetCurrentThread(), 17, NULL, 4), STATUS_INFO_LENGTH_MISMATCH);
    ok_hex(NtSetInformationThread(GetCurrentThread(), 17, NULL, 0), 0);
    ok_hex(NtQueryInformationThread(GetCurrentThread(), 17, &hidden, sizeof(hidden), NULL), 0);
    ok_int(hidden, 1);
    ok_hex(NtQueryInformationThread(thread, 17, &hidden, sizeof(hidden), NULL), 0);
    ok_int(hidden, 0);

    SetEvent(worker_go);
    ok_int(WaitForSingleObject(thread, 10000), WAIT_OBJECT_0);
    ok_hex(NtQueryInformationThread(thread, 0, &basic, sizeof(basic), NULL), 0);
    ok_int(basic.ExitStatus, 42);
    ok_hex(NtQueryInformationThread(thread, 20, &terminated, sizeof(terminated), NULL), 0);
    ok_int(terminated, 1);
    ok_hex(NtQueryInformationThread(thread, 1, &times, sizeof(times), NULL), 0);
    ok(times.CreateTime.QuadPart > 0 && times.ExitTime.QuadPart >= times.CreateTime.QuadPart, "thread times");
    CloseHandle(thread);
    CloseHandle(worker_go);
}

static DWORD WINAPI sleeper(void *arg)
{
    (void)arg;
    Sleep(INFINITE);
    return 0;
}

static void test_terminate_thread(void)
{
    DWORD code = 0;
    ULONG terminated = 0;
    HANDLE thread = CreateThread(NULL, 0, sleeper, NULL, 0, NULL);
    Sleep(10);
    ok_hex(NtTerminateThread(thread, 0x77), 0);
    ok_int(WaitForSingleObject(thread, 10000), WAIT_OBJECT_0);
    ok(GetExitCodeThread(thread, &code) && code == 0x77, "exit code %lx", code);
    ok_hex(NtQueryInformationThread(thread, 20, &terminated, sizeof(terminated), NULL), 0);
    ok_int(terminated, 1);
    CloseHandle(thread);
    SetLastError(0);
    ok(!TerminateThread(NULL, 1), "TerminateThread(NULL)");
    ok_int(GetLastError(), ERROR_INVALID_HANDLE);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "exit7")) return 7;
    if (argc > 1 && !strcmp(argv[1], "sleep")) {
        Sleep(30000);
        return 0;
    }
    test_own_process();
    test_child(argv[0]);
    test_threads();
    test_terminate_thread();
    return vt_summary();
}
