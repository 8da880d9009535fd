// The object manager's "\??" directory and its symbolic links:
// NtCreateSymbolicLinkObject, NtOpenSymbolicLinkObject,
// NtQuerySymbolicLinkObject, NtMakeTemporaryObject, NtOpenDirectoryObject,
// NtQueryDirectoryObject. vineserver keeps the links
// (server/requests_symlink.cpp), so every process of the prefix sees what
// DefineDosDevice defines; the prefix's dosdevices/ drives stay Unix links
// that kernel32's QueryDosDevice adds to the listing.
#include <cstring>
#include <string>

#include "ntdll_private.h"
#include "file_private.h"
#include "object.h"
#include "vine/ntstatus.h"
#include "vine/server_client.h"

namespace protocol = vine::protocol;

namespace {

constexpr NTSTATUS STATUS_MORE_ENTRIES = static_cast<NTSTATUS>(0x00000105);

// The full name `attributes` give: a name relative to a directory handle
// (the "\??" one) is put under it.
NTSTATUS object_name(const OBJECT_ATTRIBUTES* attributes, std::u16string& name) {
    if (!attributes || !attributes->ObjectName) return STATUS_INVALID_PARAMETER;
    const UNICODE_STRING& given = *attributes->ObjectName;
    name.assign(given.Buffer, given.Length / sizeof(WCHAR));
    if (attributes->RootDirectory) {
        vine::client::HandleInfo info;
        if (!vine::client::handle_info(attributes->RootDirectory, info)) return STATUS_INVALID_HANDLE;
        if (info.type != protocol::ObjectType::directory) return STATUS_OBJECT_TYPE_MISMATCH;
        if (name.empty() || name[0] == u'\\') return STATUS_OBJECT_NAME_INVALID;
        name = u"\\??\\" + name;
    }
    if (name.empty()) return STATUS_OBJECT_NAME_INVALID;
    return STATUS_SUCCESS;
}

NTSTATUS link_request(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                      const UNICODE_STRING* target, uint32_t flags) {
    if (!handle) return ntdll::kStatusAccessViolation;
    std::u16string name;
    if (NTSTATUS status = object_name(attributes, name)) return status;
    std::string var(reinterpret_cast<const char*>(name.data()), name.size() * 2);
    if (target) var.append(reinterpret_cast<const char*>(target->Buffer), target->Length & ~1u);
    protocol::create_symlink_request request{access, (attributes->Attributes & OBJ_INHERIT) ? 1u : 0u, flags,
                                             static_cast<uint32_t>(name.size() * 2)};
    protocol::create_symlink_reply reply{};
    if (uint32_t error = vine::client::call(request, reply, var.data(), static_cast<uint32_t>(var.size())))
        return ntdll::status_from_server(error);
    *handle = reinterpret_cast<HANDLE>(reply.handle);
    return STATUS_SUCCESS;
}

NTSTATUS query_link(HANDLE handle, bool make_temporary, std::u16string& target) {
    protocol::query_symlink_request request{reinterpret_cast<uint64_t>(handle), make_temporary ? 1u : 0u, 0};
    protocol::query_symlink_reply reply{};
    std::string text;
    if (uint32_t error = vine::client::call(request, reply, nullptr, 0, nullptr, 0, &text)) {
        NTSTATUS status = ntdll::status_from_server(error);
        return status == STATUS_INVALID_HANDLE ? STATUS_OBJECT_TYPE_MISMATCH : status;
    }
    target.assign(text.size() / 2, u'\0');
    std::memcpy(target.data(), text.data(), target.size() * 2);
    return STATUS_SUCCESS;
}

}  // namespace

namespace ntdll {

bool dos_link_target(std::u16string_view name, std::u16string& target) {
    std::u16string full = u"\\??\\" + std::u16string(name);
    UNICODE_STRING string{static_cast<USHORT>(full.size() * 2), static_cast<USHORT>(full.size() * 2), full.data()};
    OBJECT_ATTRIBUTES attributes{sizeof attributes, nullptr, &string, OBJ_CASE_INSENSITIVE, nullptr, nullptr};
    HANDLE link = nullptr;
    if (!NT_SUCCESS(link_request(&link, 1, &attributes, nullptr, protocol::symlink_open))) return false;
    std::u16string all;
    NTSTATUS status = query_link(link, false, all);
    NtClose(link);
    if (!NT_SUCCESS(status)) return false;
    target = all.substr(0, all.find(u'\0'));
    return !target.empty();
}

}  // namespace ntdll

VINE_EXPORT NTSTATUS NtCreateSymbolicLinkObject(HANDLE* handle, ACCESS_MASK access,
                                                const OBJECT_ATTRIBUTES* attributes, const UNICODE_STRING* target) {
    if (!target) return STATUS_INVALID_PARAMETER;
    uint32_t flags = attributes && (attributes->Attributes & OBJ_PERMANENT) ? uint32_t{protocol::symlink_permanent} : 0u;
    return link_request(handle, access, attributes, target, flags);
}

VINE_EXPORT NTSTATUS NtOpenSymbolicLinkObject(HANDLE* handle, ACCESS_MASK access,
                                              const OBJECT_ATTRIBUTES* attributes) {
    return link_request(handle, access, attributes, nullptr, protocol::symlink_open);
}

// The target into target->Buffer (NUL-terminated when it has room);
// *returned: the bytes it takes. STATUS_BUFFER_TOO_SMALL when it does not fit.
VINE_EXPORT NTSTATUS NtQuerySymbolicLinkObject(HANDLE handle, UNICODE_STRING* target, ULONG* returned) {
    if (!target) return ntdll::kStatusAccessViolation;
    std::u16string text;
    if (NTSTATUS status = query_link(handle, false, text)) return status;
    ULONG bytes = static_cast<ULONG>(text.size() * sizeof(WCHAR));
    bool room_for_nul = bytes + sizeof(WCHAR) <= target->MaximumLength;
    if (returned) *returned = bytes + (room_for_nul ? sizeof(WCHAR) : 0);
    if (bytes > target->MaximumLength) {
        if (returned) *returned = bytes + sizeof(WCHAR);
        return STATUS_BUFFER_TOO_SMALL;
    }
    std::memcpy(target->Buffer, text.data(), bytes);
    if (room_for_nul) target->Buffer[text.size()] = 0;
    target->Length = static_cast<USHORT>(bytes);
    return STATUS_SUCCESS;
}

// A permanent link (OBJ_PERMANENT, DefineDosDevice's) dies with its last handle from now on.
VINE_EXPORT NTSTATUS NtMakeTemporaryObject(HANDLE handle) {
    std::u16string ignored;
    return query_link(handle, true, ignored);
}

VINE_EXPORT NTSTATUS NtOpenDirectoryObject(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes) {
    if (!handle) return ntdll::kStatusAccessViolation;
    if (!attributes || !attributes->ObjectName) return STATUS_INVALID_PARAMETER;
    const UNICODE_STRING& name = *attributes->ObjectName;
    protocol::open_directory_request request{access, (attributes->Attributes & OBJ_INHERIT) ? 1u : 0u};
    protocol::open_directory_reply reply{};
    if (uint32_t error = vine::client::call(request, reply, name.Buffer, name.Length & ~1u))
        return ntdll::status_from_server(error);
    *handle = reinterpret_cast<HANDLE>(reply.handle);
    return STATUS_SUCCESS;
}

// Entries from *context on (0 with `restart`): as many as fit (one with
// `single`), an array of OBJECT_DIRECTORY_INFORMATION ended by a zeroed
// one, their strings after it. STATUS_MORE_ENTRIES when some were left out.
VINE_EXPORT NTSTATUS NtQueryDirectoryObject(HANDLE handle, void* buffer, ULONG length, BOOLEAN single, BOOLEAN restart,
                                            ULONG* context, ULONG* returned) {
    if (!context) return ntdll::kStatusAccessViolation;
    protocol::query_directory_request request{reinterpret_cast<uint64_t>(handle)};
    protocol::query_directory_reply reply{};
    std::string text;
    if (uint32_t error = vine::client::call(request, reply, nullptr, 0, nullptr, 0, &text)) {
        NTSTATUS status = ntdll::status_from_server(error);
        return status == STATUS_INVALID_HANDLE ? STATUS_OBJECT_TYPE_MISMATCH : status;
    }
    std::u16string all(text.size() / 2, u'\0');
    std::memcpy(all.data(), text.data(), all.size() * 2);
    std::vector<std::pair<std::u16string, std::u16string>> entries;
    for (size_t pos = 0; pos < all.size();) {
        size_t name_end = all.find(u'\0', pos), type_end = all.find(u'\0', name_end + 1);
        if (name_end == std::u16string::npos || type_end == std::u16string::npos) break;
        entries.emplace_back(all.substr(pos, name_end - pos), all.substr(name_end + 1, type_end - name_end - 1));
        pos = type_end + 1;
    }
    ULONG index = restart ? 0 : *context;
    if (index >= entries.size()) {
        if (returned) *returned = 0;
        return STATUS_NO_MORE_ENTRIES;
    }
    // How many fit: the records (and the zeroed one) first, then the strings.
    auto strings_of = [&](size_t i) {
        return (entries[i].first.size() + 1 + entries[i].second.size() + 1) * sizeof(WCHAR);
    };
    size_t count = 0, strings = 0;
    for (size_t i = index; i < entries.size() && (!single || count < 1); ++i) {
        size_t need = (count + 2) * sizeof(OBJECT_DIRECTORY_INFORMATION) + strings + strings_of(i);
        if (need > length) break;
        strings += strings_of(i);
        ++count;
    }
    if (!count) {
        if (returned) *returned = static_cast<ULONG>(2 * sizeof(OBJECT_DIRECTORY_INFORMATION) + strings_of(index));
        return STATUS_BUFFER_TOO_SMALL;
    }
    auto* records = static_cast<OBJECT_DIRECTORY_INFORMATION*>(buffer);
    auto* chars = reinterpret_cast<WCHAR*>(records + count + 1);
    auto put = [&](UNICODE_STRING& out, const std::u16string& text) {
        std::memcpy(chars, text.data(), text.size() * sizeof(WCHAR));
        chars[text.size()] = 0;
        out.Buffer = chars;
        out.Length = static_cast<USHORT>(text.size() * sizeof(WCHAR));
        out.MaximumLength = static_cast<USHORT>(out.Length + sizeof(WCHAR));
        chars += text.size() + 1;
    };
    for (size_t i = 0; i < count; ++i) {
        put(records[i].Name, entries[index + i].first);
        put(records[i].TypeName, entries[index + i].second);
    }
    std::memset(&records[count], 0, sizeof(records[count]));
    *context = static_cast<ULONG>(index + count);
    if (returned) *returned = static_cast<ULONG>((count + 1) * sizeof(OBJECT_DIRECTORY_INFORMATION) + strings);
    return index + count < entries.size() && !single ? STATUS_MORE_ENTRIES : STATUS_SUCCESS;
}
