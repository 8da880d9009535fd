// Sections (file mappings): the server owns the descriptor behind each, so
// that a named section is shared between processes and views of it in any
// process map the same pages. A pagefile-backed section is a memfd the
// server makes at the size asked for; a file-backed one keeps the file's
// descriptor the client sent. Views are the client's business (mmap of the
// descriptor handle_info hands out).
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

#include "server.h"

namespace vine::server {

using namespace protocol;

namespace {

// Pagefile-backed sections may be as large as the address space allows;
// ftruncate of a memfd reserves nothing, so only the limit of the type.
constexpr uint64_t kLargestSection = uint64_t{1} << 47;

}  // namespace

SectionObject::~SectionObject() {
    if (fd >= 0) close(fd);
}

void handle_create_section(Request& request, Reply& reply) {
    auto req = request.get<create_section_request>();
    if ((req.flags & ~uint32_t{create_open_existing | create_open_if}) || request.view.var_size % 2 ||
        request.view.var_size / 2 > kMaxNameLength || request.fds.size() > 1)
        return reply.fail(status::invalid_parameter);
    std::u16string name(request.view.var_size / 2, u'\0');
    memcpy(name.data(), request.view.var, request.view.var_size);

    std::shared_ptr<SectionObject> section;
    std::u16string full;
    bool existed = false;
    if (!name.empty()) {
        if (uint32_t error = full_object_name(name, full)) return reply.fail(error);
        if (auto object = lookup_name(full)) {
            if (!(req.flags & (create_open_existing | create_open_if))) return reply.fail(status::already_exists);
            if (object->type != ObjectType::section) return reply.fail(status::invalid_handle);
            section = std::static_pointer_cast<SectionObject>(object);
            existed = true;
        }
    }
    if (!section && (req.flags & create_open_existing)) return reply.fail(status::file_not_found);
    if (!section) {
        if (!req.size || req.size > kLargestSection) return reply.fail(status::invalid_parameter);
        int fd;
        if (request.fds.empty()) {
            fd = memfd_create("vine-section", MFD_CLOEXEC);
            if (fd < 0) return reply.fail(status::not_enough_memory);
            if (ftruncate(fd, static_cast<off_t>(req.size)) != 0) {
                close(fd);
                return reply.fail(status::not_enough_memory);
            }
        } else {
            fd = request.fds[0];
            request.fds.clear();  // the section owns it now
        }
        section = std::make_shared<SectionObject>();
        section->fd = fd;
        section->size = req.size;
        section->protect = req.protect;
        section->attributes = req.attributes;
        if (!full.empty()) insert_name(full, section);
    }
    HandleEntry entry;
    entry.object = section;
    entry.access = req.access;
    entry.inherit = req.inherit != 0;
    uint64_t handle = request.client.process->handles.insert(std::move(entry));
    if (!handle) return reply.fail(status::not_enough_memory);
    create_section_reply out{};
    out.handle = handle;
    out.size = section->size;
    out.protect = section->protect;
    out.attributes = section->attributes;
    out.existed = existed ? 1 : 0;
    reply.set(out);
}

}  // namespace vine::server
