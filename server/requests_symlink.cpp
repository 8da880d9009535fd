// The object manager's "\??" directory: the symbolic links DefineDosDevice
// makes (NtCreateSymbolicLinkObject), their targets, and its listing
// (NtOpenDirectoryObject, NtQueryDirectoryObject). The links live here so
// every process of the prefix sees them; the drives of the prefix's
// dosdevices/ are not objects here (ntdll and kernel32 read those links).
#include "server.h"

namespace vine::server {

using namespace protocol;

namespace {

constexpr std::u16string_view kDosDevices = u"\\??\\";

// Permanent links: held here until NtMakeTemporaryObject.
std::vector<std::shared_ptr<SymlinkObject>>& permanent_links() {
    static auto* links = new std::vector<std::shared_ptr<SymlinkObject>>;  // never destroyed: the names outlive it
    return *links;
}

char16_t upper(char16_t c) { return c >= u'a' && c <= u'z' ? static_cast<char16_t>(c - 32) : c; }

// "\??\X", "\GLOBAL??\X" or "\DosDevices\X" (one component X): the
// namespace key "\??\X" upper-cased, and X as written.
uint32_t link_key(std::u16string_view name, std::u16string& key, std::u16string& display) {
    std::u16string upper_name;
    for (char16_t c : name) upper_name += upper(c);
    std::u16string_view rest;
    for (std::u16string_view prefix : {u"\\??\\", u"\\GLOBAL??\\", u"\\DOSDEVICES\\"})
        if (std::u16string_view(upper_name).starts_with(prefix)) {
            rest = name.substr(prefix.size());
            break;
        }
    if (rest.empty()) return name.empty() || name[0] != u'\\' ? status::invalid_name : status::path_not_found;
    if (rest.find(u'\\') != std::u16string_view::npos) return status::path_not_found;
    display = rest;
    key = kDosDevices;
    for (char16_t c : rest) key += upper(c);
    return status::success;
}

std::u16string utf16_of(const uint8_t* bytes, size_t size) {
    std::u16string text(size / 2, u'\0');
    memcpy(text.data(), bytes, text.size() * 2);
    return text;
}

// A handle in the caller for `object`; 0 when its table is full.
uint64_t new_handle(Request& request, std::shared_ptr<Object> object, uint32_t access, uint32_t inherit) {
    HandleEntry entry;
    entry.object = std::move(object);
    entry.access = access;
    entry.inherit = inherit != 0;
    return request.client.process->handles.insert(std::move(entry));
}

}  // namespace

void handle_create_symlink(Request& request, Reply& reply) {
    auto req = request.get<create_symlink_request>();
    const auto& view = request.view;
    if (req.name_size % 2 || req.name_size > view.var_size || (view.var_size - req.name_size) % 2 ||
        req.name_size / 2 > kMaxNameLength)
        return reply.fail(status::invalid_parameter);
    std::u16string name = utf16_of(view.var, req.name_size);
    std::u16string key, display;
    if (uint32_t error = link_key(name, key, display)) return reply.fail(error);
    std::shared_ptr<Object> object = lookup_name(key);
    if (req.flags & symlink_open) {
        if (!object) return reply.fail(status::file_not_found);
        if (object->type != ObjectType::symlink) return reply.fail(status::invalid_handle);
    } else {
        if (object) return reply.fail(status::already_exists);
        auto link = std::make_shared<SymlinkObject>();
        link->display = display;
        link->target = utf16_of(view.var + req.name_size, view.var_size - req.name_size);
        if (req.flags & symlink_permanent) {
            link->permanent = true;
            permanent_links().push_back(link);
        }
        insert_name(key, link);
        object = link;
    }
    uint64_t handle = new_handle(request, object, req.access, req.inherit);
    if (!handle) return reply.fail(status::not_enough_memory);
    reply.set(create_symlink_reply{handle});
}

void handle_query_symlink(Request& request, Reply& reply) {
    auto req = request.get<query_symlink_request>();
    auto link = resolve_as<SymlinkObject>(*request.client.process, req.handle, ObjectType::symlink);
    if (!link) return reply.fail(status::invalid_handle);
    if (req.make_temporary && link->permanent) {
        link->permanent = false;
        std::erase(permanent_links(), link);
    }
    reply.var.assign(reinterpret_cast<const char*>(link->target.data()), link->target.size() * 2);
    reply.set(query_symlink_reply{static_cast<uint32_t>(link->target.size() * 2), 0});
}

void handle_open_directory(Request& request, Reply& reply) {
    auto req = request.get<open_directory_request>();
    std::u16string path = utf16_of(request.view.var, request.view.var_size);
    std::u16string upper_path;
    for (char16_t c : path) upper_path += upper(c);
    while (upper_path.size() > 1 && upper_path.back() == u'\\') upper_path.pop_back();
    // "\??" is the one directory kept (its aliases name it too).
    if (upper_path != u"\\??" && upper_path != u"\\GLOBAL??" && upper_path != u"\\DOSDEVICES")
        return reply.fail(upper_path.empty() || upper_path[0] != u'\\' ? status::invalid_name
                                                                       : status::file_not_found);
    auto directory = std::make_shared<DirectoryObject>();
    directory->path = u"\\??";
    uint64_t handle = new_handle(request, directory, req.access, req.inherit);
    if (!handle) return reply.fail(status::not_enough_memory);
    reply.set(open_directory_reply{handle});
}

void handle_query_directory(Request& request, Reply& reply) {
    auto req = request.get<query_directory_request>();
    auto directory = resolve_as<DirectoryObject>(*request.client.process, req.handle, ObjectType::directory);
    if (!directory) return reply.fail(status::invalid_handle);
    uint32_t count = 0;
    std::u16string all;
    for (auto& object : names_under(std::u16string(kDosDevices))) {
        if (object->type != ObjectType::symlink) continue;
        all += static_cast<SymlinkObject&>(*object).display;
        all += u'\0';
        all += u"SymbolicLink";
        all += u'\0';
        ++count;
    }
    reply.var.assign(reinterpret_cast<const char*>(all.data()), all.size() * 2);
    reply.set(query_directory_reply{count, 0});
}

}  // namespace vine::server
