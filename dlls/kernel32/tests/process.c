/* CreateProcess: exit codes, redirected standard handles, inheritance,
 * directory and environment, command lines, suspended children,
 * termination, errors, grandchildren. The program plays both parts: run as
 * "process.exe child MODE ..." it is a child doing MODE. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vinetest.h"

static char self[MAX_PATH];

/* ---- the child's side ------------------------------------------------- */

static void put(const char *text)
{
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)strlen(text), &written, NULL);
}

static int child_main(int argc, char **argv)
{
    const char *mode = argv[2];
    if (!strcmp(mode, "exit"))
        return atoi(argv[3]);
    if (!strcmp(mode, "echo")) {
        put("hello from the child\n");
        return 0;
    }
    if (!strcmp(mode, "cat")) {
        /* Reads standard input to its end and writes it back. */
        char buffer[256];
        DWORD got;
        while (ReadFile(GetStdHandle(STD_INPUT_HANDLE), buffer, sizeof(buffer), &got, NULL) && got) {
            DWORD written;
            WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), buffer, got, &written, NULL);
        }
        return GetLastError() == ERROR_BROKEN_PIPE ? 0 : 3;
    }
    if (!strcmp(mode, "setevent")) {
        HANDLE event = (HANDLE)(ULONG_PTR)strtoull(argv[3], NULL, 16);
        return SetEvent(event) ? 0 : 2;
    }
    if (!strcmp(mode, "setevent-stdin")) {
        /* The handle value arrives on standard input: the parent made it
           with DuplicateHandle into this process. */
        char text[32] = {0};
        DWORD got = 0;
        if (!ReadFile(GetStdHandle(STD_INPUT_HANDLE), text, sizeof(text) - 1, &got, NULL)) return 4;
        return SetEvent((HANDLE)(ULONG_PTR)strtoull(text, NULL, 16)) ? 0 : 2;
    }
    if (!strcmp(mode, "holdmutex")) {
        /* Ends owning a named mutex: the parent sees it abandoned. */
        HANDLE mutex = CreateMutexA(NULL, TRUE, argv[3]);
        /* It existed (the parent made it): bInitialOwner was ignored. */
        if (!mutex || GetLastError() != ERROR_ALREADY_EXISTS) return 6;
        return WaitForSingleObject(mutex, 0) == WAIT_OBJECT_0 ? 5 : 7;
    }
    if (!strcmp(mode, "nohandle")) {
        /* The parent's handle value must name nothing here. */
        HANDLE handle = (HANDLE)(ULONG_PTR)strtoull(argv[3], NULL, 16);
        DWORD flags;
        SetLastError(0);
        if (GetHandleInformation(handle, &flags)) return 2;
        return GetLastError() == ERROR_INVALID_HANDLE ? 0 : 3;
    }
    if (!strcmp(mode, "where")) {
        /* The directory is checked through a file only it holds. */
        int result = 0;
        char text[16] = {0};
        WCHAR value[64];
        DWORD got = 0;
        HANDLE file = CreateFileA("marker.txt", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
        if (file == INVALID_HANDLE_VALUE || !ReadFile(file, text, sizeof(text) - 1, &got, NULL) || strcmp(text, "here"))
            result |= 1;
        CloseHandle(file);
        if (GetEnvironmentVariableW(L"VT_GREETING", value, 64) != 11 || wcscmp(value, L"hello world"))
            result |= 2;
        if (GetEnvironmentVariableW(L"VT_SECOND", value, 64) != 1 || wcscmp(value, L"2"))
            result |= 4;
        SetLastError(0);
        if (GetEnvironmentVariableW(L"VT_ABSENT", value, 64) != 0 || GetLastError() != ERROR_ENVVAR_NOT_FOUND)
            result |= 8;
        return result;
    }
    if (!strcmp(mode, "cmdline")) {
        /* The command line exactly, then the arguments main() received. */
        int i;
        put(GetCommandLineA());
        put("\n");
        for (i = 3; i < argc; i++) {
            put("[");
            put(argv[i]);
            put("]");
        }
        return 0;
    }
    if (!strcmp(mode, "touch")) {
        HANDLE file = CreateFileA(argv[3], GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
        if (file == INVALID_HANDLE_VALUE) return 2;
        CloseHandle(file);
        return 0;
    }
    if (!strcmp(mode, "sleep")) {
        Sleep(atoi(argv[3]));
        return 0;
    }
    if (!strcmp(mode, "spawn")) {
        /* A child of a child: returns the grandchild's exit code + 10. */
        char line[MAX_PATH + 64];
        STARTUPINFOA si = {sizeof(si)};
        PROCESS_INFORMATION pi;
        DWORD code = 0;
        snprintf(line, sizeof(line), "\"%s\" child exit 5", self);
        if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return 100;
        if (WaitForSingleObject(pi.hProcess, 20000) != WAIT_OBJECT_0) return 101;
        GetExitCodeProcess(pi.hProcess, &code);
        CloseHandle(pi.hProcess);
        CloseHandle(pi.hThread);
        return (int)code + 10;
    }
    if (!strcmp(mode, "pipeclient")) {
        DWORD written;
        HANDLE pipe = CreateFileA(argv[3], GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        if (pipe == INVALID_HANDLE_VALUE) return 2;
        if (!WriteFile(pipe, "through a named pipe", 20, &written, NULL) || written != 20) return 3;
        CloseHandle(pipe);
        return 0;
    }
    return 99;
}

/* ---- the parent's side ------------------------------------------------ */

/* Starts "self child ARGS"; FALSE with the error left as CreateProcess set it. */
static BOOL spawn(const char *args, DWORD flags, BOOL inherit, STARTUPINFOA *si, PROCESS_INFORMATION *pi)
{
    char line[MAX_PATH + 512];
    STARTUPINFOA plain = {sizeof(plain)};
    snprintf(line, sizeof(line), "\"%s\" child %s", self, args);
    return CreateProcessA(NULL, line, NULL, NULL, inherit, flags, NULL, NULL, si ? si : &plain, pi);
}

static DWORD finish(PROCESS_INFORMATION *pi)
{
    DWORD code = 0xdead;
    ok_int(WaitForSingleObject(pi->hProcess, 20000), WAIT_OBJECT_0);
    ok(GetExitCodeProcess(pi->hProcess, &code), "GetExitCodeProcess");
    CloseHandle(pi->hProcess);
    CloseHandle(pi->hThread);
    return code;
}

/* Reads a pipe to its end; the last error of the failing ReadFile is kept. */
static DWORD read_all(HANDLE pipe, char *buffer, DWORD size, DWORD *end_error)
{
    DWORD total = 0, got;
    for (;;) {
        got = 0;
        if (!ReadFile(pipe, buffer + total, size - 1 - total, &got, NULL)) {
            *end_error = GetLastError();
            break;
        }
        if (!got) {
            *end_error = 0;
            break;
        }
        total += got;
        if (total == size - 1) break;
    }
    buffer[total] = 0;
    return total;
}

static void test_exit_code(void)
{
    PROCESS_INFORMATION pi;
    ok(spawn("exit 7", 0, FALSE, NULL, &pi), "CreateProcess exit 7");
    ok(pi.dwProcessId != 0 && pi.dwThreadId != 0, "ids %lu %lu", pi.dwProcessId, pi.dwThreadId);
    ok(pi.dwProcessId != GetCurrentProcessId(), "a new process id");
    ok_int(finish(&pi), 7);
}

static void test_search(void)
{
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    char line[MAX_PATH + 64], *name = strrchr(self, '\\');
    char *dot;

    /* A bare name without ".exe" is found in the application's directory
       (this test runs in another current directory). */
    snprintf(line, sizeof(line), "%s", name ? name + 1 : self);
    dot = strrchr(line, '.');
    if (dot) strcpy(dot, " child exit 4");
    ok(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess \"%s\": %lu", line,
       GetLastError());
    ok_int(finish(&pi), 4);

    /* The application name is used as given, with the command line apart. */
    snprintf(line, sizeof(line), "whatever child exit 6");
    ok(CreateProcessA(self, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess with a name");
    ok_int(finish(&pi), 6);
}

static void test_stdout_pipe(void)
{
    SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    HANDLE reader, writer;
    char text[256];
    DWORD end_error = 0;

    ok(CreatePipe(&reader, &writer, &sa, 0), "CreatePipe");
    ok_int(GetFileType(reader), FILE_TYPE_PIPE);
    /* Only the write end goes to the child. */
    ok(SetHandleInformation(reader, HANDLE_FLAG_INHERIT, 0), "SetHandleInformation");
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = NULL;
    si.hStdOutput = writer;
    si.hStdError = writer;
    ok(spawn("echo", 0, TRUE, &si, &pi), "CreateProcess echo");
    CloseHandle(writer);
    read_all(reader, text, sizeof(text), &end_error);
    ok_str(text, "hello from the child\n");
    ok_int(end_error, ERROR_BROKEN_PIPE);
    ok_int(finish(&pi), 0);
    CloseHandle(reader);
}

static void test_stdin_pipe(void)
{
    SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    HANDLE in_read, in_write, out_read, out_write;
    char text[256];
    DWORD end_error = 0, written = 0;
    static const char input[] = "line one\nline two\n";

    ok(CreatePipe(&in_read, &in_write, &sa, 0) && CreatePipe(&out_read, &out_write, &sa, 0), "CreatePipe x2");
    SetHandleInformation(in_write, HANDLE_FLAG_INHERIT, 0);
    SetHandleInformation(out_read, HANDLE_FLAG_INHERIT, 0);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = in_read;
    si.hStdOutput = out_write;
    si.hStdError = out_write;
    ok(spawn("cat", 0, TRUE, &si, &pi), "CreateProcess cat");
    CloseHandle(in_read);
    CloseHandle(out_write);
    ok(WriteFile(in_write, input, sizeof(input) - 1, &written, NULL) && written == sizeof(input) - 1, "WriteFile");
    CloseHandle(in_write);
    read_all(out_read, text, sizeof(text), &end_error);
    ok_str(text, input);
    ok_int(end_error, ERROR_BROKEN_PIPE);
    ok_int(finish(&pi), 0);
    CloseHandle(out_read);
}

static void test_inherited_event(void)
{
    SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
    PROCESS_INFORMATION pi;
    char args[64];
    HANDLE event = CreateEventA(&sa, TRUE, FALSE, NULL);
    HANDLE private_event = CreateEventA(NULL, TRUE, FALSE, NULL);

    snprintf(args, sizeof(args), "setevent %p", event);
    ok(spawn(args, 0, TRUE, NULL, &pi), "CreateProcess setevent");
    ok_int(WaitForSingleObject(event, 20000), WAIT_OBJECT_0);
    ok_int(finish(&pi), 0);

    /* Not inheritable: the value means nothing in the child, even though
       the child inherits the other handles. */
    snprintf(args, sizeof(args), "nohandle %p", private_event);
    ok(spawn(args, 0, TRUE, NULL, &pi), "CreateProcess nohandle");
    ok_int(finish(&pi), 0);

    /* bInheritHandles FALSE: not even the inheritable one. */
    snprintf(args, sizeof(args), "nohandle %p", event);
    ok(spawn(args, 0, FALSE, NULL, &pi), "CreateProcess nohandle, no inheritance");
    ok_int(finish(&pi), 0);
    CloseHandle(event);
    CloseHandle(private_event);
}

static void test_duplicate_into_child(void)
{
    SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL), remote = NULL, in_read, in_write;
    char text[32];
    DWORD written;

    CreatePipe(&in_read, &in_write, &sa, 0);
    SetHandleInformation(in_write, HANDLE_FLAG_INHERIT, 0);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = in_read;
    si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    ok(spawn("setevent-stdin", 0, TRUE, &si, &pi), "CreateProcess setevent-stdin");
    CloseHandle(in_read);
    ok(DuplicateHandle(GetCurrentProcess(), event, pi.hProcess, &remote, 0, FALSE, DUPLICATE_SAME_ACCESS),
       "DuplicateHandle into the child");
    ok(remote != NULL, "a handle value in the child");
    snprintf(text, sizeof(text), "%p\n", remote);
    WriteFile(in_write, text, (DWORD)strlen(text), &written, NULL);
    CloseHandle(in_write);
    ok_int(WaitForSingleObject(event, 20000), WAIT_OBJECT_0);
    ok_int(finish(&pi), 0);
    CloseHandle(event);
}

static void test_abandoned_by_child(void)
{
    PROCESS_INFORMATION pi;
    HANDLE mutex = CreateMutexA(NULL, FALSE, "vine-process-test-mutex");
    ok(spawn("holdmutex vine-process-test-mutex", 0, FALSE, NULL, &pi), "CreateProcess holdmutex");
    ok_int(finish(&pi), 5);
    /* The child ended owning it: abandoned, and ours now. */
    ok_int(WaitForSingleObject(mutex, 0), WAIT_ABANDONED);
    ok(ReleaseMutex(mutex), "ReleaseMutex");
    CloseHandle(mutex);
}

static void test_directory_and_environment(void)
{
    STARTUPINFOW siw = {sizeof(siw)};
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    WCHAR linew[MAX_PATH + 64];
    char line[MAX_PATH + 64];
    DWORD written;
    HANDLE file;
    static const WCHAR wide_env[] = L"VT_GREETING=hello world\0VT_SECOND=2\0";
    static const char ansi_env[] = "VT_GREETING=hello world\0VT_SECOND=2\0";

    ok(CreateDirectoryW(L"child dir", NULL), "CreateDirectory");
    file = CreateFileA("child dir\\marker.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "marker created");
    WriteFile(file, "here", 4, &written, NULL);
    CloseHandle(file);

    snprintf(line, sizeof(line), "\"%s\" child where", self);
    MultiByteToWideChar(CP_ACP, 0, line, -1, linew, MAX_PATH + 64);
    ok(CreateProcessW(NULL, linew, NULL, NULL, FALSE, CREATE_UNICODE_ENVIRONMENT, (void *)wide_env, L"child dir",
                      &siw, &pi), "CreateProcessW with directory and Unicode environment: %lu", GetLastError());
    ok_int(finish(&pi), 0);

    snprintf(line, sizeof(line), "\"%s\" child where", self);
    ok(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, (void *)ansi_env, "child dir", &si, &pi),
       "CreateProcessA with directory and ANSI environment: %lu", GetLastError());
    ok_int(finish(&pi), 0);

    DeleteFileA("child dir\\marker.txt");
    RemoveDirectoryW(L"child dir");
}

static void test_command_line(void)
{
    SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    HANDLE reader, writer;
    char line[MAX_PATH + 256], expected[MAX_PATH + 512], text[1024];
    DWORD end_error;

    CreatePipe(&reader, &writer, &sa, 0);
    SetHandleInformation(reader, HANDLE_FLAG_INHERIT, 0);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdOutput = writer;
    si.hStdError = writer;
    snprintf(line, sizeof(line), "\"%s\" child cmdline plain \"two words\" \"a \\\"quote\\\"\" back\\\\slash \"\"  tail",
             self);
    ok(CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi), "CreateProcess cmdline");
    CloseHandle(writer);
    read_all(reader, text, sizeof(text), &end_error);
    /* The child sees the command line exactly as given. */
    snprintf(expected, sizeof(expected), "%s\n[plain][two words][a \"quote\"][back\\\\slash][][tail]", line);
    ok_str(text, expected);
    ok_int(finish(&pi), 0);
    CloseHandle(reader);
}

static void test_suspended(void)
{
    PROCESS_INFORMATION pi;
    DWORD code = 0;
    char args[64];

    DeleteFileA("touched.txt");
    snprintf(args, sizeof(args), "touch touched.txt");
    ok(spawn(args, CREATE_SUSPENDED, FALSE, NULL, &pi), "CreateProcess suspended");
    Sleep(300);
    ok_int(GetFileAttributesA("touched.txt"), INVALID_FILE_ATTRIBUTES);
    ok(GetExitCodeProcess(pi.hProcess, &code), "GetExitCodeProcess of a suspended child");
    ok_int(code, STILL_ACTIVE);
    ok_int(WaitForSingleObject(pi.hProcess, 100), WAIT_TIMEOUT);
    ok_int(ResumeThread(pi.hThread), 1);
    ok_int(finish(&pi), 0);
    ok(GetFileAttributesA("touched.txt") != INVALID_FILE_ATTRIBUTES, "the child ran after ResumeThread");
    DeleteFileA("touched.txt");
}

static void test_terminate_and_open(void)
{
    PROCESS_INFORMATION pi;
    DWORD code = 0;
    HANDLE opened;

    ok(spawn("sleep 60000", 0, FALSE, NULL, &pi), "CreateProcess sleep");
    ok_int(GetProcessId(pi.hProcess), pi.dwProcessId);
    opened = OpenProcess(PROCESS_QUERY_INFORMATION | SYNCHRONIZE, FALSE, pi.dwProcessId);
    ok(opened != NULL, "OpenProcess by id: %lu", GetLastError());
    ok_int(GetProcessId(opened), pi.dwProcessId);
    ok(GetExitCodeProcess(opened, &code), "GetExitCodeProcess through OpenProcess");
    ok_int(code, STILL_ACTIVE);
    ok(TerminateProcess(pi.hProcess, 42), "TerminateProcess");
    ok_int(WaitForSingleObject(opened, 20000), WAIT_OBJECT_0);
    ok(GetExitCodeProcess(opened, &code), "GetExitCodeProcess");
    ok_int(code, 42);
    CloseHandle(opened);
    ok_int(finish(&pi), 42);
}

static void test_errors(void)
{
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    char line[MAX_PATH + 64];
    DWORD written;
    HANDLE file;

    strcpy(line, "vt_no_such_program arg");
    SetLastError(0);
    ok(!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "missing program fails");
    ok_int(GetLastError(), ERROR_FILE_NOT_FOUND);

    SetLastError(0);
    ok(!CreateProcessA("vt no such dir\\prog.exe", NULL, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi),
       "missing directory fails");
    ok_int(GetLastError(), ERROR_PATH_NOT_FOUND);

    file = CreateFileA("notes.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    WriteFile(file, "just some text, not a program\r\n", 31, &written, NULL);
    CloseHandle(file);
    SetLastError(0);
    ok(!CreateProcessA("notes.txt", NULL, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "text file fails");
    ok_int(GetLastError(), ERROR_BAD_EXE_FORMAT);
    strcpy(line, "notes.txt");
    SetLastError(0);
    ok(!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "text file on the command line");
    ok_int(GetLastError(), ERROR_BAD_EXE_FORMAT);

    snprintf(line, sizeof(line), "\"%s\" child exit 0", self);
    SetLastError(0);
    ok(!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, "notes.txt", &si, &pi), "file as directory");
    ok_int(GetLastError(), ERROR_DIRECTORY);
    SetLastError(0);
    ok(!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, "vt no such dir", &si, &pi), "missing directory");
    ok_int(GetLastError(), ERROR_DIRECTORY);
    DeleteFileA("notes.txt");
}

static void test_wait_all(void)
{
    PROCESS_INFORMATION a, b;
    HANDLE both[2];
    DWORD code_a = 0, code_b = 0;

    ok(spawn("sleep 200", 0, FALSE, NULL, &a) && spawn("exit 3", 0, FALSE, NULL, &b), "two children");
    both[0] = a.hProcess;
    both[1] = b.hProcess;
    ok_int(WaitForMultipleObjects(2, both, TRUE, 20000), WAIT_OBJECT_0);
    GetExitCodeProcess(a.hProcess, &code_a);
    GetExitCodeProcess(b.hProcess, &code_b);
    ok(code_a == 0 && code_b == 3, "exit codes %lu %lu", code_a, code_b);
    CloseHandle(a.hProcess);
    CloseHandle(a.hThread);
    CloseHandle(b.hProcess);
    CloseHandle(b.hThread);
}

static void test_grandchild(void)
{
    PROCESS_INFORMATION pi;
    ok(spawn("spawn", 0, FALSE, NULL, &pi), "CreateProcess spawn");
    ok_int(finish(&pi), 15);
}

static void test_named_pipe(void)
{
    PROCESS_INFORMATION pi;
    char name[64], args[96], text[64];
    DWORD end_error = 0;
    HANDLE pipe;
    BOOL connected;

    snprintf(name, sizeof(name), "\\\\.\\pipe\\vine_test_%lu", GetCurrentProcessId());
    pipe = CreateNamedPipeA(name, PIPE_ACCESS_INBOUND, PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT, 1, 4096,
                            4096, 0, NULL);
    ok(pipe != INVALID_HANDLE_VALUE, "CreateNamedPipe: %lu", GetLastError());
    ok_int(GetFileType(pipe), FILE_TYPE_PIPE);
    snprintf(args, sizeof(args), "pipeclient %s", name);
    ok(spawn(args, 0, FALSE, NULL, &pi), "CreateProcess pipeclient");
    connected = ConnectNamedPipe(pipe, NULL);
    ok(connected || GetLastError() == ERROR_PIPE_CONNECTED, "ConnectNamedPipe: %lu", GetLastError());
    read_all(pipe, text, sizeof(text), &end_error);
    ok_str(text, "through a named pipe");
    ok_int(end_error, ERROR_BROKEN_PIPE);
    ok_int(finish(&pi), 0);
    CloseHandle(pipe);
}

int main(int argc, char **argv)
{
    GetModuleFileNameA(NULL, self, sizeof(self));
    if (argc >= 3 && !strcmp(argv[1], "child"))
        return child_main(argc, argv);

    test_exit_code();
    test_search();
    test_stdout_pipe();
    test_stdin_pipe();
    test_inherited_event();
    test_duplicate_into_child();
    test_abandoned_by_child();
    test_directory_and_environment();
    test_command_line();
    test_suspended();
    test_terminate_and_open();
    test_errors();
    test_wait_all();
    test_grandchild();
    test_named_pipe();
    return vt_summary();
}
