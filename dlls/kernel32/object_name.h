// The OBJECT_ATTRIBUTES kernel32 hands to ntdll for a Win32 object name.
// As on Windows, a name ("x", "Local\x", "Global\x") is looked up in the
// session's \Sessions\1\BaseNamedObjects directory, where "Local" and
// "Global" are links; Windows passes the directory as a RootDirectory
// handle, Vine (which has no directory handles) as the start of the path.
#pragma once

#include <string>

#include "kernel32_private.h"

namespace kernel32 {

class ObjectName {
public:
    // `name` may be null (an unnamed object); `attributes` are OBJ_* flags.
    ObjectName(LPCWSTR name, BOOL inherit, ULONG attributes);
    ObjectName(const ObjectName&) = delete;
    ObjectName& operator=(const ObjectName&) = delete;

    const OBJECT_ATTRIBUTES* get() const { return &attributes_; }
private:
    friend bool usable(const ObjectName&, LPCWSTR, bool);
    std::u16string path_;
    UNICODE_STRING string_{};
    OBJECT_ATTRIBUTES attributes_{};
    bool too_long_ = false;
};

// The handle a Create* returns, with the last error Windows leaves:
// ERROR_ALREADY_EXISTS when the name was taken, else 0; or null with the
// error of a failed `status`.
HANDLE create_result(NTSTATUS status, HANDLE handle);
// The handle an Open* returns, or null with the error of a failed `status`.
HANDLE open_result(NTSTATUS status, HANDLE handle);
// Whether `name` can be handed to ntdll; sets the last error when not:
// too long, or (`for_open`) null, which Open* refuses.
bool usable(const ObjectName& name, LPCWSTR original, bool for_open);

// Open*W of every named object type: `nt_open` is its NtOpen* function.
using NtOpenFunction = NTSTATUS(WINAPI*)(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes);
HANDLE open_named_object(NtOpenFunction nt_open, DWORD access, BOOL inherit, LPCWSTR name);

// An A function's name in UTF-16, null staying null.
class WideName {
public:
    explicit WideName(LPCSTR name) : null_(!name) {
        if (name) text_ = wide_from_ansi(name);
    }
    LPCWSTR get() const { return null_ ? nullptr : text_.c_str(); }

private:
    std::u16string text_;
    bool null_;
};

}  // namespace kernel32
