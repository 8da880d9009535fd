/* Anonymous and named pipes within one process: end-of-pipe errors,
 * PeekNamedPipe, inheritance flags, named pipe connection states. */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

static void test_anonymous(void)
{
    SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
    HANDLE reader, writer;
    char buffer[32];
    DWORD written = 0, got = 0, available = 0, left = 0, flags = 0;

    ok(CreatePipe(&reader, &writer, NULL, 0), "CreatePipe");
    ok(GetHandleInformation(reader, &flags), "GetHandleInformation");
    ok_int(flags & HANDLE_FLAG_INHERIT, 0);
    ok_int(GetFileType(writer), FILE_TYPE_PIPE);

    ok(PeekNamedPipe(reader, NULL, 0, NULL, &available, NULL), "PeekNamedPipe on an empty pipe");
    ok_int(available, 0);
    ok(WriteFile(writer, "abcdef", 6, &written, NULL), "WriteFile");
    ok_int(written, 6);
    memset(buffer, 0, sizeof(buffer));
    ok(PeekNamedPipe(reader, buffer, 4, &got, &available, &left), "PeekNamedPipe with a buffer");
    ok_int(got, 4);
    ok_int(available, 6);
    ok_int(left, 0);
    ok_str(buffer, "abcd");
    /* Peeking consumed nothing. */
    memset(buffer, 0, sizeof(buffer));
    ok(ReadFile(reader, buffer, sizeof(buffer), &got, NULL), "ReadFile");
    ok_int(got, 6);
    ok_str(buffer, "abcdef");

    /* An anonymous pipe is a one-instance byte pipe whose read end is the
     * server end; PIPE_NOWAIT makes an empty read fail at once. */
    {
        DWORD info_flags = 99, max_instances = 0, mode = PIPE_NOWAIT, state = 99;
        ok(GetNamedPipeInfo(reader, &info_flags, NULL, NULL, &max_instances), "GetNamedPipeInfo of the read end");
        ok_int(info_flags, PIPE_SERVER_END | PIPE_TYPE_BYTE);
        ok_int(max_instances, 1);
        ok(GetNamedPipeInfo(writer, &info_flags, NULL, NULL, NULL), "GetNamedPipeInfo of the write end");
        ok_int(info_flags, PIPE_CLIENT_END | PIPE_TYPE_BYTE);
        ok(SetNamedPipeHandleState(reader, &mode, NULL, NULL), "PIPE_NOWAIT on the read end");
        ok(GetNamedPipeHandleStateA(reader, &state, NULL, NULL, NULL, NULL, 0), "GetNamedPipeHandleState");
        ok_int(state, PIPE_NOWAIT);
        SetLastError(0xdeadbeef);
        ok(!ReadFile(reader, buffer, sizeof(buffer), &got, NULL), "an empty non-blocking read");
        ok_int(GetLastError(), ERROR_NO_DATA);
        mode = PIPE_WAIT;
        ok(SetNamedPipeHandleState(reader, &mode, NULL, NULL), "PIPE_WAIT again");
    }

    /* No writer left: the reader sees the end. */
    ok(WriteFile(writer, "xy", 2, &written, NULL), "WriteFile before closing");
    CloseHandle(writer);
    ok(ReadFile(reader, buffer, sizeof(buffer), &got, NULL) && got == 2, "the data before the end is read");
    SetLastError(0);
    ok(!ReadFile(reader, buffer, sizeof(buffer), &got, NULL), "ReadFile at the end fails");
    ok_int(GetLastError(), ERROR_BROKEN_PIPE);
    ok_int(got, 0);
    SetLastError(0);
    ok(!PeekNamedPipe(reader, NULL, 0, NULL, &available, NULL), "PeekNamedPipe at the end fails");
    ok_int(GetLastError(), ERROR_BROKEN_PIPE);
    CloseHandle(reader);

    /* No reader left: the writer gets ERROR_NO_DATA. */
    ok(CreatePipe(&reader, &writer, &sa, 0), "CreatePipe inheritable");
    ok(GetHandleInformation(writer, &flags) && (flags & HANDLE_FLAG_INHERIT), "inheritable: %lu", flags);
    CloseHandle(reader);
    SetLastError(0);
    ok(!WriteFile(writer, "x", 1, &written, NULL), "WriteFile without a reader fails");
    ok_int(GetLastError(), ERROR_NO_DATA);
    CloseHandle(writer);
}

static DWORD WINAPI client_thread(void *name)
{
    DWORD written;
    HANDLE pipe = CreateFileA(name, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (pipe == INVALID_HANDLE_VALUE) return 1;
    WriteFile(pipe, "from a thread", 13, &written, NULL);
    CloseHandle(pipe);
    return 0;
}

static void test_named(void)
{
    char name[64], buffer[32];
    HANDLE server, client, second, thread;
    DWORD got = 0, written = 0, code = 1;

    snprintf(name, sizeof(name), "\\\\.\\pipe\\vine_pipe_test_%lu", GetCurrentProcessId());
    SetLastError(0);
    client = CreateFileA(name, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(client == INVALID_HANDLE_VALUE, "no such pipe yet");
    ok_int(GetLastError(), ERROR_FILE_NOT_FOUND);

    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 512, 512, 0, NULL);
    ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipe: %lu", GetLastError());
    SetLastError(0);
    second = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 512, 512, 0, NULL);
    ok(second == INVALID_HANDLE_VALUE, "a second instance of a one-instance pipe");
    ok_int(GetLastError(), ERROR_PIPE_BUSY);

    /* The client came first: ConnectNamedPipe says it is connected. */
    client = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(client != INVALID_HANDLE_VALUE, "CreateFile on the pipe: %lu", GetLastError());
    ok_int(GetFileType(client), FILE_TYPE_PIPE);
    SetLastError(0);
    ok(!ConnectNamedPipe(server, NULL), "ConnectNamedPipe after the client");
    ok_int(GetLastError(), ERROR_PIPE_CONNECTED);
    SetLastError(0);
    second = CreateFileA(name, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    ok(second == INVALID_HANDLE_VALUE, "a second client");
    ok_int(GetLastError(), ERROR_PIPE_BUSY);

    /* Both directions. */
    ok(WriteFile(client, "ping", 4, &written, NULL), "client writes");
    memset(buffer, 0, sizeof(buffer));
    ok(ReadFile(server, buffer, sizeof(buffer), &got, NULL) && got == 4, "server reads");
    ok_str(buffer, "ping");
    ok(WriteFile(server, "pong", 4, &written, NULL), "server writes");
    memset(buffer, 0, sizeof(buffer));
    ok(ReadFile(client, buffer, sizeof(buffer), &got, NULL) && got == 4, "client reads");
    ok_str(buffer, "pong");
    ok(PeekNamedPipe(client, NULL, 0, NULL, &got, NULL) && got == 0, "nothing left to peek");

    CloseHandle(client);
    SetLastError(0);
    ok(!ReadFile(server, buffer, sizeof(buffer), &got, NULL), "ReadFile after the client closed");
    ok_int(GetLastError(), ERROR_BROKEN_PIPE);
    SetLastError(0);
    ok(!WriteFile(server, "x", 1, &written, NULL), "WriteFile after the client closed");
    ok_int(GetLastError(), ERROR_NO_DATA);
    CloseHandle(server);

    /* The server waits in ConnectNamedPipe for a client thread. */
    server = CreateNamedPipeA(name, PIPE_ACCESS_INBOUND, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 512, 512, 0, NULL);
    ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipe again after the first closed: %lu", GetLastError());
    thread = CreateThread(NULL, 0, client_thread, name, 0, NULL);
    ok(ConnectNamedPipe(server, NULL) || GetLastError() == ERROR_PIPE_CONNECTED, "ConnectNamedPipe waits");
    memset(buffer, 0, sizeof(buffer));
    ok(ReadFile(server, buffer, 13, &got, NULL) && got == 13, "read from the thread");
    ok_str(buffer, "from a thread");
    WaitForSingleObject(thread, 10000);
    GetExitCodeThread(thread, &code);
    ok_int(code, 0);
    CloseHandle(thread);
    CloseHandle(server);
}

int main(void)
{
    test_anonymous();
    test_named();
    return vt_summary();
}
