/* Named pipes: several instances, message mode, connection states,
 * DisconnectNamedPipe, WaitNamedPipe, overlapped ConnectNamedPipe, the
 * information calls, TransactNamedPipe, CallNamedPipe, impersonation, and
 * a child process connecting to its parent's pipe. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "vinetest.h"

static char self[MAX_PATH];
static char name[64];

static void make_name(const char *what)
{
    snprintf(name, sizeof(name), "\\\\.\\pipe\\vine_np_%s_%lu", what, GetCurrentProcessId());
}

static HANDLE open_client(DWORD flags)
{
    return CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, flags, NULL);
}

static void test_instances(void)
{
    HANDLE a, b, c, ca, cb, cc;
    make_name("instances");
    a = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 2, 512, 512, 0, NULL);
    b = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 2, 512, 512, 0, NULL);
    ok(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE, "two instances");
    SetLastError(0xdeadbeef);
    c = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 2, 512, 512, 0, NULL);
    ok(c == INVALID_HANDLE_VALUE, "no third instance");
    ok_int(GetLastError(), ERROR_PIPE_BUSY);
    ca = open_client(0);
    cb = open_client(0);
    ok(ca != INVALID_HANDLE_VALUE && cb != INVALID_HANDLE_VALUE, "two clients");
    SetLastError(0xdeadbeef);
    cc = open_client(0);
    ok(cc == INVALID_HANDLE_VALUE, "a third client");
    ok_int(GetLastError(), ERROR_PIPE_BUSY);
    SetLastError(0xdeadbeef);
    ok(!WaitNamedPipeA(name, 100), "WaitNamedPipe with every instance busy");
    ok_int(GetLastError(), ERROR_SEM_TIMEOUT);
    CloseHandle(ca);
    CloseHandle(cb);
    CloseHandle(a);
    CloseHandle(b);

    /* A second instance refused to FILE_FLAG_FIRST_PIPE_INSTANCE. */
    a = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE, PIPE_TYPE_BYTE, 3, 512, 512, 0, NULL);
    ok(a != INVALID_HANDLE_VALUE, "the first instance with FILE_FLAG_FIRST_PIPE_INSTANCE");
    SetLastError(0xdeadbeef);
    b = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE, PIPE_TYPE_BYTE, 3, 512, 512, 0, NULL);
    ok(b == INVALID_HANDLE_VALUE, "a second one");
    ok_int(GetLastError(), ERROR_ACCESS_DENIED);
    if (b != INVALID_HANDLE_VALUE) CloseHandle(b);
    CloseHandle(a);
    SetLastError(0xdeadbeef);
    ok(!WaitNamedPipeA(name, 100), "WaitNamedPipe of a pipe that is gone");
    ok_int(GetLastError(), ERROR_FILE_NOT_FOUND);
}

static void test_messages(void)
{
    HANDLE server, client;
    char buffer[64];
    DWORD got = 0, mode, avail = 0, left = 0, state = 0, instances = 0, flags = 0, maxi = 0;

    make_name("messages");
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1, 512, 512, 0, NULL);
    ok(server != INVALID_HANDLE_VALUE, "a message pipe");
    ok(WaitNamedPipeA(name, NMPWAIT_USE_DEFAULT_WAIT), "WaitNamedPipe of a listening instance");
    client = open_client(0);
    ok(client != INVALID_HANDLE_VALUE, "its client");
    mode = PIPE_READMODE_MESSAGE;
    ok(SetNamedPipeHandleState(client, &mode, NULL, NULL), "the client reads messages");

    ok(GetNamedPipeInfo(server, &flags, NULL, NULL, &maxi), "GetNamedPipeInfo");
    ok_int(flags, PIPE_SERVER_END | PIPE_TYPE_MESSAGE);
    ok_int(maxi, 1);
    ok(GetNamedPipeInfo(client, &flags, NULL, NULL, NULL), "GetNamedPipeInfo of the client");
    ok_int(flags, PIPE_CLIENT_END | PIPE_TYPE_MESSAGE);
    ok(GetNamedPipeHandleStateA(server, &state, &instances, NULL, NULL, NULL, 0), "GetNamedPipeHandleState");
    ok_int(state, PIPE_READMODE_MESSAGE);
    ok_int(instances, 1);

    ok(WriteFile(client, "hello world", 11, &got, NULL) && got == 11, "a message");
    ok(WriteFile(client, "ab", 2, &got, NULL) && got == 2, "another");
    memset(buffer, 0, sizeof(buffer));
    SetLastError(0xdeadbeef);
    ok(!ReadFile(server, buffer, 5, &got, NULL), "a short buffer");
    ok_int(GetLastError(), ERROR_MORE_DATA);
    ok_int(got, 5);
    ok_str(buffer, "hello");
    ok(PeekNamedPipe(server, NULL, 0, NULL, &avail, &left), "PeekNamedPipe");
    ok_int(avail, 8);
    ok_int(left, 6);
    memset(buffer, 0, sizeof(buffer));
    ok(ReadFile(server, buffer, sizeof(buffer), &got, NULL), "the rest of the message");
    ok_int(got, 6);
    ok_str(buffer, " world");
    memset(buffer, 0, sizeof(buffer));
    ok(ReadFile(server, buffer, sizeof(buffer), &got, NULL), "the next message alone");
    ok_int(got, 2);
    ok_str(buffer, "ab");

    /* Byte read mode on a message pipe: the messages run together. */
    mode = PIPE_READMODE_BYTE;
    ok(SetNamedPipeHandleState(server, &mode, NULL, NULL), "byte read mode on the server end");
    ok(WriteFile(client, "one", 3, &got, NULL) && WriteFile(client, "two", 3, &got, NULL), "two messages");
    Sleep(50);
    memset(buffer, 0, sizeof(buffer));
    ok(ReadFile(server, buffer, sizeof(buffer), &got, NULL), "one byte-mode read");
    ok_int(got, 6);
    ok_str(buffer, "onetwo");
    CloseHandle(client);
    CloseHandle(server);
    {
        /* Changing the modes needs FILE_WRITE_ATTRIBUTES. */
        HANDLE reader;
        make_name("readonly");
        server = CreateNamedPipeA(name, PIPE_ACCESS_OUTBOUND, PIPE_TYPE_MESSAGE, 1, 512, 512, 0, NULL);
        reader = CreateFileA(name, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
        ok(reader != INVALID_HANDLE_VALUE, "a read-only client");
        mode = PIPE_READMODE_MESSAGE;
        SetLastError(0xdeadbeef);
        ok(!SetNamedPipeHandleState(reader, &mode, NULL, NULL), "SetNamedPipeHandleState without FILE_WRITE_ATTRIBUTES");
        ok_int(GetLastError(), ERROR_ACCESS_DENIED);
        CloseHandle(reader);
        CloseHandle(server);
    }

    /* Byte mode on a byte pipe only: a byte pipe cannot read messages. */
    make_name("bytes");
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 512, 512, 0, NULL);
    client = open_client(0);
    mode = PIPE_READMODE_MESSAGE;
    SetLastError(0xdeadbeef);
    ok(!SetNamedPipeHandleState(client, &mode, NULL, NULL), "message read mode on a byte pipe");
    ok_int(GetLastError(), ERROR_INVALID_PARAMETER);
    mode = PIPE_NOWAIT;
    ok(SetNamedPipeHandleState(server, &mode, NULL, NULL), "PIPE_NOWAIT");
    SetLastError(0xdeadbeef);
    ok(!ReadFile(server, buffer, sizeof(buffer), &got, NULL), "a non-blocking read of nothing");
    ok_int(GetLastError(), ERROR_NO_DATA);
    CloseHandle(client);
    CloseHandle(server);
}

static void test_connect_states(void)
{
    HANDLE server, client;
    char buffer[16];
    DWORD got;

    make_name("states");
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 512, 512, 0, NULL);
    /* No client yet: transfers fail at once instead of waiting. */
    SetLastError(0xdeadbeef);
    ok(!ReadFile(server, buffer, sizeof(buffer), &got, NULL), "a read of a listening pipe");
    ok_int(GetLastError(), ERROR_PIPE_LISTENING);
    SetLastError(0xdeadbeef);
    ok(!WriteFile(server, "x", 1, &got, NULL), "a write to a listening pipe");
    ok_int(GetLastError(), ERROR_PIPE_LISTENING);
    client = open_client(0);
    CloseHandle(client);
    SetLastError(0xdeadbeef);
    ok(!ConnectNamedPipe(server, NULL), "ConnectNamedPipe after the client came and went");
    ok_int(GetLastError(), ERROR_NO_DATA);
    ok(DisconnectNamedPipe(server), "DisconnectNamedPipe");
    SetLastError(0xdeadbeef);
    client = open_client(0);
    ok(client == INVALID_HANDLE_VALUE, "a disconnected instance is not listening");
    ok_int(GetLastError(), ERROR_PIPE_BUSY);

    /* Listening again: a new client gets a fresh connection. */
    {
        OVERLAPPED ov;
        HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
        HANDLE overlapped_server;
        CloseHandle(server);
        overlapped_server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 512,
                                             512, 0, NULL);
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = event;
        SetLastError(0xdeadbeef);
        ok(!ConnectNamedPipe(overlapped_server, &ov), "an overlapped connect waits");
        ok_int(GetLastError(), ERROR_IO_PENDING);
        ok(WaitForSingleObject(event, 0) == WAIT_TIMEOUT, "no client yet");
        client = open_client(0);
        ok(client != INVALID_HANDLE_VALUE, "a client");
        ok(WaitForSingleObject(event, 2000) == WAIT_OBJECT_0, "the connect completes");
        ok(GetOverlappedResult(overlapped_server, &ov, &got, FALSE), "successfully");
        SetLastError(0xdeadbeef);
        ok(!ConnectNamedPipe(overlapped_server, &ov), "connected already");
        ok_int(GetLastError(), ERROR_PIPE_CONNECTED);
        ok(WriteFile(client, "hi", 2, &got, NULL), "client writes");
        memset(&ov, 0, sizeof(ov));
        ok(ReadFile(overlapped_server, buffer, sizeof(buffer), NULL, &ov) || GetLastError() == ERROR_IO_PENDING, "read");
        ok(GetOverlappedResult(overlapped_server, &ov, &got, TRUE) && got == 2, "2 bytes");
        ok(DisconnectNamedPipe(overlapped_server), "disconnect");
        SetLastError(0xdeadbeef);
        ok(!ReadFile(client, buffer, sizeof(buffer), &got, NULL), "the client's read after the disconnect fails");
        ok_int(GetLastError(), ERROR_PIPE_NOT_CONNECTED);
        CloseHandle(client);
        CloseHandle(overlapped_server);
        CloseHandle(event);
    }
}

static DWORD WINAPI echo_server(void *arg)
{
    HANDLE server = arg;
    char buffer[64];
    DWORD got, put;
    if (!ConnectNamedPipe(server, NULL) && GetLastError() != ERROR_PIPE_CONNECTED) return 1;
    if (!ReadFile(server, buffer, sizeof(buffer), &got, NULL)) return 2;
    buffer[0] = 'R';
    if (!WriteFile(server, buffer, got, &put, NULL)) return 3;
    FlushFileBuffers(server);
    return 0;
}

static void test_transact(void)
{
    HANDLE server, client, thread;
    char reply[64];
    DWORD got = 0, mode = PIPE_READMODE_MESSAGE, code = 9;

    make_name("transact");
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1, 512, 512, 0, NULL);
    thread = CreateThread(NULL, 0, echo_server, server, 0, NULL);
    client = open_client(0);
    SetLastError(0xdeadbeef);
    ok(!TransactNamedPipe(client, "query", 5, reply, sizeof(reply), &got, NULL), "TransactNamedPipe in byte read mode");
    ok_int(GetLastError(), ERROR_BAD_PIPE);
    ok(SetNamedPipeHandleState(client, &mode, NULL, NULL), "message read mode");
    memset(reply, 0, sizeof(reply));
    ok(TransactNamedPipe(client, "query", 5, reply, sizeof(reply), &got, NULL), "TransactNamedPipe: %lu", GetLastError());
    ok_int(got, 5);
    ok_str(reply, "Ruery");
    WaitForSingleObject(thread, 5000);
    GetExitCodeThread(thread, &code);
    ok_int(code, 0);
    CloseHandle(thread);
    CloseHandle(client);
    CloseHandle(server);

    make_name("call");
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1, 512, 512, 0, NULL);
    thread = CreateThread(NULL, 0, echo_server, server, 0, NULL);
    memset(reply, 0, sizeof(reply));
    ok(CallNamedPipeA(name, "hello", 5, reply, sizeof(reply), &got, 2000), "CallNamedPipe: %lu", GetLastError());
    ok_int(got, 5);
    ok_str(reply, "Rello");
    WaitForSingleObject(thread, 5000);
    CloseHandle(thread);
    CloseHandle(server);
}

static int child(const char *pipe)
{
    HANDLE client = CreateFileA(pipe, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    char buffer[64];
    DWORD got, put;
    ULONG server_pid = 0;
    if (client == INVALID_HANDLE_VALUE) return 10;
    if (!GetNamedPipeServerProcessId(client, &server_pid)) return 11;
    snprintf(buffer, sizeof(buffer), "%lu %lu", GetCurrentProcessId(), server_pid);
    if (!WriteFile(client, buffer, (DWORD)strlen(buffer), &put, NULL)) return 12;
    if (!ReadFile(client, buffer, sizeof(buffer), &got, NULL) || got != 3 || memcmp(buffer, "bye", 3)) return 13;
    CloseHandle(client);
    return 0;
}

static void test_child(void)
{
    HANDLE server;
    char line[MAX_PATH + 128], buffer[64];
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    DWORD got = 0, put, code = 99;
    ULONG client_pid = 0, server_pid = 0, child_pid = 0, seen_server = 0;

    make_name("child");
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 512, 512, 0, NULL);
    snprintf(line, sizeof(line), "\"%s\" child %s", self, name);
    ok(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "the child starts");
    ok(ConnectNamedPipe(server, NULL) || GetLastError() == ERROR_PIPE_CONNECTED, "the child connects");
    memset(buffer, 0, sizeof(buffer));
    ok(ReadFile(server, buffer, sizeof(buffer) - 1, &got, NULL), "the child's message");
    sscanf(buffer, "%lu %lu", &child_pid, &seen_server);
    ok_int(child_pid, pi.dwProcessId);
    ok_int(seen_server, GetCurrentProcessId());
    ok(GetNamedPipeClientProcessId(server, &client_pid), "GetNamedPipeClientProcessId");
    ok_int(client_pid, pi.dwProcessId);
    ok(GetNamedPipeServerProcessId(server, &server_pid), "GetNamedPipeServerProcessId");
    ok_int(server_pid, GetCurrentProcessId());
    ok(ImpersonateNamedPipeClient(server), "ImpersonateNamedPipeClient: %lu", GetLastError());
    ok(RevertToSelf(), "RevertToSelf");
    ok(WriteFile(server, "bye", 3, &put, NULL), "the answer");
    ok(WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0, "the child ends");
    GetExitCodeProcess(pi.hProcess, &code);
    ok_int(code, 0);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(server);
}

int main(int argc, char **argv)
{
    GetModuleFileNameA(NULL, self, sizeof(self));
    if (argc >= 3 && !strcmp(argv[1], "child")) return child(argv[2]);
    test_instances();
    test_messages();
    test_connect_states();
    test_transact();
    test_child();
    return vt_summary();
}
