// The NT registry API: keys and values live in the server
// (server/registry.cpp); these calls name them, move their bytes and shape
// the answers into the information classes Windows defines, with its rules
// for short buffers (STATUS_BUFFER_TOO_SMALL when the fixed part does not
// fit, STATUS_BUFFER_OVERFLOW with the fixed part filled when the rest does
// not; the needed size in *result_length either way).
#include <cstring>
#include <string>

#include "ntdll_private.h"
#include "object.h"
#include "registry_cache.h"
#include "vine/context.h"
#include "vine/nt_file.h"
#include "vine/ntdll_exports.h"
#include "vine/registry.h"
#include "vine/server_client.h"

using namespace ntdll;
namespace protocol = vine::protocol;

namespace {

// What Windows raises or returns for a bad pointer it was handed.
constexpr NTSTATUS kBadPointer = static_cast<NTSTATUS>(STATUS_ACCESS_VIOLATION);

NTSTATUS registry_status(uint32_t error) {
    switch (error) {
    case protocol::status::key_deleted: return STATUS_KEY_DELETED;
    case protocol::status::child_must_be_volatile: return STATUS_CHILD_MUST_BE_VOLATILE;
    case protocol::status::no_more_items: return STATUS_NO_MORE_ENTRIES;
    case protocol::status::path_not_found: return STATUS_OBJECT_NAME_NOT_FOUND;
    case protocol::status::privilege_not_held: return STATUS_PRIVILEGE_NOT_HELD;
    case protocol::status::registry_corrupt: return STATUS_REGISTRY_CORRUPT;
    default: return status_from_server(error);
    }
}

bool valid(const UNICODE_STRING* name) {
    return !name || (name->Length % 2 == 0 && name->Length <= name->MaximumLength && (name->Buffer || !name->Length));
}

// The bytes of an optional counted name.
std::u16string text_of(const UNICODE_STRING* name) {
    if (!name || !name->Length) return {};
    return std::u16string(name->Buffer, name->Length / 2);
}

NTSTATUS open_key(HANDLE* key, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes, uint32_t flags,
                  ULONG* disposition) {
    if (!key || !attributes) return kBadPointer;
    *key = nullptr;
    if (!valid(attributes->ObjectName)) return STATUS_OBJECT_NAME_INVALID;
    std::u16string path = text_of(attributes->ObjectName);
    if (!attributes->RootDirectory && (path.empty() || path[0] != u'\\')) return STATUS_OBJECT_PATH_SYNTAX_BAD;
    protocol::open_key_request request{};
    request.root = reinterpret_cast<uint64_t>(attributes->RootDirectory);
    request.access = access;
    request.flags = flags;
    if (attributes->Attributes & OBJ_OPENLINK) request.flags |= protocol::key_open_link;
    request.inherit = (attributes->Attributes & OBJ_INHERIT) ? 1 : 0;
    protocol::open_key_reply reply{};
    if (uint32_t error = vine::client::call(request, reply, path.data(), static_cast<uint32_t>(path.size() * 2)))
        return registry_status(error);
    *key = reinterpret_cast<HANDLE>(reply.handle);
    if (disposition) *disposition = reply.created ? REG_CREATED_NEW_KEY : REG_OPENED_EXISTING_KEY;
    return STATUS_SUCCESS;
}

// Fills `info` with a structure of `fixed` bytes followed by `tail`, with
// Windows' short-buffer rules; `fill` writes the fixed part.
template <typename Fill>
NTSTATUS copy_out(void* info, ULONG length, ULONG* result_length, size_t fixed, const std::string& tail, Fill fill) {
    ULONG needed = static_cast<ULONG>(fixed + tail.size());
    if (result_length) *result_length = needed;
    if (length < fixed) return STATUS_BUFFER_TOO_SMALL;
    if (!info) return kBadPointer;
    fill();
    if (length < needed) return STATUS_BUFFER_OVERFLOW;
    memcpy(static_cast<char*>(info) + fixed, tail.data(), tail.size());
    return STATUS_SUCCESS;
}

// As copy_out, but a tail that does not fit is copied as far as it fits,
// as Windows does with key names (NtQueryKey, NtEnumerateKey).
template <typename Fill>
NTSTATUS copy_out_partial(void* info, ULONG length, ULONG* result_length, size_t fixed, const std::string& tail,
                          Fill fill) {
    NTSTATUS status = copy_out(info, length, result_length, fixed, tail, fill);
    if (status == STATUS_BUFFER_OVERFLOW)
        memcpy(static_cast<char*>(info) + fixed, tail.data(), (length - fixed) & ~1u);  // whole characters
    return status;
}

// The structures of one ULONG: bit fields or tags with nothing to say here.
NTSTATUS ulong_info(void* info, ULONG length, ULONG* result_length, ULONG value) {
    return copy_out(info, length, result_length, sizeof(ULONG), std::string(),
                    [&] { memcpy(info, &value, sizeof(value)); });
}

NTSTATUS value_info(KEY_VALUE_INFORMATION_CLASS info_class, const std::string& name, uint32_t type,
                    const std::string& data, void* info, ULONG length, ULONG* result_length) {
    switch (info_class) {
    case KeyValueBasicInformation:
        return copy_out(info, length, result_length, offsetof(KEY_VALUE_BASIC_INFORMATION, Name), name, [&] {
            auto* out = static_cast<KEY_VALUE_BASIC_INFORMATION*>(info);
            out->TitleIndex = 0;
            out->Type = type;
            out->NameLength = static_cast<ULONG>(name.size());
        });
    case KeyValueFullInformation:
    case KeyValueFullInformationAlign64: {
        const size_t fixed = offsetof(KEY_VALUE_FULL_INFORMATION, Name);
        return copy_out(info, length, result_length, fixed, name + data, [&] {
            auto* out = static_cast<KEY_VALUE_FULL_INFORMATION*>(info);
            out->TitleIndex = 0;
            out->Type = type;
            out->DataOffset = static_cast<ULONG>(fixed + name.size());
            out->DataLength = static_cast<ULONG>(data.size());
            out->NameLength = static_cast<ULONG>(name.size());
        });
    }
    case KeyValuePartialInformation:
    case KeyValuePartialInformationAlign64:
        return copy_out(info, length, result_length, offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data), data, [&] {
            auto* out = static_cast<KEY_VALUE_PARTIAL_INFORMATION*>(info);
            out->TitleIndex = 0;
            out->Type = type;
            out->DataLength = static_cast<ULONG>(data.size());
        });
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

NTSTATUS key_info(KEY_INFORMATION_CLASS info_class, const std::string& name, int64_t modified,
                  const protocol::query_key_reply* counts, void* info, ULONG length, ULONG* result_length) {
    LARGE_INTEGER time;
    time.QuadPart = modified;
    switch (info_class) {
    case KeyBasicInformation:
        return copy_out_partial(info, length, result_length, offsetof(KEY_BASIC_INFORMATION, Name), name, [&] {
            auto* out = static_cast<KEY_BASIC_INFORMATION*>(info);
            out->LastWriteTime = time;
            out->TitleIndex = 0;
            out->NameLength = static_cast<ULONG>(name.size());
        });
    case KeyNodeInformation:
        return copy_out_partial(info, length, result_length, offsetof(KEY_NODE_INFORMATION, Name), name, [&] {
            auto* out = static_cast<KEY_NODE_INFORMATION*>(info);
            out->LastWriteTime = time;
            out->TitleIndex = 0;
            out->ClassOffset = 0xffffffff;  // no class
            out->ClassLength = 0;
            out->NameLength = static_cast<ULONG>(name.size());
        });
    case KeyFullInformation:
        if (!counts) return STATUS_INVALID_PARAMETER;
        return copy_out(info, length, result_length, offsetof(KEY_FULL_INFORMATION, Class), std::string(), [&] {
            auto* out = static_cast<KEY_FULL_INFORMATION*>(info);
            out->LastWriteTime = time;
            out->TitleIndex = 0;
            out->ClassOffset = 0xffffffff;
            out->ClassLength = 0;
            out->SubKeys = counts->subkeys;
            out->MaxNameLen = counts->max_subkey_length * 2;
            out->MaxClassLen = 0;
            out->Values = counts->values;
            out->MaxValueNameLen = counts->max_value_name_length * 2;
            out->MaxValueDataLen = counts->max_value_data;
        });
    case KeyNameInformation:  // `name` is the full one here
        if (!counts) return STATUS_INVALID_PARAMETER;
        return copy_out_partial(info, length, result_length, offsetof(KEY_NAME_INFORMATION, Name), name, [&] {
            static_cast<KEY_NAME_INFORMATION*>(info)->NameLength = static_cast<ULONG>(name.size());
        });
    case KeyCachedInformation:
        if (!counts) return STATUS_INVALID_PARAMETER;
        return copy_out(info, length, result_length, sizeof(KEY_CACHED_INFORMATION), std::string(), [&] {
            auto* out = static_cast<KEY_CACHED_INFORMATION*>(info);
            out->LastWriteTime = time;
            out->TitleIndex = 0;
            out->SubKeys = counts->subkeys;
            out->MaxNameLen = counts->max_subkey_length * 2;
            out->Values = counts->values;
            out->MaxValueNameLen = counts->max_value_name_length * 2;
            out->MaxValueDataLen = counts->max_value_data;
            out->NameLength = counts->name_length * 2;
        });
    case KeyFlagsInformation:
        if (!counts) return STATUS_INVALID_PARAMETER;
        return copy_out(info, length, result_length, sizeof(KEY_FLAGS_INFORMATION), std::string(), [&] {
            auto* out = static_cast<KEY_FLAGS_INFORMATION*>(info);
            out->Wow64Flags = 0;  // one registry view: nothing is redirected or reflected
            out->KeyFlags = (counts->is_volatile ? REG_FLAG_VOLATILE : 0) | (counts->is_link ? REG_FLAG_LINK : 0);
            out->ControlFlags = 0;  // no REG_KEY_DONT_VIRTUALIZE and the like: nothing sets them
        });
    // Vine virtualizes no key (its user is an elevated administrator, whom
    // UAC's virtualization leaves alone), has no handle tags (set only by
    // NtSetInformationKey, which it lacks), no trusted keys (Windows 10's
    // app containers) and no layered keys (containers' key layers): each is
    // a ULONG of flags, all clear.
    case KeyVirtualizationInformation:
    case KeyHandleTagsInformation:
    case KeyTrustInformation:
    case KeyLayerInformation:
        if (!counts) return STATUS_INVALID_PARAMETER;
        return ulong_info(info, length, result_length, 0);
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

}  // namespace

VINE_EXPORT NTSTATUS NtCreateKey(HANDLE* key, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                 ULONG /*title_index*/, const UNICODE_STRING* /*class_name*/, ULONG options,
                                 ULONG* disposition) {
    uint32_t flags = protocol::key_create;
    if (options & REG_OPTION_VOLATILE) flags |= protocol::key_volatile;
    if (options & REG_OPTION_CREATE_LINK) flags |= protocol::key_create_link;
    if (options & REG_OPTION_OPEN_LINK) flags |= protocol::key_open_link;
    return open_key(key, access, attributes, flags, disposition);
}

// REG_OPTION_OPEN_LINK in `options` changes nothing (Windows opens a link
// itself only for OBJ_OPENLINK).
VINE_EXPORT NTSTATUS NtOpenKeyEx(HANDLE* key, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes, ULONG /*options*/) {
    return open_key(key, access, attributes, 0, nullptr);
}

VINE_EXPORT NTSTATUS NtOpenKey(HANDLE* key, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes) {
    return open_key(key, access, attributes, 0, nullptr);
}

VINE_EXPORT NTSTATUS NtSetValueKey(HANDLE key, const UNICODE_STRING* name, ULONG /*title_index*/, ULONG type,
                                   const void* data, ULONG size) {
    if (!valid(name)) return STATUS_INVALID_PARAMETER;
    if (size && !data) return kBadPointer;
    std::u16string value_name = text_of(name);
    std::string var(reinterpret_cast<const char*>(value_name.data()), value_name.size() * 2);
    var.append(static_cast<const char*>(data), size);
    if (var.size() > protocol::kMaxVarSize) return STATUS_INSUFFICIENT_RESOURCES;
    protocol::set_value_request request{reinterpret_cast<uint64_t>(key), type,
                                        static_cast<uint32_t>(value_name.size() * 2)};
    protocol::set_value_reply reply{};
    return registry_status(vine::client::call(request, reply, var.data(), static_cast<uint32_t>(var.size())));
}

VINE_EXPORT NTSTATUS NtQueryValueKey(HANDLE key, const UNICODE_STRING* name, KEY_VALUE_INFORMATION_CLASS info_class,
                                     void* info, ULONG length, ULONG* result_length) {
    if (!valid(name)) return STATUS_INVALID_PARAMETER;
    if (!result_length) return kBadPointer;
    std::u16string value_name = text_of(name);
    registry_cache::Answer answer;
    if (!registry_cache::lookup(key, value_name, answer)) {
        registry_cache::Ticket ticket = registry_cache::begin();
        protocol::query_value_request request{reinterpret_cast<uint64_t>(key)};
        protocol::query_value_reply reply{};
        answer.error = vine::client::call(request, reply, value_name.data(),
                                          static_cast<uint32_t>(value_name.size() * 2), nullptr, 0, &answer.data);
        answer.type = reply.type;
        registry_cache::store(ticket, key, value_name, answer);
    }
    if (answer.error) return registry_status(answer.error);
    std::string name_bytes(reinterpret_cast<const char*>(value_name.data()), value_name.size() * 2);
    return value_info(info_class, name_bytes, answer.type, answer.data, info, length, result_length);
}

VINE_EXPORT NTSTATUS NtEnumerateValueKey(HANDLE key, ULONG index, KEY_VALUE_INFORMATION_CLASS info_class, void* info,
                                         ULONG length, ULONG* result_length) {
    if (!result_length) return kBadPointer;
    protocol::enum_value_request request{reinterpret_cast<uint64_t>(key), index, 0};
    protocol::enum_value_reply reply{};
    std::string var;
    if (uint32_t error = vine::client::call(request, reply, nullptr, 0, nullptr, 0, &var)) return registry_status(error);
    if (reply.name_bytes > var.size()) return STATUS_UNSUCCESSFUL;  // a reply the server never sends
    return value_info(info_class, var.substr(0, reply.name_bytes), reply.type, var.substr(reply.name_bytes), info,
                      length, result_length);
}

VINE_EXPORT NTSTATUS NtEnumerateKey(HANDLE key, ULONG index, KEY_INFORMATION_CLASS info_class, void* info,
                                    ULONG length, ULONG* result_length) {
    if (!result_length) return kBadPointer;
    if (info_class == KeyFullInformation) return STATUS_INVALID_PARAMETER;  // a subkey's counts: open it
    protocol::enum_key_request request{reinterpret_cast<uint64_t>(key), index, 0};
    protocol::enum_key_reply reply{};
    std::string name;
    if (uint32_t error = vine::client::call(request, reply, nullptr, 0, nullptr, 0, &name)) return registry_status(error);
    return key_info(info_class, name, reply.modified, nullptr, info, length, result_length);
}

VINE_EXPORT NTSTATUS NtQueryKey(HANDLE key, KEY_INFORMATION_CLASS info_class, void* info, ULONG length,
                                ULONG* result_length) {
    if (!result_length) return kBadPointer;
    if (static_cast<ULONG>(info_class) >= MaxKeyInfoClass) return STATUS_INVALID_PARAMETER;
    // The key's name and its handle tags need no KEY_QUERY_VALUE.
    uint32_t what = info_class == KeyNameInformation        ? protocol::query_key_full_name
                    : info_class == KeyHandleTagsInformation ? protocol::query_key_handle_only
                                                             : protocol::query_key_counts;
    protocol::query_key_request request{reinterpret_cast<uint64_t>(key), what, 0};
    protocol::query_key_reply reply{};
    std::string name;
    if (uint32_t error = vine::client::call(request, reply, nullptr, 0, nullptr, 0, &name)) return registry_status(error);
    return key_info(info_class, name, reply.modified, &reply, info, length, result_length);
}

VINE_EXPORT NTSTATUS NtDeleteKey(HANDLE key) {
    protocol::delete_key_request request{reinterpret_cast<uint64_t>(key)};
    protocol::delete_key_reply reply{};
    uint32_t error = vine::client::call(request, reply);
    // The server refuses a hive root or a key with subkeys as access denied.
    return error == protocol::status::access_denied ? STATUS_CANNOT_DELETE : registry_status(error);
}

VINE_EXPORT NTSTATUS NtDeleteValueKey(HANDLE key, const UNICODE_STRING* name) {
    if (!valid(name)) return STATUS_INVALID_PARAMETER;
    std::u16string value_name = text_of(name);
    protocol::delete_value_request request{reinterpret_cast<uint64_t>(key)};
    protocol::delete_value_reply reply{};
    return registry_status(
        vine::client::call(request, reply, value_name.data(), static_cast<uint32_t>(value_name.size() * 2)));
}

VINE_EXPORT NTSTATUS NtFlushKey(HANDLE key) {
    protocol::flush_key_request request{reinterpret_cast<uint64_t>(key)};
    protocol::flush_key_reply reply{};
    return registry_status(vine::client::call(request, reply));
}

// The server sets an event at the change; a synchronous call waits for it
// on a private one. Without an I/O engine for keys, an asynchronous call
// reports through its event only: no APC is queued and the I/O status
// block is left as it was. A subordinate key (Count 1) is opened here for
// the server to hold, and its handle closed once the registration is made.
VINE_EXPORT NTSTATUS NtNotifyChangeMultipleKeys(HANDLE key, ULONG count, OBJECT_ATTRIBUTES* subordinates,
                                                HANDLE event, PIO_APC_ROUTINE apc, void* /*apc_context*/,
                                                IO_STATUS_BLOCK* io, ULONG filter, BOOLEAN subtree, void* /*buffer*/,
                                                ULONG /*length*/, BOOLEAN asynchronous) {
    if (count > 1 || (count && !subordinates)) return STATUS_INVALID_PARAMETER;
    if (!filter || (filter & ~REG_LEGAL_CHANGE_FILTER)) return STATUS_INVALID_PARAMETER;
    if (apc) return STATUS_NOT_IMPLEMENTED;  // completion APCs
    if (!io) return kBadPointer;
    if (asynchronous && !event) return STATUS_NOT_IMPLEMENTED;  // completion only through the I/O status block
    HANDLE second = nullptr;
    if (count) {
        NTSTATUS status = NtOpenKey(&second, KEY_NOTIFY, subordinates);
        if (status != STATUS_SUCCESS) return status;
    }
    HANDLE wait_on = event;
    if (!asynchronous) {
        NTSTATUS status = NtCreateEvent(&wait_on, vine::protocol::access::event_all_access, nullptr, NotificationEvent, FALSE);
        if (status != STATUS_SUCCESS) {
            if (second) NtClose(second);
            return status;
        }
    }
    protocol::notify_key_request request{reinterpret_cast<uint64_t>(key),
                                         reinterpret_cast<uint64_t>(wait_on),
                                         filter & ~REG_NOTIFY_THREAD_AGNOSTIC,
                                         subtree ? 1u : 0u,
                                         (filter & REG_NOTIFY_THREAD_AGNOSTIC) ? 1u : 0u,
                                         0,
                                         reinterpret_cast<uint64_t>(second)};
    protocol::notify_key_reply reply{};
    NTSTATUS status = registry_status(vine::client::call(request, reply));
    if (second) NtClose(second);
    if (asynchronous) return status == STATUS_SUCCESS ? STATUS_PENDING : status;
    if (status == STATUS_SUCCESS) status = NtWaitForSingleObject(wait_on, FALSE, nullptr);
    NtClose(wait_on);
    if (status != STATUS_SUCCESS) return status;
    io->Status = STATUS_SUCCESS;
    io->Information = 0;
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtNotifyChangeKey(HANDLE key, HANDLE event, PIO_APC_ROUTINE apc, void* apc_context,
                                       IO_STATUS_BLOCK* io, ULONG filter, BOOLEAN subtree, void* buffer, ULONG length,
                                       BOOLEAN asynchronous) {
    return NtNotifyChangeMultipleKeys(key, 0, nullptr, event, apc, apc_context, io, filter, subtree, buffer, length,
                                      asynchronous);
}

VINE_EXPORT NTSTATUS NtRenameKey(HANDLE key, UNICODE_STRING* new_name) {
    if (!new_name) return kBadPointer;
    if (!valid(new_name) || !new_name->Length) return STATUS_INVALID_PARAMETER;
    std::u16string name = text_of(new_name);
    protocol::rename_key_request request{reinterpret_cast<uint64_t>(key)};
    protocol::rename_key_reply reply{};
    uint32_t error = vine::client::call(request, reply, name.data(), static_cast<uint32_t>(name.size() * 2));
    // A sibling of that name: the registry cannot replace it.
    return error == protocol::status::already_exists ? STATUS_CANNOT_DELETE : registry_status(error);
}

VINE_EXPORT NTSTATUS __vine_delete_key_tree(HANDLE key, BOOL keep_key) {
    protocol::delete_tree_request request{reinterpret_cast<uint64_t>(key), keep_key ? 1u : 0u, 0};
    protocol::delete_tree_reply reply{};
    return registry_status(vine::client::call(request, reply));
}

VINE_EXPORT NTSTATUS __vine_open_classes_root(HANDLE* key, ACCESS_MASK access, const UNICODE_STRING* user_classes) {
    if (!user_classes) return kBadPointer;
    OBJECT_ATTRIBUTES attributes{sizeof(attributes), nullptr, const_cast<UNICODE_STRING*>(user_classes),
                                 OBJ_CASE_INSENSITIVE, nullptr, nullptr};
    return open_key(key, access, &attributes, protocol::key_merged_classes, nullptr);
}

VINE_EXPORT NTSTATUS __vine_copy_key_tree(HANDLE source, HANDLE target) {
    protocol::copy_tree_request request{reinterpret_cast<uint64_t>(source), reinterpret_cast<uint64_t>(target)};
    protocol::copy_tree_reply reply{};
    return registry_status(vine::client::call(request, reply));
}

// The subtree in the hives' text format, written by the server at the
// file's position (Vine's files are Wine's text, whatever the format asked).
VINE_EXPORT NTSTATUS NtSaveKeyEx(HANDLE key, HANDLE file, ULONG format) {
    constexpr ULONG kStandardFormat = 1, kLatestFormat = 2, kNoCompression = 4;
    if (format != kStandardFormat && format != kLatestFormat && format != kNoCompression)
        return STATUS_INVALID_PARAMETER;
    protocol::save_key_request request{reinterpret_cast<uint64_t>(key), reinterpret_cast<uint64_t>(file)};
    protocol::save_key_reply reply{};
    return registry_status(vine::client::call(request, reply));
}

VINE_EXPORT NTSTATUS NtSaveKey(HANDLE key, HANDLE file) { return NtSaveKeyEx(key, file, 1); }

VINE_EXPORT NTSTATUS NtRestoreKey(HANDLE key, HANDLE file, ULONG /*flags*/) {
    protocol::restore_key_request request{reinterpret_cast<uint64_t>(key), reinterpret_cast<uint64_t>(file)};
    protocol::restore_key_reply reply{};
    return registry_status(vine::client::call(request, reply));
}

// ---- hives loaded and unloaded ----

namespace {

constexpr ULONG kForceUnload = 1;  // REG_FORCE_UNLOAD
// NtLoadKeyEx's flags Vine accepts (REG_WHOLE_HIVE_VOLATILE,
// REG_NO_LAZY_FLUSH, REG_LOAD_HIVE_OPEN_HANDLE...); its hives are written
// within a second whatever they ask.
// REG_APP_HIVE: RegLoadAppKey's hive, outside the namespace, reached through
// the handle returned only; REG_PROCESS_PRIVATE: no second load of it.
constexpr ULONG kLoadFlags = 0x1 | 0x4 | 0x8 | REG_APP_HIVE | REG_PROCESS_PRIVATE | 0x40 | 0x80 | 0x800;

// The server's target: a root handle and the path below it.
bool target_of(const OBJECT_ATTRIBUTES* target, uint64_t& root, std::u16string& path) {
    if (!target || !valid(target->ObjectName)) return false;
    root = reinterpret_cast<uint64_t>(target->RootDirectory);
    path = text_of(target->ObjectName);
    return root || (!path.empty() && path[0] == u'\\');
}

}  // namespace

VINE_EXPORT NTSTATUS NtLoadKeyEx(const OBJECT_ATTRIBUTES* target, const OBJECT_ATTRIBUTES* file, ULONG flags,
                                 HANDLE /*trust_key*/, HANDLE /*event*/, ACCESS_MASK access, HANDLE* root_handle,
                                 IO_STATUS_BLOCK* /*io*/) {
    if (!target || !file) return kBadPointer;
    if (flags & ~kLoadFlags) return STATUS_INVALID_PARAMETER;
    if ((flags & REG_APP_HIVE) && !root_handle) return STATUS_INVALID_PARAMETER;
    uint64_t root = 0;
    std::u16string path;
    if (!target_of(target, root, path)) return STATUS_OBJECT_PATH_SYNTAX_BAD;
    // The file is made if missing (an empty, new hive), as RegLoadKey
    // documents, and goes again when the load fails.
    HANDLE handle = nullptr;
    IO_STATUS_BLOCK io{};
    namespace nt = vine::nt;
    constexpr ULONG kOptions = nt::FILE_SYNCHRONOUS_IO_NONALERT | nt::FILE_NON_DIRECTORY_FILE;
    NTSTATUS status = NtCreateFile(&handle, nt::GENERIC_READ | SYNCHRONIZE, file, &io, nullptr, 0,
                                   nt::FILE_SHARE_READ, nt::FILE_OPEN, kOptions, nullptr, 0);
    bool made = false;
    if (status == STATUS_OBJECT_NAME_NOT_FOUND) {
        status = NtCreateFile(&handle, nt::GENERIC_READ | nt::DELETE | SYNCHRONIZE, file, &io, nullptr, 0,
                              nt::FILE_SHARE_READ | nt::FILE_SHARE_DELETE, nt::FILE_CREATE, kOptions, nullptr, 0);
        made = status == STATUS_SUCCESS;
    }
    if (status != STATUS_SUCCESS) return status;
    uint32_t server_flags = 0;
    if (flags & REG_APP_HIVE) server_flags |= protocol::load_app_hive;
    if ((flags & REG_APP_HIVE) && (flags & REG_PROCESS_PRIVATE)) server_flags |= protocol::load_private;
    protocol::load_key_request request{root, reinterpret_cast<uint64_t>(handle), server_flags, access};
    protocol::load_key_reply reply{};
    uint32_t error = vine::client::call(request, reply, path.data(), static_cast<uint32_t>(path.size() * 2));
    if (error && made) {
        nt::FILE_DISPOSITION_INFORMATION dispose{TRUE};
        NtSetInformationFile(handle, &io, &dispose, sizeof(dispose), nt::FileDispositionInformation);
    }
    NtClose(handle);
    if (error) return error == protocol::status::already_exists ? STATUS_OBJECT_NAME_COLLISION : registry_status(error);
    if (flags & REG_APP_HIVE) {
        *root_handle = reinterpret_cast<HANDLE>(reply.handle);
        return STATUS_SUCCESS;
    }
    if (root_handle) return NtOpenKeyEx(root_handle, access, target, 0);
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS NtLoadKey2(const OBJECT_ATTRIBUTES* target, const OBJECT_ATTRIBUTES* file, ULONG flags) {
    return NtLoadKeyEx(target, file, flags, nullptr, nullptr, 0, nullptr, nullptr);
}

VINE_EXPORT NTSTATUS NtLoadKey(const OBJECT_ATTRIBUTES* target, const OBJECT_ATTRIBUTES* file) {
    return NtLoadKeyEx(target, file, 0, nullptr, nullptr, 0, nullptr, nullptr);
}

VINE_EXPORT NTSTATUS NtUnloadKey2(const OBJECT_ATTRIBUTES* target, ULONG flags) {
    if (!target) return kBadPointer;
    if (flags & ~kForceUnload) return STATUS_INVALID_PARAMETER;
    uint64_t root = 0;
    std::u16string path;
    if (!target_of(target, root, path)) return STATUS_OBJECT_PATH_SYNTAX_BAD;
    protocol::unload_key_request request{root, (flags & kForceUnload) ? 1u : 0u, 0};
    protocol::unload_key_reply reply{};
    uint32_t error = vine::client::call(request, reply, path.data(), static_cast<uint32_t>(path.size() * 2));
    // Keys of the hive still open: Windows' STATUS_CANNOT_DELETE.
    return error == protocol::status::hive_in_use ? STATUS_CANNOT_DELETE : registry_status(error);
}

VINE_EXPORT NTSTATUS NtUnloadKey(const OBJECT_ATTRIBUTES* target) { return NtUnloadKey2(target, 0); }

// The server renames the files (the hive's to `old_file`, `new_file` to the
// hive's), given handles it finds their paths from; the old file is made
// here, and goes again when the replacement fails.
VINE_EXPORT NTSTATUS NtReplaceKey(const OBJECT_ATTRIBUTES* new_file, HANDLE key, const OBJECT_ATTRIBUTES* old_file) {
    if (!new_file || !old_file) return kBadPointer;
    namespace nt = vine::nt;
    constexpr ULONG kOptions = nt::FILE_SYNCHRONOUS_IO_NONALERT | nt::FILE_NON_DIRECTORY_FILE;
    HANDLE replacement = nullptr, backup = nullptr;
    IO_STATUS_BLOCK io{};
    NTSTATUS status = NtCreateFile(&replacement, nt::GENERIC_READ | SYNCHRONIZE, new_file, &io, nullptr, 0,
                                   nt::FILE_SHARE_READ | nt::FILE_SHARE_DELETE, nt::FILE_OPEN, kOptions, nullptr, 0);
    if (status != STATUS_SUCCESS) return status;
    status = NtCreateFile(&backup, nt::GENERIC_WRITE | nt::DELETE | SYNCHRONIZE, old_file, &io, nullptr, 0,
                          nt::FILE_SHARE_READ | nt::FILE_SHARE_DELETE, nt::FILE_OVERWRITE_IF, kOptions, nullptr, 0);
    if (status != STATUS_SUCCESS) {
        NtClose(replacement);
        return status;
    }
    protocol::replace_key_request request{reinterpret_cast<uint64_t>(key), reinterpret_cast<uint64_t>(replacement),
                                          reinterpret_cast<uint64_t>(backup)};
    protocol::replace_key_reply reply{};
    uint32_t error = vine::client::call(request, reply);
    if (error) {
        nt::FILE_DISPOSITION_INFORMATION dispose{TRUE};
        NtSetInformationFile(backup, &io, &dispose, sizeof(dispose), nt::FileDispositionInformation);
    }
    NtClose(backup);
    NtClose(replacement);
    return registry_status(error);
}

// The event is set when the hive is unloaded, which is at once.
VINE_EXPORT NTSTATUS NtUnloadKeyEx(const OBJECT_ATTRIBUTES* target, HANDLE event) {
    NTSTATUS status = NtUnloadKey2(target, 0);
    if (status == STATUS_SUCCESS && event) NtSetEvent(event, nullptr);
    return status;
}
