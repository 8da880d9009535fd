// The Unix file an NT file name (OBJECT_ATTRIBUTES) stands for.
#pragma once

#include <cstdint>
#include <string>

#include "vine/nt_file.h"

namespace ntdll {

struct UnixName {
    std::string path;       // spelled as the file system has it where it exists
    bool is_device = false;  // NUL and the serial/parallel devices
    // COMn or LPTn: which kind of port the device is opened as.
    enum class Port : uint8_t { none, serial, parallel } port = Port::none;
    bool trailing_separator = false;  // "dir\": only a directory may be meant
    // "\??\D:" (\\.\D:): the drive's volume, opened as its root, which is
    // no directory open as far as FILE_NON_DIRECTORY_FILE goes.
    bool volume = false;
};

// Translates the object name (relative to RootDirectory when given).
// Returns STATUS_SUCCESS or the status Windows gives for the name.
NTSTATUS unix_name_of(const OBJECT_ATTRIBUTES* attributes, UnixName& out);
// The status of a failed open/stat of `path` with errno `error`: a missing
// file is STATUS_OBJECT_NAME_NOT_FOUND, a missing directory on the way
// STATUS_OBJECT_PATH_NOT_FOUND.
NTSTATUS status_of_path_error(const std::string& path, int error);
// NTSTATUS for an errno of a file operation.
NTSTATUS status_from_errno(int error);
// The path a descriptor is open on (from /proc/self/fd), or empty.
std::string path_of_fd(int fd);

}  // namespace ntdll
