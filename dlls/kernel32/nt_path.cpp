// Win32 paths to NT names: RtlDosPathNameToNtPathName_U (ntdll's
// rtl_path.cpp) gives the "\??\" form ntdll translates to Unix.
#include "nt_path.h"

#include "nt_wait.h"
#include "vine/paths.h"
#include "vine/unicode.h"

namespace kernel32 {

bool NtPath::assign(LPCWSTR name, bool inherit) {
    if (!name || !*name) {
        set_error(ERROR_PATH_NOT_FOUND);
        return false;
    }
    // ntdll's RtlDosPathNameToNtPathName_U holds the rules ("\??\" and
    // "\\?\" names taken as they are, GetFullPathName's for the rest).
    UNICODE_STRING nt{};
    if (NTSTATUS status = RtlDosPathNameToNtPathName_U_WithStatus(name, &nt, nullptr, nullptr)) {
        set_nt_error(status);
        return false;
    }
    text_.assign(nt.Buffer, nt.Length / sizeof(WCHAR));
    RtlFreeUnicodeString(&nt);
    string_.Buffer = text_.data();
    string_.Length = static_cast<USHORT>(text_.size() * sizeof(WCHAR));
    string_.MaximumLength = string_.Length;
    attributes_ = OBJECT_ATTRIBUTES{sizeof(OBJECT_ATTRIBUTES), nullptr, &string_,
                                    OBJ_CASE_INSENSITIVE | (inherit ? OBJ_INHERIT : 0u), nullptr, nullptr};
    return true;
}

HANDLE handle_result(NTSTATUS status, HANDLE handle) {
    if (NT_SUCCESS(status)) return handle;
    set_nt_error(status);
    return INVALID_HANDLE_VALUE;
}

}  // namespace kernel32
