// Files and pipes: the server keeps a descriptor per object (for inheritance
// and duplication into other processes) and the share modes of every open
// regular file and directory, so a second open that conflicts gets
// ERROR_SHARING_VIOLATION whichever process made the first (a directory's
// rights have the same bits: FILE_LIST_DIRECTORY is FILE_READ_DATA,
// FILE_ADD_FILE FILE_WRITE_DATA, FILE_ADD_SUBDIRECTORY FILE_APPEND_DATA,
// FILE_TRAVERSE FILE_EXECUTE, and Windows checks them alike).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <map>
#include <string>

#include "server.h"

namespace vine::server {

using namespace protocol;

int fcntl_dup(int fd) { return fcntl(fd, F_DUPFD_CLOEXEC, 0); }

namespace {

constexpr uint32_t FILE_SHARE_READ = 1, FILE_SHARE_WRITE = 2, FILE_SHARE_DELETE = 4;
constexpr uint32_t FILE_READ_DATA = 1, FILE_WRITE_DATA = 2, FILE_APPEND_DATA = 4, FILE_EXECUTE = 0x20;
constexpr uint32_t DELETE = 0x10000;

struct Uses {
    bool read, write, remove;
};

Uses uses_of(uint32_t access) {
    bool all = access & access::generic_all;
    return Uses{all || (access & (access::generic_read | access::generic_execute | FILE_READ_DATA | FILE_EXECUTE)),
                all || (access & (access::generic_write | FILE_WRITE_DATA | FILE_APPEND_DATA)),
                all || (access & DELETE)};
}

// Each open of a regular file or directory by (device, inode).
std::multimap<std::pair<uint64_t, uint64_t>, std::weak_ptr<FileObject>> g_open_files;

bool conflicts(const FileObject& existing, uint32_t access, uint32_t sharing) {
    Uses mine = uses_of(access), theirs = uses_of(existing.access);
    if ((mine.read && !(existing.sharing & FILE_SHARE_READ)) || (mine.write && !(existing.sharing & FILE_SHARE_WRITE)) ||
        (mine.remove && !(existing.sharing & FILE_SHARE_DELETE)))
        return true;
    return (theirs.read && !(sharing & FILE_SHARE_READ)) || (theirs.write && !(sharing & FILE_SHARE_WRITE)) ||
           (theirs.remove && !(sharing & FILE_SHARE_DELETE));
}

// Whether a new open of the file (device, inode) with `access` and
// `sharing` may join the opens already there: 0, or the status refusing it.
// `first`, when given, receives one of those opens (null for none).
uint32_t check_opens(uint64_t device, uint64_t inode, uint32_t access, uint32_t sharing,
                     std::shared_ptr<FileObject>* first = nullptr) {
    auto [begin, end] = g_open_files.equal_range(std::make_pair(device, inode));
    for (auto it = begin; it != end;) {
        auto existing = it->second.lock();
        if (!existing) {
            it = g_open_files.erase(it);
            continue;
        }
        // A file whose delete is pending opens no more (POSIX deletes
        // have removed the name already).
        if (existing->delete_pending && !existing->delete_posix) return status::delete_pending;
        if (conflicts(*existing, access, sharing)) return status::sharing_violation;
        if (first && !*first) *first = existing;
        ++it;
    }
    return 0;
}

// An image section locks its file (see the IFS documentation of executable
// images): an open for FILE_WRITE_DATA is a sharing violation whatever the
// share mode, and deleting (on close, by disposition or by name) is
// STATUS_CANNOT_DELETE. 0 when neither applies.
uint32_t check_image_lock(uint64_t device, uint64_t inode, uint32_t access, bool deleting) {
    bool writing = access & (access::generic_write | access::generic_all | FILE_WRITE_DATA);
    if ((!writing && !deleting) || !file_has_image_section(device, inode)) return 0;
    return deleting ? status::cannot_delete : status::sharing_violation;
}

// Removes `path` when it still names the file (device, inode) (either 0:
// whatever it names): the name may have been reused. An errno, or 0.
int remove_name(const std::string& path, uint64_t device, uint64_t inode) {
    struct stat st {};
    if (lstat(path.c_str(), &st) != 0) return errno;
    if ((device || inode) && (st.st_dev != device || st.st_ino != inode)) return 0;
    int result = S_ISDIR(st.st_mode) ? rmdir(path.c_str()) : unlink(path.c_str());
    return result == 0 ? 0 : errno;
}

}  // namespace

void forget_open_file(const FileObject& file) {
    auto [first, last] = g_open_files.equal_range(std::make_pair(file.device, file.inode));
    for (auto it = first; it != last;) {
        // Its own entry, and any left by objects already gone.
        auto existing = it->second.lock();
        if (!existing || existing.get() == &file)
            it = g_open_files.erase(it);
        else
            ++it;
    }
}

void handle_create_file(Request& request, Reply& reply) {
    auto req = request.get<create_file_request>();
    if (req.flags & file_check_only) {
        if (!request.fds.empty()) return reply.fail(status::invalid_parameter);
        if (req.device || req.inode) {
            if (uint32_t error = check_opens(req.device, req.inode, req.access, req.sharing)) return reply.fail(error);
        }
        return reply.set(create_file_reply{0});
    }
    if (request.fds.size() != 1) return reply.fail(status::invalid_parameter);
    bool regular = !(req.flags & (file_is_pipe | file_is_console)) && (req.device || req.inode);
    if (regular) {
        if (uint32_t error = check_opens(req.device, req.inode, req.access, req.sharing)) return reply.fail(error);
        if (uint32_t error = check_image_lock(req.device, req.inode, req.access, req.flags & file_delete_on_close))
            return reply.fail(error);
    }
    auto file = std::make_shared<FileObject>();
    file->fd = request.fds[0];
    request.fds.clear();  // the object owns it now
    file->access = req.access;
    file->sharing = req.sharing;
    file->flags = req.flags;
    file->device = req.device;
    file->inode = req.inode;
    // A path is kept only for deleting the file later; a client naming one
    // it did not open can only delete what it could delete itself.
    if (request.view.var_size > 0 && request.view.var_size < 4096)
        file->path.assign(reinterpret_cast<const char*>(request.view.var), request.view.var_size);
    file->delete_on_close = (req.flags & file_delete_on_close) && !file->path.empty();
    HandleEntry entry;
    entry.object = file;
    entry.access = req.access;
    entry.inherit = req.inherit != 0;
    uint64_t handle = request.client.process->handles.insert(std::move(entry));
    if (!handle) return reply.fail(status::not_enough_memory);
    if (regular) g_open_files.emplace(std::make_pair(req.device, req.inode), file);
    reply.set(create_file_reply{handle});
}

void delete_closed_file(FileObject& file) {
    if (file.path.empty()) return;
    if (!file.delete_posix && (file.device || file.inode)) {
        // Other opens of the same file keep it: the last one deletes it.
        auto [first, last] = g_open_files.equal_range(std::make_pair(file.device, file.inode));
        for (auto it = first; it != last; ++it) {
            auto other = it->second.lock();
            if (!other || other.get() == &file) continue;
            other->delete_pending = true;
            if (other->path.empty()) other->path = file.path;
            return;
        }
    }
    remove_name(file.path, file.device, file.inode);
}

void handle_set_file_disposition(Request& request, Reply& reply) {
    auto req = request.get<set_file_disposition_request>();
    auto file = resolve_as<FileObject>(*request.client.process, req.handle, ObjectType::file);
    if (!file) return reply.fail(status::invalid_handle);
    if (file->path.empty() || req.mode > disposition_delete_posix) return reply.fail(status::invalid_parameter);
    if (req.mode != disposition_keep && check_image_lock(file->device, file->inode, 0, true))
        return reply.fail(status::cannot_delete);
    file->delete_pending = req.mode != disposition_keep;
    file->delete_posix = req.mode == disposition_delete_posix;
    // Clearing the disposition also cancels FILE_DELETE_ON_CLOSE, as on Windows.
    if (!file->delete_pending) file->delete_on_close = false;
    reply.set(set_file_disposition_reply{file->delete_pending ? 1u : 0u, 0});
}

void handle_set_file_path(Request& request, Reply& reply) {
    auto req = request.get<set_file_path_request>();
    auto file = resolve_as<FileObject>(*request.client.process, req.handle, ObjectType::file);
    if (!file) return reply.fail(status::invalid_handle);
    if (request.view.var_size == 0 || request.view.var_size >= 4096) return reply.fail(status::invalid_parameter);
    file->path.assign(reinterpret_cast<const char*>(request.view.var), request.view.var_size);
    reply.set(set_file_path_reply{});
}

void handle_delete_file(Request& request, Reply& reply) {
    auto req = request.get<delete_file_request>();
    if (request.view.var_size == 0 || request.view.var_size >= 4096) return reply.fail(status::invalid_parameter);
    std::string path(reinterpret_cast<const char*>(request.view.var), request.view.var_size);
    // The checks an open for DELETE sharing everything meets.
    std::shared_ptr<FileObject> keeper;
    if ((req.device || req.inode) && check_image_lock(req.device, req.inode, 0, true))
        return reply.fail(status::cannot_delete);
    if (req.device || req.inode) {
        if (uint32_t error = check_opens(req.device, req.inode, DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                         &keeper))
            return reply.fail(error);
    }
    // Its close would leave the delete to the opens still there.
    if (keeper) {
        keeper->delete_pending = true;
        if (keeper->path.empty()) keeper->path = path;
        return reply.set(delete_file_reply{0, 1});
    }
    reply.set(delete_file_reply{static_cast<uint32_t>(remove_name(path, req.device, req.inode)), 0});
}

}  // namespace vine::server
