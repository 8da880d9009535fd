// Win32 paths to NT names: GetFullPathName's rules (path.cpp), then the
// "\??\" form (vine::paths::dos_to_nt_name) ntdll translates to Unix.
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
    std::u16string_view view(name, vine::utf16_length(name));
    // "\??\" names are NT names already, as RtlDosPathNameToNtPathName_U
    // takes them.
    if (view.rfind(u"\\??\\", 0) == 0)
        text_ = view;
    else
        text_ = vine::paths::dos_to_nt_name(full_path_name(view, nullptr));
    if (text_.size() * sizeof(WCHAR) > 0xfffe) {
        set_error(ERROR_FILENAME_EXCED_RANGE);
        return false;
    }
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
