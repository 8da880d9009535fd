// Events, mutexes, semaphores and timers: creation, naming, opening. Their
// state then lives in the sync area, where clients use it directly.
#include "server.h"
#include "sync_area.h"

namespace vine::server {

using namespace protocol;

namespace {

ObjectType type_of(SyncKind kind) {
    switch (kind) {
    case SyncKind::event: return ObjectType::event;
    case SyncKind::mutex: return ObjectType::mutex;
    case SyncKind::semaphore: return ObjectType::semaphore;
    case SyncKind::timer: return ObjectType::timer;
    default: return ObjectType::none;
    }
}

bool starts_with(const std::u16string& text, std::u16string_view prefix) {
    return text.size() >= prefix.size() && std::u16string_view(text).substr(0, prefix.size()) == prefix;
}

}  // namespace

// The object-manager path of a Win32 object name: "Global\x" lives in
// \BaseNamedObjects, "Local\x" and a bare "x" in the session's directory.
// Names are case-sensitive, as Windows documents for these objects.
uint32_t full_object_name(const std::u16string& name, std::u16string& full) {
    std::u16string rest = name;
    std::u16string directory = u"\\Sessions\\1\\BaseNamedObjects\\";
    if (starts_with(name, u"Global\\")) {
        rest = name.substr(7);
        directory = u"\\BaseNamedObjects\\";
    } else if (starts_with(name, u"Local\\")) {
        rest = name.substr(6);
    }
    if (rest.find(u'\\') != std::u16string::npos) return status::path_not_found;
    full = directory + rest;
    return status::success;
}

void handle_create_sync(Request& request, Reply& reply) {
    auto req = request.get<create_sync_request>();
    Process& process = *request.client.process;
    auto kind = static_cast<SyncKind>(req.kind);
    ObjectType type = type_of(kind);
    if (type == ObjectType::none || request.view.var_size % 2 ||
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
        created->slot = sync_area().allocate(kind, state, aux);
        if (!created->slot) return reply.fail(status::not_enough_memory);
        if (!full.empty()) insert_name(full, created);
        object = created;
    }
    HandleEntry entry;
    entry.object = object;
    entry.access = req.access;
    entry.inherit = req.inherit != 0;
    uint64_t handle = process.handles.insert(std::move(entry));
    if (!handle) return reply.fail(status::not_enough_memory);
    reply.set(create_sync_reply{handle, static_cast<SyncObject&>(*object).slot, existed ? 1u : 0u});
}

}  // namespace vine::server
