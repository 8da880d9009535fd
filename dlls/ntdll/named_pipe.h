// Named pipes, as ntdll's other file calls reach them (named_pipe.cpp).
#pragma once

#include <optional>
#include <string>

#include "vine/nt_file.h"

namespace ntdll {

// The pipe name of \??\pipe\NAME or \Device\NamedPipe\NAME; an empty name
// for the pipe file system itself; nullopt for any other name.
std::optional<std::u16string> pipe_name_of(const OBJECT_ATTRIBUTES* attributes);
// NtCreateFile/NtOpenFile of a pipe name: the client end of a listening
// instance (STATUS_PIPE_NOT_AVAILABLE when every instance is busy).
NTSTATUS open_named_pipe(HANDLE* handle, ACCESS_MASK access, const std::u16string& name, bool inherit,
                         ULONG options, ULONG disposition, IO_STATUS_BLOCK* io);
// FilePipeInformation (set), FilePipeInformation and FilePipeLocalInformation (query).
NTSTATUS set_pipe_information(HANDLE handle, const void* buffer, ULONG length);
NTSTATUS query_pipe_information(HANDLE handle, void* buffer, ULONG length, ULONG info_class, ULONG_PTR& written);

}  // namespace ntdll
