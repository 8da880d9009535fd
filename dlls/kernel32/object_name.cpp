#include "object_name.h"

#include "nt_wait.h"
#include "vine/unicode.h"

namespace kernel32 {

namespace {

constexpr char16_t kSessionDirectory[] = u"\\Sessions\\1\\BaseNamedObjects\\";
constexpr size_t kMaxPath = 260;  // Windows refuses longer object names

}  // namespace

ObjectName::ObjectName(LPCWSTR name, BOOL inherit, ULONG attributes) {
    attributes_.Length = sizeof(attributes_);
    attributes_.Attributes = attributes | (inherit ? OBJ_INHERIT : 0);
    size_t length = name ? vine::utf16_length(name) : 0;
    if (!length) return;  // an empty name is no name
    if (length > kMaxPath) {
        too_long_ = true;
        return;
    }
    path_ = kSessionDirectory;
    path_.append(name, length);
    string_.Length = static_cast<USHORT>(path_.size() * sizeof(WCHAR));
    string_.MaximumLength = string_.Length;
    string_.Buffer = path_.data();
    attributes_.ObjectName = &string_;
}

HANDLE create_result(NTSTATUS status, HANDLE handle) {
    if (!NT_SUCCESS(status)) {
        set_nt_error(status);
        return nullptr;
    }
    set_error(status == STATUS_OBJECT_NAME_EXISTS ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
    return handle;
}

HANDLE open_result(NTSTATUS status, HANDLE handle) {
    if (!NT_SUCCESS(status)) {
        set_nt_error(status);
        return nullptr;
    }
    return handle;
}

bool usable(const ObjectName& name, LPCWSTR original, bool for_open) {
    if (for_open && !original) {
        set_error(ERROR_INVALID_PARAMETER);
        return false;
    }
    if (name.too_long_) {
        set_error(ERROR_FILENAME_EXCED_RANGE);
        return false;
    }
    return true;
}

HANDLE open_named_object(NtOpenFunction nt_open, DWORD access, BOOL inherit, LPCWSTR name) {
    ObjectName object(name, inherit, 0);
    if (!usable(object, name, true)) return nullptr;
    HANDLE handle = nullptr;
    NTSTATUS status = nt_open(&handle, access, object.get());  // before `handle` is read
    return open_result(status, handle);
}

}  // namespace kernel32
