/* Named pipes and asynchronous I/O on the NT layer, as Rust's standard
 * library and async runtimes call it: NtCreateNamedPipeFile, NtCreateFile
 * of the client end, NtReadFile with an APC routine, NtFsControlFile pipe
 * controls, the pipe information classes, completion ports through
 * FileCompletionInformation, NtCancelIoFileEx. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "vinetest.h"

typedef struct {
    union {
        LONG Status;
        PVOID Pointer;
    };
    ULONG_PTR Information;
} IO_STATUS_BLOCK_;
typedef struct {
    USHORT Length, MaximumLength;
    PWSTR Buffer;
} UNICODE_STRING_;
typedef struct {
    ULONG Length;
    HANDLE RootDirectory;
    UNICODE_STRING_ *ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor, SecurityQualityOfService;
} OBJECT_ATTRIBUTES_;
typedef struct {
    ULONG NamedPipeType, NamedPipeConfiguration, MaximumInstances, CurrentInstances, InboundQuota,
        ReadDataAvailable, OutboundQuota, WriteQuotaAvailable, NamedPipeState, NamedPipeEnd;
} PIPE_LOCAL_;
typedef struct {
    ULONG NamedPipeState, ReadDataAvailable, NumberOfMessages, MessageLength;
    CHAR Data[1];
} PEEK_;
typedef struct {
    HANDLE Port;
    PVOID Key;
} COMPLETION_;

typedef VOID(WINAPI *APC_)(PVOID, IO_STATUS_BLOCK_ *, ULONG);
__declspec(dllimport) LONG WINAPI NtCreateNamedPipeFile(HANDLE *, ULONG, OBJECT_ATTRIBUTES_ *, IO_STATUS_BLOCK_ *,
                                                        ULONG, ULONG, ULONG, ULONG, ULONG, ULONG, ULONG, ULONG, ULONG,
                                                        LARGE_INTEGER *);
__declspec(dllimport) LONG WINAPI NtCreateFile(HANDLE *, ACCESS_MASK, OBJECT_ATTRIBUTES_ *, IO_STATUS_BLOCK_ *,
                                               LARGE_INTEGER *, ULONG, ULONG, ULONG, ULONG, PVOID, ULONG);
__declspec(dllimport) LONG WINAPI NtReadFile(HANDLE, HANDLE, APC_, PVOID, IO_STATUS_BLOCK_ *, PVOID, ULONG,
                                             LARGE_INTEGER *, ULONG *);
__declspec(dllimport) LONG WINAPI NtWriteFile(HANDLE, HANDLE, APC_, PVOID, IO_STATUS_BLOCK_ *, const void *, ULONG,
                                              LARGE_INTEGER *, ULONG *);
__declspec(dllimport) LONG WINAPI NtFsControlFile(HANDLE, HANDLE, APC_, PVOID, IO_STATUS_BLOCK_ *, ULONG, PVOID, ULONG,
                                                  PVOID, ULONG);
__declspec(dllimport) LONG WINAPI NtQueryInformationFile(HANDLE, IO_STATUS_BLOCK_ *, PVOID, ULONG, ULONG);
__declspec(dllimport) LONG WINAPI NtSetInformationFile(HANDLE, IO_STATUS_BLOCK_ *, PVOID, ULONG, ULONG);
__declspec(dllimport) LONG WINAPI NtCancelIoFileEx(HANDLE, IO_STATUS_BLOCK_ *, IO_STATUS_BLOCK_ *);
__declspec(dllimport) LONG WINAPI NtCreateIoCompletion(HANDLE *, ACCESS_MASK, OBJECT_ATTRIBUTES_ *, ULONG);
__declspec(dllimport) LONG WINAPI NtRemoveIoCompletion(HANDLE, ULONG_PTR *, ULONG_PTR *, IO_STATUS_BLOCK_ *,
                                                       LARGE_INTEGER *);
__declspec(dllimport) LONG WINAPI NtOpenFile(HANDLE *, ACCESS_MASK, OBJECT_ATTRIBUTES_ *, IO_STATUS_BLOCK_ *, ULONG,
                                             ULONG);
__declspec(dllimport) LONG WINAPI NtClose(HANDLE);

#define STATUS_PENDING_ 0x103
#define STATUS_BUFFER_OVERFLOW_ ((LONG)0x80000005)
#define STATUS_NOT_FOUND_ ((LONG)0xc0000225)
#define STATUS_OBJECT_NAME_NOT_FOUND_ ((LONG)0xc0000034)
#define STATUS_CANCELLED_ ((LONG)0xc0000120)
#define FILE_CREATE_ 2
#define FILE_OPEN_ 1
#define FILE_SYNCHRONOUS_IO_NONALERT_ 0x20
#define FSCTL_PIPE_PEEK_ 0x11400c
#define FilePipeLocalInformation_ 24
#define FileCompletionInformation_ 30

static WCHAR name_text[80];
static UNICODE_STRING_ name_string;
static OBJECT_ATTRIBUTES_ name_attributes;
static int apc_calls;
static LONG apc_status;
static ULONG_PTR apc_information;
static PVOID apc_context_seen;

static void set_name(const WCHAR *what)
{
    swprintf(name_text, 80, L"\\??\\pipe\\vine_nt_pipe_%ls_%lu", what, GetCurrentProcessId());
    name_string.Buffer = name_text;
    name_string.Length = name_string.MaximumLength = (USHORT)(wcslen(name_text) * 2);
    memset(&name_attributes, 0, sizeof(name_attributes));
    name_attributes.Length = sizeof(name_attributes);
    name_attributes.ObjectName = &name_string;
    name_attributes.Attributes = 0x40; /* OBJ_CASE_INSENSITIVE: \??\ holds "PIPE" */
}

static void WINAPI io_apc(PVOID context, IO_STATUS_BLOCK_ *io, ULONG reserved)
{
    apc_calls++;
    apc_status = io->Status;
    apc_information = io->Information;
    apc_context_seen = context;
}

static DWORD ex_error, ex_bytes;
static int ex_calls;

static void CALLBACK ex_done(DWORD error, DWORD bytes, OVERLAPPED *ov)
{
    ex_calls++;
    ex_error = error;
    ex_bytes = bytes;
}

/* The anonymous pipe Rust's standard library makes for a child's standard
 * handles: an unnamed pipe created relative to \??\PIPE\, its other end
 * opened relative to the first, overlapped reads through ReadFileEx. */
static void test_unnamed(void)
{
    UNICODE_STRING_ fs_name, empty = {0, 0, NULL};
    OBJECT_ATTRIBUTES_ attributes;
    IO_STATUS_BLOCK_ io;
    LARGE_INTEGER timeout;
    HANDLE fs = NULL, ours = NULL, theirs = NULL;
    OVERLAPPED ov;
    char buffer[32];
    DWORD written = 0;
    LONG status;

    fs_name.Buffer = L"\\??\\PIPE\\";
    fs_name.Length = fs_name.MaximumLength = (USHORT)(wcslen(fs_name.Buffer) * 2);
    memset(&attributes, 0, sizeof(attributes));
    attributes.Length = sizeof(attributes);
    attributes.ObjectName = &fs_name;
    status = NtOpenFile(&fs, SYNCHRONIZE | GENERIC_READ, &attributes, &io, FILE_SHARE_READ | FILE_SHARE_WRITE,
                        FILE_SYNCHRONOUS_IO_NONALERT_);
    ok(status == 0, "the pipe file system: %#lx", status);
    attributes.ObjectName = &empty;
    attributes.RootDirectory = fs;
    timeout.QuadPart = -500000;
    status = NtCreateNamedPipeFile(&ours, SYNCHRONIZE | GENERIC_READ, &attributes, &io, FILE_SHARE_WRITE, FILE_CREATE_,
                                   0, 0, 0, 0, 1, 65536, 65536, &timeout);
    ok(status == 0, "an unnamed pipe: %#lx", status);
    attributes.RootDirectory = ours;
    status = NtOpenFile(&theirs, SYNCHRONIZE | GENERIC_WRITE | FILE_READ_ATTRIBUTES, &attributes, &io, 0,
                        0x40 /* FILE_NON_DIRECTORY_FILE */ | FILE_SYNCHRONOUS_IO_NONALERT_);
    ok(status == 0, "its other end: %#lx", status);
    ok(WriteFile(theirs, "child output", 12, &written, NULL) && written == 12, "a synchronous write");
    memset(&ov, 0, sizeof(ov));
    memset(buffer, 0, sizeof(buffer));
    ok(ReadFileEx(ours, buffer, sizeof(buffer), &ov, ex_done), "ReadFileEx");
    while (!ex_calls && SleepEx(2000, TRUE) == WAIT_IO_COMPLETION) {}
    ok_int(ex_calls, 1);
    ok_int(ex_error, 0);
    ok_int(ex_bytes, 12);
    ok_str(buffer, "child output");

    /* Rust's synchronous read of an asynchronous handle: NtReadFile without
     * an event, then a wait on the handle itself. */
    {
        LARGE_INTEGER zero;
        zero.QuadPart = 0;
        memset(buffer, 0, sizeof(buffer));
        io.Status = 0x1234;
        status = NtReadFile(ours, NULL, NULL, NULL, &io, buffer, sizeof(buffer), &zero, NULL);
        ok(status == STATUS_PENDING_, "pending: %#lx", status);
        ok(WaitForSingleObject(ours, 0) == WAIT_TIMEOUT, "the handle is not signaled while it waits");
        ok(WriteFile(theirs, "late", 4, &written, NULL), "the data comes");
        ok(WaitForSingleObject(ours, 2000) == WAIT_OBJECT_0, "the handle is signaled when the read ends");
        ok(io.Status == 0, "the read's status: %#lx", io.Status);
        ok_int((int)io.Information, 4);
        ok_str(buffer, "late");
    }
    NtClose(theirs);
    ex_calls = 0;
    memset(&ov, 0, sizeof(ov));
    if (ReadFileEx(ours, buffer, sizeof(buffer), &ov, ex_done)) {
        while (!ex_calls && SleepEx(2000, TRUE) == WAIT_IO_COMPLETION) {}
        ok_int(ex_error, ERROR_BROKEN_PIPE);
    } else {
        ok_int(GetLastError(), ERROR_BROKEN_PIPE);
    }
    NtClose(ours);
    NtClose(fs);
}

int main(void)
{
    HANDLE server = NULL, client = NULL, port = NULL;
    IO_STATUS_BLOCK_ io, io2, cancel_io;
    LARGE_INTEGER timeout, offset;
    PIPE_LOCAL_ local;
    char buffer[64], peek_buffer[sizeof(PEEK_) + 8];
    PEEK_ *peek = (PEEK_ *)peek_buffer;
    COMPLETION_ completion;
    ULONG_PTR key = 0, context = 0;
    LONG status;

    set_name(L"none");
    {
        HANDLE none = NULL;
        timeout.QuadPart = -500000;
        status = NtCreateNamedPipeFile(&none, GENERIC_READ | SYNCHRONIZE, &name_attributes, &io, FILE_SHARE_WRITE,
                                       FILE_OPEN_, 0, 0, 0, 0, 1, 1024, 1024, &timeout);
        ok(status == STATUS_OBJECT_NAME_NOT_FOUND_, "FILE_OPEN of a pipe that does not exist: %#lx", status);
    }
    set_name(L"apc");
    timeout.QuadPart = -500000;
    status = NtCreateFile(&client, GENERIC_READ | SYNCHRONIZE, &name_attributes, &io, NULL, 0,
                          FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_OPEN_, 0, NULL, 0);
    ok(status == STATUS_OBJECT_NAME_NOT_FOUND_, "no such pipe: %#lx", status);

    /* A message pipe, asynchronous on both ends. */
    status = NtCreateNamedPipeFile(&server, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, &name_attributes, &io,
                                   FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_CREATE_, 0, 1, 1, 0, 4, 1024, 1024,
                                   &timeout);
    ok(status == 0, "NtCreateNamedPipeFile: %#lx", status);
    status = NtCreateFile(&client, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, &name_attributes, &io, NULL, 0,
                          FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_OPEN_, 0, NULL, 0);
    ok(status == 0, "the client end: %#lx", status);
    {
        /* FILE_OPEN: another instance of an existing pipe (go-winio's way). */
        HANDLE second = NULL;
        status = NtCreateNamedPipeFile(&second, GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE, &name_attributes, &io,
                                       FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_OPEN_, 0, 1, 1, 0, 4, 1024, 1024,
                                       &timeout);
        ok(status == 0, "a second instance with FILE_OPEN: %#lx", status);
        NtClose(second);
    }

    status = NtQueryInformationFile(server, &io, &local, sizeof(local), FilePipeLocalInformation_);
    ok(status == 0, "FilePipeLocalInformation: %#lx", status);
    ok_int(local.NamedPipeType, 1);
    ok_int(local.NamedPipeConfiguration, 2);
    ok_int(local.MaximumInstances, 4);
    ok_int(local.CurrentInstances, 1);
    ok_int(local.NamedPipeState, 3);
    ok_int(local.NamedPipeEnd, 1);
    ok_int((int)io.Information, sizeof(local));

    /* A read with an APC routine: pending, then the routine at an alertable wait. */
    offset.QuadPart = 0;
    memset(buffer, 0, sizeof(buffer));
    io.Status = 0x12345;
    status = NtReadFile(server, NULL, io_apc, (PVOID)0x77, &io, buffer, sizeof(buffer), &offset, NULL);
    ok(status == STATUS_PENDING_, "NtReadFile of an empty pipe: %#lx", status);
    status = NtWriteFile(client, NULL, NULL, NULL, &io2, "message", 7, &offset, NULL);
    ok(status == 0, "NtWriteFile: %#lx", status);
    ok_int((int)io2.Information, 7);
    ok_int(SleepEx(2000, TRUE), WAIT_IO_COMPLETION);
    ok_int(apc_calls, 1);
    ok(apc_status == 0, "the APC's status: %#lx", apc_status);
    ok_int((int)apc_information, 7);
    ok(apc_context_seen == (PVOID)0x77, "the APC's context");
    ok_str(buffer, "message");

    /* Peeking at a message longer than the buffer. */
    status = NtWriteFile(client, NULL, NULL, NULL, &io2, "0123456789abcdef", 16, &offset, NULL);
    ok(status == 0, "a 16-byte message");
    status = NtFsControlFile(server, NULL, NULL, NULL, &io, FSCTL_PIPE_PEEK_, NULL, 0, peek, sizeof(peek_buffer));
    ok(status == STATUS_BUFFER_OVERFLOW_, "FSCTL_PIPE_PEEK with a short buffer: %#lx", status);
    ok_int(peek->ReadDataAvailable, 16);
    ok_int(peek->MessageLength, 16);
    ok_int((int)io.Information, sizeof(peek_buffer));
    ok(!memcmp(peek->Data, "01234567", 8), "the message's start");

    /* A completion port through FileCompletionInformation. */
    status = NtCreateIoCompletion(&port, 0x1f0003, NULL, 0);
    ok(status == 0, "NtCreateIoCompletion");
    completion.Port = port;
    completion.Key = (PVOID)5;
    status = NtSetInformationFile(server, &io, &completion, sizeof(completion), FileCompletionInformation_);
    ok(status == 0, "FileCompletionInformation: %#lx", status);
    memset(buffer, 0, sizeof(buffer));
    status = NtReadFile(server, NULL, NULL, (PVOID)0x99, &io, buffer, sizeof(buffer), &offset, NULL);
    ok(status == 0, "a read that completes at once: %#lx", status);
    ok_int((int)io.Information, 16);
    status = NtRemoveIoCompletion(port, &key, &context, &io2, &timeout);
    ok(status == 0, "its packet: %#lx", status);
    ok_int((int)key, 5);
    ok(context == 0x99, "the packet's context");
    ok_int((int)io2.Information, 16);

    /* Cancelling a pending read; then nothing is left to cancel. */
    status = NtReadFile(server, NULL, NULL, (PVOID)0x55, &io, buffer, sizeof(buffer), &offset, NULL);
    ok(status == STATUS_PENDING_, "pending");
    status = NtCancelIoFileEx(server, &io, &cancel_io);
    ok(status == 0, "NtCancelIoFileEx: %#lx", status);
    status = NtRemoveIoCompletion(port, &key, &context, &io2, &timeout);
    ok(status == 0 && io2.Status == STATUS_CANCELLED_ && context == 0x55, "a cancelled packet: %#lx", io2.Status);
    ok(io.Status == STATUS_CANCELLED_, "the request's status");
    status = NtCancelIoFileEx(server, NULL, &cancel_io);
    ok(status == STATUS_NOT_FOUND_, "nothing to cancel: %#lx", status);

    NtClose(client);
    NtClose(server);
    NtClose(port);
    test_unnamed();
    return vt_summary();
}
