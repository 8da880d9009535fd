// Win32 path names in ntdll (rtl_path.cpp): GetFullPathName's rules, which
// RtlGetFullPathName_U and RtlDosPathNameToNtPathName_U apply.
#pragma once

#include <string>
#include <string_view>

#include "vine/wintypes.h"

namespace ntdll {

// RTL_RELATIVE_NAME_U: the name relative to ContainingDirectory, when the
// path lies under the current directory and it has a handle.
struct RTL_RELATIVE_NAME_U {
    UNICODE_STRING RelativeName;
    HANDLE ContainingDirectory;
    void* CurDirRef;
};
static_assert(sizeof(RTL_RELATIVE_NAME_U) == 32);

// The current directory as a DOS path ending with a backslash.
std::u16string current_directory();
// Opens the handle of the directory the process started in, which the
// loader gave as a DOS path only (ntdll's process attach).
void open_initial_directory();
// The full path of `name`; *file_part: offset of its last component, or
// npos when it ends with a separator or names a device.
std::u16string full_path_name(std::u16string_view name, size_t* file_part);

}  // namespace ntdll
