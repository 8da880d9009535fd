// Sections (file mappings): the server owns the descriptor behind each, so
// that a named section is shared between processes and views of it in any
// process map the same pages. A pagefile-backed section is a memfd the
// server makes at the size asked for; a file-backed one keeps the file's
// descriptor the client sent. Views are the client's business (mmap of the
// descriptor handle_info hands out).
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <map>

#include "server.h"

namespace vine::server {

using namespace protocol;

namespace {

// Pagefile-backed sections may be as large as the address space allows;
// ftruncate of a memfd reserves nothing, so only the limit of the type.
constexpr uint64_t kLargestSection = uint64_t{1} << 47;
constexpr uint32_t kPageReadWrite = 0x04, kPageExecuteReadWrite = 0x40;
constexpr uint32_t kSecImage = 0x1000000;

// The views a process may report: more than a Windows address space has
// room for at 64 KiB each would be a client gone wrong.
constexpr size_t kMaxFileViews = size_t{1} << 20;
constexpr uint64_t kHighestUserAddress = uint64_t{1} << 47;

// Every image section by the PE file it was made from: it locks that file
// while it lives (the weak pointers of gone sections are dropped lazily).
std::multimap<std::pair<uint64_t, uint64_t>, std::weak_ptr<SectionObject>> g_image_sections;

bool valid_view_base(uint64_t base) { return base && base % 4096 == 0 && base < kHighestUserAddress; }

bool record_view(Process& process, uint64_t base, const std::shared_ptr<SectionObject>& section, uint32_t cookie) {
    if (process.file_views.size() >= kMaxFileViews && !process.file_views.count(base)) return false;
    process.file_views[base] = Process::FileView{section, cookie};
    return true;
}

}  // namespace

bool file_has_image_section(uint64_t device, uint64_t inode) {
    auto [begin, end] = g_image_sections.equal_range(std::make_pair(device, inode));
    bool found = false;
    for (auto it = begin; it != end;) {
        if (it->second.expired()) {
            it = g_image_sections.erase(it);
            continue;
        }
        found = true;
        ++it;
    }
    return found;
}

SectionObject::~SectionObject() {
    if (fd >= 0) close(fd);
    // Its entry (expired by now) goes with it, and any others gone before.
    if (attributes & kSecImage) file_has_image_section(device, inode);
}

void handle_create_section(Request& request, Reply& reply) {
    auto req = request.get<create_section_request>();
    bool image = req.attributes & kSecImage;
    if ((req.flags & ~uint32_t{create_open_existing | create_open_if}) || request.view.var_size % 2 ||
        request.view.var_size / 2 > kMaxNameLength || request.fds.size() > (image ? 2u : 1u))
        return reply.fail(status::invalid_parameter);
    // A section made for a view already mapped: a new, unnamed image section.
    if (req.view_base && (!image || request.view.var_size || req.flags || request.fds.size() != 2 ||
                          !valid_view_base(req.view_base)))
        return reply.fail(status::invalid_parameter);
    // The PE file an image section locks (its descriptor is closed with the request).
    struct stat image_file {};
    if (image && (request.fds.size() != 2 || fstat(request.fds[1], &image_file) != 0 || !S_ISREG(image_file.st_mode)))
        return reply.fail(status::invalid_parameter);
    std::u16string name(request.view.var_size / 2, u'\0');
    memcpy(name.data(), request.view.var, request.view.var_size);

    std::u16string full;
    std::shared_ptr<Object> found;
    if (uint32_t error = find_for_create(name, req.flags, ObjectType::section, full, found)) return reply.fail(error);
    auto section = std::static_pointer_cast<SectionObject>(found);
    bool existed = section != nullptr;
    if (!section) {
        if (!req.size || req.size > kLargestSection) return reply.fail(status::invalid_parameter);
        int fd;
        bool file_backed = !request.fds.empty();
        if (!file_backed) {
            fd = memfd_create("vine-section", MFD_CLOEXEC);
            if (fd < 0) return reply.fail(status::not_enough_memory);
            if (ftruncate(fd, static_cast<off_t>(req.size)) != 0) {
                close(fd);
                return reply.fail(status::not_enough_memory);
            }
        } else {
            fd = request.fds[0];
            request.fds.erase(request.fds.begin());  // the section owns it now
        }
        struct stat st {};
        section = std::make_shared<SectionObject>();
        if (image) st = image_file;
        if (file_backed && (image || fstat(fd, &st) == 0) && S_ISREG(st.st_mode)) {
            section->file_backed = true;
            section->device = st.st_dev;
            section->inode = st.st_ino;
        }
        if (image) g_image_sections.emplace(std::make_pair(section->device, section->inode), section);
        section->fd = fd;
        section->size = req.size;
        section->protect = req.protect;
        section->attributes = req.attributes;
        if (!full.empty()) insert_name(full, section);
    }
    if (req.view_base) {
        if (!record_view(*request.client.process, req.view_base, section, req.view_cookie))
            return reply.fail(status::not_enough_memory);
        create_section_reply out{};
        out.size = section->size;
        out.protect = section->protect;
        out.attributes = section->attributes;
        return reply.set(out);
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

void handle_section_view(Request& request, Reply& reply) {
    auto req = request.get<section_view_request>();
    Process& process = *request.client.process;
    if (req.mapped > 1 || !valid_view_base(req.base)) return reply.fail(status::invalid_parameter);
    if (!req.mapped) {
        auto found = process.file_views.find(req.base);
        if (found == process.file_views.end() || found->second.cookie != req.cookie)
            return reply.fail(status::invalid_address);
        process.file_views.erase(found);
        return reply.set(section_view_reply{});
    }
    uint32_t access = 0;
    auto section = resolve_as<SectionObject>(process, req.handle, ObjectType::section, &access);
    if (!section) return reply.fail(status::invalid_handle);
    if (!(access & (access::section_map_read | access::section_map_write | access::section_map_execute)))
        return reply.fail(status::access_denied);
    if (!section->file_backed) return reply.fail(status::invalid_parameter);
    if (!record_view(process, req.base, section, req.cookie)) return reply.fail(status::not_enough_memory);
    reply.set(section_view_reply{});
}

void handle_check_truncate(Request& request, Reply& reply) {
    auto req = request.get<check_truncate_request>();
    auto file = resolve_as<FileObject>(*request.client.process, req.handle, ObjectType::file);
    if (!file) return reply.fail(status::invalid_handle);
    // The file the descriptor is, not what the client said when it opened it.
    struct stat st {};
    if (file->fd < 0 || fstat(file->fd, &st) != 0 || !S_ISREG(st.st_mode)) return reply.set(check_truncate_reply{});
    for (Client* client : all_clients()) {
        if (!client->process || client->process->ended) continue;
        for (const auto& [base, view] : client->process->file_views)
            if (view.section->inode == st.st_ino && view.section->device == st.st_dev)
                return reply.fail(status::user_mapped_file);
    }
    reply.set(check_truncate_reply{});
}

void handle_extend_section(Request& request, Reply& reply) {
    auto req = request.get<extend_section_request>();
    uint32_t access = 0;
    auto section = resolve_as<SectionObject>(*request.client.process, req.handle, ObjectType::section, &access);
    if (!section) return reply.fail(status::invalid_handle);
    if (!req.size) {
        if (!(access & (access::section_query | access::section_map_read | access::section_map_write |
                        access::section_map_execute)))
            return reply.fail(status::access_denied);
        return reply.set(extend_section_reply{section->size});
    }
    if (!(access & access::section_extend_size)) return reply.fail(status::access_denied);
    if (!section->file_backed) return reply.fail(status::section_not_extended);
    if (req.size > section->size) {
        if (req.size > kLargestSection) return reply.fail(status::invalid_parameter);
        struct stat st {};
        if (fstat(section->fd, &st) != 0) return reply.fail(status::section_not_extended);
        if (static_cast<uint64_t>(st.st_size) < req.size) {
            // Past its file's end only a writable section goes, taking the file with it.
            bool writable = section->protect & (kPageReadWrite | kPageExecuteReadWrite);
            if (!writable) return reply.fail(status::section_not_extended);
            if (ftruncate(section->fd, static_cast<off_t>(req.size)) != 0) return reply.fail(status::disk_full);
        }
        section->size = req.size;
    }
    reply.set(extend_section_reply{section->size});
}

}  // namespace vine::server
