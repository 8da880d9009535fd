// Pipes: anonymous pipes (CreatePipe: a Unix pipe) and named pipes, whose
// calls are thin wrappers over ntdll's NtCreateNamedPipeFile, NtFsControlFile
// pipe controls and pipe information classes (dlls/ntdll/named_pipe.cpp).
// A client opens a pipe with CreateFile (NtCreateFile of \??\pipe\NAME).
// The end of the data is ERROR_BROKEN_PIPE, a write without a reader
// ERROR_NO_DATA (vine ignores SIGPIPE).
#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <vector>

#include "kernel32_private.h"
#include "nt_path.h"
#include "nt_wait.h"
#include "vine/nt_file.h"
#include "vine/server_client.h"
#include "vine/unicode.h"

using namespace kernel32;
namespace nt = vine::nt;

namespace {

constexpr DWORD SYNCHRONIZE = 0x00100000;
constexpr DWORD PIPE_ACCESS_INBOUND = 1, PIPE_ACCESS_OUTBOUND = 2;
constexpr DWORD FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000, FILE_FLAG_OVERLAPPED = 0x40000000,
                FILE_FLAG_WRITE_THROUGH = 0x80000000;
constexpr DWORD PIPE_TYPE_MESSAGE = 4, PIPE_READMODE_MESSAGE = 2, PIPE_NOWAIT = 1;
constexpr DWORD PIPE_SERVER_END = 1, PIPE_UNLIMITED_INSTANCES = 255;
constexpr DWORD NMPWAIT_USE_DEFAULT_WAIT = 0, NMPWAIT_WAIT_FOREVER = 0xffffffff;
constexpr ULONG kShareReadWrite = nt::FILE_SHARE_READ | nt::FILE_SHARE_WRITE;

bool inheritable(const SECURITY_ATTRIBUTES* attributes) { return attributes && attributes->bInheritHandle; }

// "\\.\pipe\NAME" as the NT name "\??\pipe\NAME"; false with
// ERROR_INVALID_NAME for other names.
bool pipe_path(LPCWSTR name, NtPath& path, bool inherit) {
    constexpr std::u16string_view prefix = u"\\\\.\\pipe\\";
    std::u16string_view view = name ? std::u16string_view(name, vine::utf16_length(name)) : std::u16string_view();
    if (view.size() <= prefix.size() || !vine::equal_ignore_case(view.substr(0, prefix.size()), prefix)) {
        set_error(ERROR_INVALID_NAME);
        return false;
    }
    return path.assign(name, inherit);
}

BOOL query(HANDLE pipe, void* buffer, ULONG size, ULONG info_class) {
    IO_STATUS_BLOCK io{};
    return nt_bool(NtQueryInformationFile(pipe, &io, buffer, size, info_class));
}

BOOL fs_control(HANDLE pipe, ULONG code, const void* in, ULONG in_size, void* out, ULONG out_size) {
    IO_STATUS_BLOCK io{};
    return nt_bool(NtFsControlFile(pipe, nullptr, nullptr, nullptr, &io, code, in, in_size, out, out_size));
}

BOOL process_id(HANDLE pipe, const char* attribute, ULONG* id) {
    return fs_control(pipe, nt::FSCTL_PIPE_GET_CONNECTION_ATTRIBUTE, attribute, static_cast<ULONG>(strlen(attribute) + 1),
                      id, sizeof *id);
}

}  // namespace

VINE_EXPORT BOOL CreatePipe(HANDLE* read_end, HANDLE* write_end, SECURITY_ATTRIBUTES* security, DWORD size) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return fail_errno();
    // The size is a hint on Windows; Linux's default (64 KiB) is bigger
    // than what programs ask for.
    bool inherit = inheritable(security);
    uint32_t error = 0;
    // The rights Windows gives the two ends: each may change its own modes
    // (SetNamedPipeHandleState needs FILE_WRITE_ATTRIBUTES) and be queried.
    HANDLE reader = vine::client::add_file(fds[0], GENERIC_READ | nt::FILE_WRITE_ATTRIBUTES | SYNCHRONIZE, 3, inherit,
                                           vine::protocol::file_is_pipe, error);
    if (!reader) {
        close(fds[0]);
        close(fds[1]);
        set_error(error);
        return FALSE;
    }
    HANDLE writer = vine::client::add_file(fds[1], GENERIC_WRITE | nt::FILE_READ_ATTRIBUTES | SYNCHRONIZE, 3, inherit,
                                           vine::protocol::file_is_pipe, error);
    if (!writer) {
        close(fds[1]);
        vine::client::close_handle(reader);
        set_error(error);
        return FALSE;
    }
    *read_end = reader;
    *write_end = writer;
    return TRUE;
}

VINE_EXPORT HANDLE CreateNamedPipeW(LPCWSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances,
                                    DWORD out_size, DWORD in_size, DWORD timeout, SECURITY_ATTRIBUTES* security) {
    NtPath path;
    if (!pipe_path(name, path, inheritable(security))) return INVALID_HANDLE_VALUE;
    if (max_instances == 0 || max_instances > PIPE_UNLIMITED_INSTANCES) {
        set_error(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    ACCESS_MASK access = SYNCHRONIZE | nt::FILE_READ_ATTRIBUTES;
    ULONG sharing = 0;
    if (open_mode & PIPE_ACCESS_INBOUND) {
        access |= GENERIC_READ;
        sharing |= nt::FILE_SHARE_WRITE;
    }
    if (open_mode & PIPE_ACCESS_OUTBOUND) {
        access |= GENERIC_WRITE;
        sharing |= nt::FILE_SHARE_READ;
    }
    ULONG options = 0;
    if (!(open_mode & FILE_FLAG_OVERLAPPED)) options |= nt::FILE_SYNCHRONOUS_IO_NONALERT;
    if (open_mode & FILE_FLAG_WRITE_THROUGH) options |= nt::FILE_WRITE_THROUGH;
    LARGE_INTEGER default_timeout;
    default_timeout.QuadPart = -static_cast<LONGLONG>(timeout ? timeout : 50) * 10000;
    HANDLE handle = nullptr;
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtCreateNamedPipeFile(
        &handle, access, path.attributes(), &io, sharing,
        (open_mode & FILE_FLAG_FIRST_PIPE_INSTANCE) ? nt::FILE_CREATE : nt::FILE_OPEN_IF, options,
        (pipe_mode & PIPE_TYPE_MESSAGE) ? 1 : 0, (pipe_mode & PIPE_READMODE_MESSAGE) ? 1 : 0,
        (pipe_mode & PIPE_NOWAIT) ? 1 : 0, max_instances == PIPE_UNLIMITED_INSTANCES ? ~0u : max_instances, in_size,
        out_size, &default_timeout);
    if (!NT_SUCCESS(status)) {
        set_nt_error(status);
        return INVALID_HANDLE_VALUE;
    }
    set_error(ERROR_SUCCESS);
    return handle;
}

VINE_EXPORT HANDLE CreateNamedPipeA(LPCSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances,
                                    DWORD out_size, DWORD in_size, DWORD timeout, SECURITY_ATTRIBUTES* security) {
    if (!name) {
        set_error(ERROR_INVALID_NAME);
        return INVALID_HANDLE_VALUE;
    }
    std::u16string wide = wide_from_ansi(name);
    return CreateNamedPipeW(wide.c_str(), open_mode, pipe_mode, max_instances, out_size, in_size, timeout,
                            security);
}

VINE_EXPORT BOOL ConnectNamedPipe(HANDLE pipe, OVERLAPPED* overlapped) {
    OverlappedRequest request(overlapped);
    NTSTATUS status = NtFsControlFile(pipe, request.event, nullptr, request.apc_context, request.io,
                                      nt::FSCTL_PIPE_LISTEN, nullptr, 0, nullptr, 0);
    if (status == STATUS_PENDING) {
        set_error(ERROR_IO_PENDING);
        return FALSE;
    }
    return nt_bool(status);
}

VINE_EXPORT BOOL DisconnectNamedPipe(HANDLE pipe) { return fs_control(pipe, nt::FSCTL_PIPE_DISCONNECT, nullptr, 0, nullptr, 0); }

VINE_EXPORT BOOL WaitNamedPipeW(LPCWSTR name, DWORD milliseconds) {
    NtPath path;
    if (!pipe_path(name, path, false)) return FALSE;
    constexpr std::u16string_view prefix = u"\\\\.\\pipe\\";
    std::u16string_view pipe_name(name + prefix.size(), vine::utf16_length(name) - prefix.size());
    // Through the pipe file system, as Windows asks it.
    UNICODE_STRING root_name{};
    static char16_t root_text[] = u"\\Device\\NamedPipe\\";
    root_name.Buffer = root_text;
    root_name.Length = root_name.MaximumLength = static_cast<USHORT>((sizeof root_text) - 2);
    OBJECT_ATTRIBUTES attributes{};
    attributes.Length = sizeof attributes;
    attributes.ObjectName = &root_name;
    HANDLE root = nullptr;
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtOpenFile(&root, SYNCHRONIZE | nt::FILE_READ_ATTRIBUTES, &attributes, &io, kShareReadWrite,
                                 nt::FILE_SYNCHRONOUS_IO_NONALERT);
    if (!NT_SUCCESS(status)) return nt_bool(status);
    std::vector<char> buffer(offsetof(nt::FILE_PIPE_WAIT_FOR_BUFFER, Name) + pipe_name.size() * 2);
    nt::FILE_PIPE_WAIT_FOR_BUFFER header{};
    header.NameLength = static_cast<ULONG>(pipe_name.size() * 2);
    if (milliseconds != NMPWAIT_USE_DEFAULT_WAIT) {
        header.TimeoutSpecified = TRUE;
        header.Timeout.QuadPart = milliseconds == NMPWAIT_WAIT_FOREVER ? INT64_MIN
                                                                       : -static_cast<LONGLONG>(milliseconds) * 10000;
    }
    memcpy(buffer.data(), &header, offsetof(nt::FILE_PIPE_WAIT_FOR_BUFFER, Name));
    memcpy(buffer.data() + offsetof(nt::FILE_PIPE_WAIT_FOR_BUFFER, Name), pipe_name.data(), pipe_name.size() * 2);
    BOOL ok = fs_control(root, nt::FSCTL_PIPE_WAIT, buffer.data(), static_cast<ULONG>(buffer.size()), nullptr, 0);
    DWORD error = GetLastError();
    NtClose(root);
    set_error(ok ? ERROR_SUCCESS : error);
    return ok;
}

VINE_EXPORT BOOL WaitNamedPipeA(LPCSTR name, DWORD milliseconds) {
    if (!name) {
        set_error(ERROR_INVALID_NAME);
        return FALSE;
    }
    std::u16string wide = wide_from_ansi(name);
    return WaitNamedPipeW(wide.c_str(), milliseconds);
}

VINE_EXPORT BOOL PeekNamedPipe(HANDLE pipe, LPVOID buffer, DWORD size, DWORD* read_count, DWORD* available,
                               DWORD* message_left) {
    constexpr ULONG header = offsetof(nt::FILE_PIPE_PEEK_BUFFER, Data);
    std::vector<char> out(header + (buffer ? size : 0));
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtFsControlFile(pipe, nullptr, nullptr, nullptr, &io, nt::FSCTL_PIPE_PEEK, nullptr, 0,
                                      out.data(), static_cast<ULONG>(out.size()));
    // A buffer too short for the message still gets its part.
    if (NT_ERROR(status)) return nt_bool(status);
    nt::FILE_PIPE_PEEK_BUFFER result;
    memcpy(&result, out.data(), header);
    DWORD copied = static_cast<DWORD>(io.Information - header);
    if (buffer && copied) memcpy(buffer, out.data() + header, copied);
    if (read_count) *read_count = copied;
    if (available) *available = result.ReadDataAvailable;
    if (message_left) *message_left = result.MessageLength > copied ? result.MessageLength - copied : 0;
    return TRUE;
}

VINE_EXPORT BOOL SetNamedPipeHandleState(HANDLE pipe, DWORD* mode, DWORD* max_collection, DWORD* collect_timeout) {
    // Collection applies to pipes between machines only; none here.
    if (max_collection || collect_timeout) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!mode) return TRUE;
    if (*mode & ~(PIPE_READMODE_MESSAGE | PIPE_NOWAIT)) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    nt::FILE_PIPE_INFORMATION info{(*mode & PIPE_READMODE_MESSAGE) ? nt::FILE_PIPE_MESSAGE_MODE : nt::FILE_PIPE_BYTE_STREAM_MODE,
                                   (*mode & PIPE_NOWAIT) ? nt::FILE_PIPE_COMPLETE_OPERATION : nt::FILE_PIPE_QUEUE_OPERATION};
    IO_STATUS_BLOCK io{};
    return nt_bool(NtSetInformationFile(pipe, &io, &info, sizeof info, nt::FilePipeInformation));
}

VINE_EXPORT BOOL GetNamedPipeInfo(HANDLE pipe, DWORD* flags, DWORD* out_size, DWORD* in_size, DWORD* max_instances) {
    nt::FILE_PIPE_LOCAL_INFORMATION info{};
    if (!query(pipe, &info, sizeof info, nt::FilePipeLocalInformation)) return FALSE;
    if (flags)
        *flags = (info.NamedPipeEnd == nt::FILE_PIPE_SERVER_END ? PIPE_SERVER_END : 0) |
                 (info.NamedPipeType == nt::FILE_PIPE_MESSAGE_TYPE ? PIPE_TYPE_MESSAGE : 0);
    if (out_size) *out_size = info.OutboundQuota;
    if (in_size) *in_size = info.InboundQuota;
    if (max_instances) *max_instances = info.MaximumInstances == ~0u ? PIPE_UNLIMITED_INSTANCES : info.MaximumInstances;
    return TRUE;
}

VINE_EXPORT BOOL GetNamedPipeHandleStateW(HANDLE pipe, DWORD* state, DWORD* instances, DWORD* max_collection,
                                          DWORD* collect_timeout, LPWSTR user_name, DWORD user_name_size) {
    if (state) {
        nt::FILE_PIPE_INFORMATION info{};
        if (!query(pipe, &info, sizeof info, nt::FilePipeInformation)) return FALSE;
        *state = (info.ReadMode == nt::FILE_PIPE_MESSAGE_MODE ? PIPE_READMODE_MESSAGE : 0) |
                 (info.CompletionMode == nt::FILE_PIPE_COMPLETE_OPERATION ? PIPE_NOWAIT : 0);
    }
    if (instances) {
        nt::FILE_PIPE_LOCAL_INFORMATION info{};
        if (!query(pipe, &info, sizeof info, nt::FilePipeLocalInformation)) return FALSE;
        *instances = info.CurrentInstances;
    }
    // Collection is for pipes between machines: none here.
    if (max_collection) *max_collection = 0;
    if (collect_timeout) *collect_timeout = 0;
    // The client's user is the one user: the name is left empty.
    if (user_name && user_name_size) user_name[0] = 0;
    return TRUE;
}

VINE_EXPORT BOOL GetNamedPipeHandleStateA(HANDLE pipe, DWORD* state, DWORD* instances, DWORD* max_collection,
                                          DWORD* collect_timeout, LPSTR user_name, DWORD user_name_size) {
    if (user_name && user_name_size) user_name[0] = 0;
    return GetNamedPipeHandleStateW(pipe, state, instances, max_collection, collect_timeout, nullptr, 0);
}

VINE_EXPORT BOOL TransactNamedPipe(HANDLE pipe, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size, DWORD* read,
                                   OVERLAPPED* overlapped) {
    if (read) *read = 0;
    OverlappedRequest request(overlapped);
    NTSTATUS status = NtFsControlFile(pipe, request.event, nullptr, request.apc_context, request.io,
                                      nt::FSCTL_PIPE_TRANSCEIVE, in, in_size, out, out_size);
    if (status == STATUS_PENDING) {
        set_error(ERROR_IO_PENDING);
        return FALSE;
    }
    if (NT_ERROR(status)) return nt_bool(status);
    if (read) *read = static_cast<DWORD>(request.io->Information);
    return nt_bool(status);  // ERROR_MORE_DATA: the answer did not fit
}

VINE_EXPORT BOOL CallNamedPipeW(LPCWSTR name, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size, DWORD* read,
                                DWORD milliseconds) {
    HANDLE pipe = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, 0, nullptr);
    if (pipe == INVALID_HANDLE_VALUE) {
        if (GetLastError() != ERROR_PIPE_BUSY || !WaitNamedPipeW(name, milliseconds)) return FALSE;
        pipe = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, 0, nullptr);
        if (pipe == INVALID_HANDLE_VALUE) return FALSE;
    }
    DWORD mode = PIPE_READMODE_MESSAGE;
    BOOL ok = SetNamedPipeHandleState(pipe, &mode, nullptr, nullptr) &&
              TransactNamedPipe(pipe, in, in_size, out, out_size, read, nullptr);
    DWORD error = GetLastError();
    CloseHandle(pipe);
    set_error(error);
    return ok;
}

VINE_EXPORT BOOL CallNamedPipeA(LPCSTR name, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size, DWORD* read,
                                DWORD milliseconds) {
    if (!name) {
        set_error(ERROR_INVALID_NAME);
        return FALSE;
    }
    std::u16string wide = wide_from_ansi(name);
    return CallNamedPipeW(wide.c_str(), in, in_size, out, out_size, read, milliseconds);
}

VINE_EXPORT BOOL GetNamedPipeClientProcessId(HANDLE pipe, ULONG* id) { return process_id(pipe, "ClientProcessId", id); }

VINE_EXPORT BOOL GetNamedPipeServerProcessId(HANDLE pipe, ULONG* id) { return process_id(pipe, "ServerProcessId", id); }
