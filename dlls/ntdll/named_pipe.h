// Named pipes, as ntdll's other file calls reach them (named_pipe.cpp).
#pragma once

#include <optional>
#include <string>

#include "vine/nt_file.h"

namespace ntdll {

// What an NT name means in the pipe file system: \??\pipe\NAME,
// \Device\NamedPipe\NAME or NAME relative to a handle of the file system
// (a named pipe); the file system itself (empty name, no server); an empty
// name relative to a pipe's server end (its client end: Rust's anonymous
// pipes). nullopt for names outside it.
struct PipeTarget {
    std::u16string name;
    HANDLE server = nullptr;
    bool root() const { return name.empty() && !server; }
};
std::optional<PipeTarget> pipe_target_of(const OBJECT_ATTRIBUTES* attributes);
// NtCreateFile/NtOpenFile in the pipe file system: the client end of a
// listening instance (STATUS_PIPE_NOT_AVAILABLE when every instance is
// busy), or a handle to the file system itself.
NTSTATUS open_named_pipe(HANDLE* handle, ACCESS_MASK access, const PipeTarget& target, bool inherit, ULONG options,
                         ULONG disposition, IO_STATUS_BLOCK* io);
// FilePipeInformation (set), FilePipeInformation and FilePipeLocalInformation (query).
NTSTATUS set_pipe_information(HANDLE handle, const void* buffer, ULONG length);
NTSTATUS query_pipe_information(HANDLE handle, void* buffer, ULONG length, ULONG info_class, ULONG_PTR& written);

}  // namespace ntdll
