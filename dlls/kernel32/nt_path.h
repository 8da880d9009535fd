// Win32 path -> the NT name and OBJECT_ATTRIBUTES ntdll's file calls take
// (what RtlDosPathNameToNtPathName_U does for Windows' kernelbase).
#pragma once

#include "kernel32_private.h"
#include "vine/nt_file.h"

namespace kernel32 {

class NtPath {
public:
    // False with ERROR_PATH_NOT_FOUND for a null or empty name.
    bool assign(LPCWSTR name, bool inherit = false);
    const OBJECT_ATTRIBUTES* attributes() const { return &attributes_; }
    const std::u16string& text() const { return text_; }
    NtPath() = default;
    NtPath(const NtPath&) = delete;
    NtPath& operator=(const NtPath&) = delete;

private:
    std::u16string text_;
    UNICODE_STRING string_{};
    OBJECT_ATTRIBUTES attributes_{};
};

// NtCreateFile's result as CreateFile reports it: a handle, or
// INVALID_HANDLE_VALUE with the last error set.
HANDLE handle_result(NTSTATUS status, HANDLE handle);

}  // namespace kernel32
