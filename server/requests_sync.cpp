// Events, mutexes, semaphores and timers: creation, naming, opening. Each
// one's state is a memfd of its own (sync_area.h), handed with the handle,
// where clients then use it directly.
#include <unistd.h>

#include "server.h"
#include "sync_area.h"

namespace vine::server {

using namespace protocol;

namespace {

// Case-insensitive comparison of a directory component (the object
// manager's directories and symbolic links are matched that way).
bool same_component(std::u16string_view a, std::u16string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char16_t x = a[i] >= u'a' && a[i] <= u'z' ? a[i] - 32 : a[i];
        char16_t y = b[i] >= u'a' && b[i] <= u'z' ? b[i] - 32 : b[i];
        if (x != y) return false;
    }
    return true;
}

constexpr std::u16string_view kGlobalDirectory = u"\\BaseNamedObjects\\";
constexpr std::u16string_view kSessionDirectory = u"\\Sessions\\1\\BaseNamedObjects\\";

// Takes the next component of `path` (which starts after a backslash).
std::u16string_view next_component(std::u16string_view& path) {
    size_t end = path.find(u'\\');
    std::u16string_view component = path.substr(0, end);
    path = end == std::u16string_view::npos ? std::u16string_view() : path.substr(end + 1);
    return component;
}

}  // namespace

// The canonical object-manager path of an NT object name, as NtCreateEvent
// and friends receive it: "\BaseNamedObjects\x" or
// "\Sessions\1\BaseNamedObjects\x". Inside either directory, "Global" and
// "Local" are the symbolic links Windows keeps there (to the global
// directory, and to the session's or the global one), so kernel32 can
// prefix a Win32 name ("Global\x", "Local\x", "x") with the session's
// directory as Windows does. Directory names match ignoring case; object
// names are case-sensitive, as Windows documents for these objects.
uint32_t find_for_create(const std::u16string& name, uint32_t flags, ObjectType type, std::u16string& full,
                         std::shared_ptr<Object>& found) {
    found = nullptr;
    if (!name.empty()) {
        if (uint32_t error = full_object_name(name, full)) return error;
        if (auto object = lookup_name(full)) {
            if (!(flags & (create_open_existing | create_open_if))) return status::already_exists;
            if (object->type != type) return status::invalid_handle;
            found = std::move(object);
            return status::success;
        }
    }
    return (flags & create_open_existing) ? status::file_not_found : status::success;
}

uint32_t full_object_name(const std::u16string& name, std::u16string& full) {
    std::u16string_view rest(name);
    if (rest.empty() || rest[0] != u'\\') return status::invalid_name;
    rest.remove_prefix(1);
    bool global;
    std::u16string_view first = next_component(rest);
    if (same_component(first, u"BaseNamedObjects")) {
        global = true;
    } else if (same_component(first, u"Sessions") && next_component(rest) == u"1" &&
               same_component(next_component(rest), u"BaseNamedObjects")) {
        global = false;
    } else {
        return status::path_not_found;
    }
    for (;;) {
        size_t separator = rest.find(u'\\');
        if (separator == std::u16string_view::npos) break;
        std::u16string_view link = rest.substr(0, separator);
        if (same_component(link, u"Global"))
            global = true;
        else if (!same_component(link, u"Local"))
            return status::path_not_found;
        rest.remove_prefix(separator + 1);
    }
    if (rest.empty()) return status::invalid_name;
    full = std::u16string(global ? kGlobalDirectory : kSessionDirectory);
    full += rest;
    return status::success;
}

void handle_create_sync(Request& request, Reply& reply) {
    auto req = request.get<create_sync_request>();
    Process& process = *request.client.process;
    auto kind = static_cast<SyncKind>(req.kind);
    ObjectType type = object_type_of(kind);
    if (type == ObjectType::none || (req.flags & ~uint32_t{create_open_existing | create_open_if}) ||
        request.view.var_size % 2 ||
        request.view.var_size / 2 > kMaxNameLength) {
        reply.status = status::invalid_parameter;
        return;
    }
    std::u16string name(request.view.var_size / 2, u'\0');
    memcpy(name.data(), request.view.var, request.view.var_size);

    std::shared_ptr<Object> object;
    bool existed = false;
    std::u16string full;
    if (!name.empty()) {
        if (uint32_t error = full_object_name(name, full)) return reply.fail(error);
        object = lookup_name(full);
        if (object) {
            // Creating a name that exists is a collision unless the caller
            // asked to open it then (OBJ_OPENIF, which kernel32 passes).
            if (!(req.flags & (create_open_existing | create_open_if))) return reply.fail(status::already_exists);
            if (object->type != type) return reply.fail(status::invalid_handle);
            existed = true;
        }
    }
    if (!object && (req.flags & create_open_existing)) return reply.fail(status::file_not_found);
    if (!object) {
        if (kind == SyncKind::semaphore && (req.maximum == 0 || req.maximum > 0x7fffffff || req.initial > req.maximum))
            return reply.fail(status::invalid_parameter);
        std::shared_ptr<SyncObject> created = kind == SyncKind::timer ? std::make_shared<TimerObject>()
                                                                      : std::make_shared<SyncObject>(type, kind);
        uint32_t state = 0, aux = 0;
        switch (kind) {
        case SyncKind::event:
        case SyncKind::timer:
            state = req.initial ? 1 : 0;
            aux = req.maximum ? 1 : 0;  // manual reset
            break;
        case SyncKind::semaphore:
            state = req.initial;
            aux = req.maximum;
            break;
        case SyncKind::mutex:
            state = req.initial ? req.thread_id : 0;
            aux = req.initial ? 1 : 0;
            break;
        default:
            break;
        }
        created->slot = sync_area().allocate(kind, state, aux, process.id);
        if (!created->slot) return reply.fail(status::not_enough_memory);
        if (!full.empty()) insert_name(full, created);
        object = created;
    }
    HandleEntry entry;
    entry.object = object;
    entry.access = req.access;
    entry.inherit = req.inherit != 0;
    uint32_t slot = static_cast<SyncObject&>(*object).slot;
    int state_fd = fcntl_dup(sync_area().object_fd(slot));
    if (state_fd < 0) return reply.fail(status::not_enough_memory);
    uint64_t handle = process.handles.insert(std::move(entry));
    if (!handle) {
        close(state_fd);
        return reply.fail(status::not_enough_memory);
    }
    reply.fds.push_back(state_fd);
    reply.set(create_sync_reply{handle, slot, existed ? 1u : 0u});
}

}  // namespace vine::server
