// Handle requests: close, duplicate, information, flags.
#include "server.h"
#include "sync_area.h"

namespace vine::server {

using namespace protocol;

std::shared_ptr<Object> resolve_handle(Process& process, uint64_t handle, uint32_t* access) {
    if (handle == kCurrentProcess) {
        if (access) *access = access::process_all_access;
        return find_process(process.id);
    }
    if (handle == kCurrentThread) return nullptr;  // resolved by callers that know the thread
    HandleEntry* entry = process.handles.find(handle);
    if (!entry) return nullptr;
    if (access) *access = entry->access;
    return entry->object;
}

void handle_close_handle(Request& request, Reply& reply) {
    auto req = request.get<close_handle_request>();
    Process& process = *request.client.process;
    HandleEntry* entry = process.handles.find(req.handle);
    if (!entry) return reply.fail(status::invalid_handle);
    if (entry->protect) return reply.fail(status::invalid_handle);
    process.handles.remove(req.handle);
    reply.set(close_handle_reply{});
}

namespace {

// The target process of a duplication, from a handle in the caller's table.
std::shared_ptr<Process> process_from_handle(Process& caller, uint64_t handle, uint32_t needed) {
    uint32_t granted = 0;
    auto process = resolve_as<Process>(caller, handle, ObjectType::process, &granted);
    if (!process || (granted & needed) != needed || process->ended) return nullptr;
    return process;
}

}  // namespace

void handle_duplicate_handle(Request& request, Reply& reply) {
    auto req = request.get<duplicate_handle_request>();
    Process& caller = *request.client.process;
    auto source = process_from_handle(caller, req.source_process, access::process_dup_handle);
    if (!source) return reply.fail(status::invalid_handle);
    std::shared_ptr<Object> object;
    uint32_t access = 0;
    if (req.source_handle == kCurrentThread) {
        // GetCurrentThread() of the caller: a real handle to its thread.
        auto thread = find_thread(request.view.thread_id);
        if (source->id == caller.id && thread && thread->process_id == caller.id) {
            object = thread;
            access = access::thread_all_access;
        }
    } else {
        object = resolve_handle(*source, req.source_handle, &access);
    }
    if (!object) return reply.fail(status::invalid_handle);
    uint64_t new_handle = 0;
    if (req.target_process) {
        auto target = process_from_handle(caller, req.target_process, access::process_dup_handle);
        if (!target) return reply.fail(status::invalid_handle);
        HandleEntry entry;
        entry.object = object;
        entry.access = (req.options & duplicate_same_access) ? access : req.access;
        entry.inherit = req.inherit != 0;
        new_handle = target->handles.insert(std::move(entry));
        if (!new_handle) return reply.fail(status::not_enough_memory);
    }
    if ((req.options & duplicate_close_source) && req.source_handle != kCurrentProcess) {
        // The owner's cached values of that key handle must go (protocol.h).
        if (object->type == ObjectType::key) sync_area().registry_changed();
        source->handles.remove(req.source_handle);
    }
    reply.set(duplicate_handle_reply{new_handle});
}

void handle_handle_info(Request& request, Reply& reply) {
    auto req = request.get<handle_info_request>();
    Process& process = *request.client.process;
    HandleEntry* entry = process.handles.find(req.handle);
    if (!entry) return reply.fail(status::invalid_handle);
    handle_info_reply info{};
    info.type = static_cast<uint32_t>(entry->object->type);
    info.access = entry->access;
    info.inherit = entry->inherit;
    switch (entry->object->type) {
    case ObjectType::event:
    case ObjectType::mutex:
    case ObjectType::semaphore:
    case ObjectType::timer: {
        // The object's state: only processes holding a handle get it.
        info.slot = static_cast<SyncObject&>(*entry->object).slot;
        int copy = fcntl_dup(sync_area().object_fd(info.slot));
        if (copy < 0) return reply.fail(status::not_enough_memory);
        reply.fds.push_back(copy);
        break;
    }
    case ObjectType::process: {
        auto& target = static_cast<Process&>(*entry->object);
        info.slot = target.slot;
        info.object_id = target.id;
        break;
    }
    case ObjectType::thread: {
        auto& target = static_cast<Thread&>(*entry->object);
        info.slot = target.slot;
        info.object_id = target.id;
        break;
    }
    case ObjectType::file:
    case ObjectType::pipe: {
        auto& file = static_cast<FileObject&>(*entry->object);
        info.file_flags = file.flags;
        int copy = fcntl_dup(file.fd);
        if (copy < 0) return reply.fail(status::not_enough_memory);
        reply.fds.push_back(copy);
        break;
    }
    case ObjectType::section: {
        auto& section = static_cast<SectionObject&>(*entry->object);
        info.file_flags = section.protect;
        info.section_attributes = section.attributes;
        info.section_size = section.size;
        int copy = fcntl_dup(section.fd);
        if (copy < 0) return reply.fail(status::not_enough_memory);
        reply.fds.push_back(copy);
        break;
    }
    default:
        break;
    }
    reply.set(info);
}

void handle_set_handle_flags(Request& request, Reply& reply) {
    auto req = request.get<set_handle_flags_request>();
    HandleEntry* entry = request.client.process->handles.find(req.handle);
    if (!entry) return reply.fail(status::invalid_handle);
    set_handle_flags_reply out{};
    out.old_flags = (entry->inherit ? 1u : 0u) | (entry->protect ? 2u : 0u);
    if (req.mask & 1) entry->inherit = req.flags & 1;
    if (req.mask & 2) entry->protect = req.flags & 2;
    reply.set(out);
}

}  // namespace vine::server
