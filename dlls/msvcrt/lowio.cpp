// Low-level I/O: file descriptors over kernel32 HANDLEs, with msvcrt's text
// mode (LF -> CRLF on write, CRLF -> LF and Ctrl-Z as end of file on read).
#include <cstring>
#include <mutex>

#include "vine/locks.h"
#include "msvcrt_private.h"
#include "vine/kernel32_exports.h"

extern int MSVCRT__fmode;

namespace {
MsvcrtFd fds[MSVCRT_MAX_FILES];
vine::RecursiveMutex fd_lock;

constexpr int kSeekSet = 0, kSeekCur = 1, kSeekEnd = 2;

void describe(MsvcrtFd& fd) {
    DWORD type = GetFileType(fd.handle);
    fd.is_device = type == FILE_TYPE_CHAR;
    fd.is_pipe = type == FILE_TYPE_PIPE;
}

int install(int index, HANDLE handle, int flags) {
    MsvcrtFd& fd = fds[index];
    fd = MsvcrtFd{};
    fd.handle = handle;
    fd.open = true;
    fd.pending = -1;
    if (flags & MSVCRT__O_BINARY) fd.text = false;
    else if (flags & (MSVCRT__O_TEXT | MSVCRT__O_WTEXT | MSVCRT__O_U16TEXT | MSVCRT__O_U8TEXT)) fd.text = true;
    else fd.text = (MSVCRT__fmode & MSVCRT__O_BINARY) == 0;
    fd.append = (flags & MSVCRT__O_APPEND) != 0;
    describe(fd);
    return index;
}

bool bad_fd(int fd) {
    if (fd < 0 || fd >= MSVCRT_MAX_FILES || !fds[fd].open) {
        msvcrt_set_errno(MSVCRT_EBADF);
        *MSVCRT___doserrno() = 0;
        return true;
    }
    return false;
}

bool raw_read(MsvcrtFd& fd, void* buffer, DWORD count, DWORD* got) {
    if (ReadFile(fd.handle, buffer, count, got, nullptr)) return true;
    DWORD error = GetLastError();
    if (error == 109 /* ERROR_BROKEN_PIPE */) {
        *got = 0;
        return true;
    }
    msvcrt_set_errno_from_win32(error);
    return false;
}

bool raw_write(MsvcrtFd& fd, const void* buffer, DWORD count) {
    if (fd.append) {
        LARGE_INTEGER zero{};
        SetFilePointerEx(fd.handle, zero, nullptr, FILE_END);
    }
    const char* p = static_cast<const char*>(buffer);
    while (count) {
        DWORD written = 0;
        if (!WriteFile(fd.handle, p, count, &written, nullptr)) {
            msvcrt_set_errno_from_win32(GetLastError());
            return false;
        }
        if (!written) {
            msvcrt_set_errno(MSVCRT_ENOSPC);
            return false;
        }
        p += written;
        count -= written;
    }
    return true;
}

}  // namespace

MsvcrtFd* msvcrt_fd(int fd) {
    if (fd < 0 || fd >= MSVCRT_MAX_FILES || !fds[fd].open) return nullptr;
    return &fds[fd];
}

void msvcrt_init_lowio() {
    const DWORD which[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
    for (int i = 0; i < 3; ++i) {
        HANDLE h = GetStdHandle(which[i]);
        if (h && h != INVALID_HANDLE_VALUE) install(i, h, MSVCRT__O_TEXT);
    }
}

int msvcrt_alloc_fd(HANDLE handle, int flags) {
    std::lock_guard guard(fd_lock);
    for (int i = 0; i < MSVCRT_MAX_FILES; ++i)
        if (!fds[i].open) return install(i, handle, flags);
    msvcrt_set_errno(MSVCRT_EMFILE);
    return -1;
}

static int open_handle(HANDLE handle, int flags) {
    if (handle == INVALID_HANDLE_VALUE) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    int fd = msvcrt_alloc_fd(handle, flags);
    if (fd < 0) CloseHandle(handle);
    return fd;
}

static void open_parameters(int flags, DWORD* access, DWORD* disposition) {
    switch (flags & 3) {
    case MSVCRT__O_WRONLY: *access = GENERIC_WRITE; break;
    case MSVCRT__O_RDWR: *access = GENERIC_READ | GENERIC_WRITE; break;
    default: *access = GENERIC_READ; break;
    }
    if (flags & MSVCRT__O_CREAT) {
        if (flags & MSVCRT__O_EXCL) *disposition = CREATE_NEW;
        else if (flags & MSVCRT__O_TRUNC) *disposition = CREATE_ALWAYS;
        else *disposition = OPEN_ALWAYS;
    } else {
        *disposition = (flags & MSVCRT__O_TRUNC) ? TRUNCATE_EXISTING : OPEN_EXISTING;
    }
}

namespace {

// _open and _wopen: CreateFile sharing everything, as the CRT does.
template <typename Char>
int open_path(const Char* path, int flags) {
    if (!path) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    DWORD access, disposition;
    open_parameters(flags, &access, &disposition);
    constexpr DWORD share = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
    HANDLE h;
    if constexpr (sizeof(Char) == 1)
        h = CreateFileA(path, access, share, nullptr, disposition, FILE_ATTRIBUTE_NORMAL, nullptr);
    else
        h = CreateFileW(path, access, share, nullptr, disposition, FILE_ATTRIBUTE_NORMAL, nullptr);
    return open_handle(h, flags);
}

}  // namespace

MSVCRT_API int MSVCRT__open(const char* path, int flags, ...) { return open_path(path, flags); }


MSVCRT_API int MSVCRT__wopen(const WCHAR* path, int flags, ...) { return open_path(path, flags); }

MSVCRT_API int MSVCRT__sopen(const char* path, int flags, int, ...) { return MSVCRT__open(path, flags); }
MSVCRT_API int MSVCRT__wsopen(const WCHAR* path, int flags, int, ...) { return MSVCRT__wopen(path, flags); }
MSVCRT_API int MSVCRT__creat(const char* path, int) {
    return MSVCRT__open(path, MSVCRT__O_CREAT | MSVCRT__O_TRUNC | MSVCRT__O_RDWR);
}
MSVCRT_API int MSVCRT__wcreat(const WCHAR* path, int) {
    return MSVCRT__wopen(path, MSVCRT__O_CREAT | MSVCRT__O_TRUNC | MSVCRT__O_RDWR);
}

MSVCRT_API int MSVCRT__close(int fd) {
    std::lock_guard guard(fd_lock);
    if (bad_fd(fd)) return -1;
    MsvcrtFd& f = fds[fd];
    bool ok = true;
    // The standard handles belong to the process: closing fd 0-2 only
    // forgets them, as the std handles stay valid for kernel32.
    if (fd > 2) ok = CloseHandle(f.handle);
    f = MsvcrtFd{};
    if (!ok) {
        msvcrt_set_errno(MSVCRT_EBADF);
        return -1;
    }
    return 0;
}

MSVCRT_API int MSVCRT__read(int fd, void* buffer, unsigned int count) {
    if (bad_fd(fd)) return -1;
    MsvcrtFd& f = fds[fd];
    if (!count) return 0;
    if (!buffer) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    char* out = static_cast<char*>(buffer);
    if (!f.text) {
        unsigned got_total = 0;
        if (f.pending >= 0) {
            *out++ = static_cast<char>(f.pending);
            f.pending = -1;
            --count;
            ++got_total;
            if (!count) return 1;
        }
        DWORD got = 0;
        if (!raw_read(f, out, count, &got)) return got_total ? static_cast<int>(got_total) : -1;
        return static_cast<int>(got_total + got);
    }

    if (f.eof) return 0;
    // Text mode: read raw bytes into the caller's buffer and compact them.
    unsigned filled = 0;
    if (f.pending >= 0) {
        out[filled++] = static_cast<char>(f.pending);
        f.pending = -1;
    }
    DWORD got = 0;
    if (filled < count) {
        if (!raw_read(f, out + filled, count - filled, &got)) return -1;
    }
    unsigned total = filled + got;
    unsigned w = 0;
    for (unsigned r = 0; r < total; ++r) {
        char c = out[r];
        if (c == 0x1a) {  // Ctrl-Z ends the file in text mode
            f.eof = true;
            if (!f.is_device && !f.is_pipe) {
                // Leave the file positioned at the Ctrl-Z.
                LARGE_INTEGER back;
                back.QuadPart = -static_cast<LONGLONG>(total - r);
                SetFilePointerEx(f.handle, back, nullptr, FILE_CURRENT);
            }
            break;
        }
        if (c != '\r') {
            out[w++] = c;
            continue;
        }
        if (r + 1 < total) {
            if (out[r + 1] == '\n') {
                out[w++] = '\n';
                ++r;
            } else {
                out[w++] = '\r';
            }
            continue;
        }
        // A CR at the end of the buffer: peek at the next byte.
        char next = 0;
        DWORD one = 0;
        if (!raw_read(f, &next, 1, &one) || one == 0) {
            out[w++] = '\r';
        } else if (next == '\n') {
            out[w++] = '\n';
        } else {
            out[w++] = '\r';
            if (!f.is_device && !f.is_pipe) {
                LARGE_INTEGER back;
                back.QuadPart = -1;
                SetFilePointerEx(f.handle, back, nullptr, FILE_CURRENT);
            } else {
                f.pending = static_cast<unsigned char>(next);
            }
        }
    }
    return static_cast<int>(w);
}

MSVCRT_API int MSVCRT__write(int fd, const void* buffer, unsigned int count) {
    if (bad_fd(fd)) return -1;
    MsvcrtFd& f = fds[fd];
    if (!count) return 0;
    if (!buffer) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    if (!f.text) return raw_write(f, buffer, count) ? static_cast<int>(count) : -1;

    const char* in = static_cast<const char*>(buffer);
    char chunk[1024];
    unsigned used = 0;
    for (unsigned i = 0; i < count; ++i) {
        if (in[i] == '\n') chunk[used++] = '\r';
        chunk[used++] = in[i];
        if (used >= sizeof(chunk) - 2) {
            if (!raw_write(f, chunk, used)) return -1;
            used = 0;
        }
    }
    if (used && !raw_write(f, chunk, used)) return -1;
    return static_cast<int>(count);
}

MSVCRT_API int64_t MSVCRT__lseeki64(int fd, int64_t offset, int whence) {
    if (bad_fd(fd)) return -1;
    MsvcrtFd& f = fds[fd];
    if (whence < kSeekSet || whence > kSeekEnd) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    if (f.is_device || f.is_pipe) {
        msvcrt_set_errno(MSVCRT_ESPIPE);
        return -1;
    }
    LARGE_INTEGER distance, position;
    distance.QuadPart = offset;
    DWORD method = whence == kSeekSet ? FILE_BEGIN : whence == kSeekCur ? FILE_CURRENT : FILE_END;
    if (whence == kSeekCur && f.pending >= 0) distance.QuadPart -= 1;
    if (!SetFilePointerEx(f.handle, distance, &position, method)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    f.pending = -1;
    f.eof = false;
    return position.QuadPart;
}

MSVCRT_API int32_t MSVCRT__lseek(int fd, int32_t offset, int whence) {
    int64_t r = MSVCRT__lseeki64(fd, offset, whence);
    if (r > 0x7fffffff) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    return static_cast<int32_t>(r);
}

MSVCRT_API int64_t MSVCRT__telli64(int fd) { return MSVCRT__lseeki64(fd, 0, kSeekCur); }
MSVCRT_API int32_t MSVCRT__tell(int fd) { return MSVCRT__lseek(fd, 0, kSeekCur); }

MSVCRT_API int64_t MSVCRT__filelengthi64(int fd) {
    if (bad_fd(fd)) return -1;
    LARGE_INTEGER size;
    if (!GetFileSizeEx(fds[fd].handle, &size)) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    return size.QuadPart;
}
MSVCRT_API int32_t MSVCRT__filelength(int fd) { return static_cast<int32_t>(MSVCRT__filelengthi64(fd)); }

MSVCRT_API int MSVCRT__eof(int fd) {
    if (bad_fd(fd)) return -1;
    if (fds[fd].eof) return 1;
    int64_t here = MSVCRT__lseeki64(fd, 0, kSeekCur);
    int64_t size = MSVCRT__filelengthi64(fd);
    if (here < 0 || size < 0) return -1;
    return here >= size ? 1 : 0;
}

MSVCRT_API int MSVCRT__isatty(int fd) {
    MsvcrtFd* f = msvcrt_fd(fd);
    return f && f->is_device ? 0x40 : 0;
}

MSVCRT_API int MSVCRT__setmode(int fd, int mode) {
    if (bad_fd(fd)) return -1;
    MsvcrtFd& f = fds[fd];
    int old = f.text ? MSVCRT__O_TEXT : MSVCRT__O_BINARY;
    if (mode & MSVCRT__O_BINARY) f.text = false;
    else if (mode & (MSVCRT__O_TEXT | MSVCRT__O_WTEXT | MSVCRT__O_U16TEXT | MSVCRT__O_U8TEXT)) f.text = true;
    else {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    return old;
}

MSVCRT_API intptr_t MSVCRT__get_osfhandle(int fd) {
    if (bad_fd(fd)) return -1;
    return reinterpret_cast<intptr_t>(fds[fd].handle);
}

MSVCRT_API int MSVCRT__open_osfhandle(intptr_t handle, int flags) {
    return msvcrt_alloc_fd(reinterpret_cast<HANDLE>(handle), flags);
}

MSVCRT_API int MSVCRT__dup2(int from, int to) {
    std::lock_guard guard(fd_lock);
    if (bad_fd(from) || to < 0 || to >= MSVCRT_MAX_FILES) {
        msvcrt_set_errno(MSVCRT_EBADF);
        return -1;
    }
    if (from == to) return 0;
    if (fds[to].open) MSVCRT__close(to);
    // Without DuplicateHandle both fds share the HANDLE; only fds above 2
    // close it, so the last one closed must not close it twice.
    fds[to] = fds[from];
    if (to <= 2) {
        const DWORD which[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
        SetStdHandle(which[to], fds[to].handle);
    }
    return 0;
}

MSVCRT_API int MSVCRT__dup(int fd) {
    std::lock_guard guard(fd_lock);
    if (bad_fd(fd)) return -1;
    for (int i = 0; i < MSVCRT_MAX_FILES; ++i) {
        if (!fds[i].open) {
            fds[i] = fds[fd];
            return i;
        }
    }
    msvcrt_set_errno(MSVCRT_EMFILE);
    return -1;
}

MSVCRT_API int MSVCRT__commit(int fd) {
    if (bad_fd(fd)) return -1;
    if (!FlushFileBuffers(fds[fd].handle) && !fds[fd].is_device) {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    return 0;
}

// struct _stat64 (56 bytes) and struct _stat64i32 (what _fstat fills on x64,
// 48 bytes).
struct MsvcrtStat64 {
    uint32_t st_dev;
    uint16_t st_ino;
    uint16_t st_mode;
    int16_t st_nlink, st_uid, st_gid;
    uint32_t st_rdev;
    int64_t st_size;
    int64_t st_atime_, st_mtime_, st_ctime_;
};
static_assert(sizeof(MsvcrtStat64) == 56);
struct MsvcrtStat64i32 {
    uint32_t st_dev;
    uint16_t st_ino;
    uint16_t st_mode;
    int16_t st_nlink, st_uid, st_gid;
    uint32_t st_rdev;
    int32_t st_size;
    int64_t st_atime_, st_mtime_, st_ctime_;
};
static_assert(sizeof(MsvcrtStat64i32) == 48);

MSVCRT_API int MSVCRT__fstat64(int fd, MsvcrtStat64* st) {
    if (bad_fd(fd)) return -1;
    if (!st) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    std::memset(st, 0, sizeof(*st));
    MsvcrtFd& f = fds[fd];
    st->st_nlink = 1;
    if (f.is_device) {
        st->st_mode = 0x2000 | 0x1b6;  // _S_IFCHR
        st->st_dev = st->st_rdev = static_cast<uint32_t>(fd);
    } else if (f.is_pipe) {
        st->st_mode = 0x1000 | 0x1b6;  // _S_IFIFO
        st->st_dev = st->st_rdev = static_cast<uint32_t>(fd);
    } else {
        st->st_mode = 0x8000 | 0x100 | 0x80 | 0x10 | 0x08 | 0x02;  // _S_IFREG, rw for all three classes
        LARGE_INTEGER size;
        if (GetFileSizeEx(f.handle, &size)) st->st_size = size.QuadPart;
        FILETIME now;
        GetSystemTimeAsFileTime(&now);
        int64_t t = static_cast<int64_t>((static_cast<uint64_t>(now.dwHighDateTime) << 32 | now.dwLowDateTime) /
                                         10000000ULL) - 11644473600LL;
        st->st_atime_ = st->st_mtime_ = st->st_ctime_ = t;  // file times are not read yet
    }
    return 0;
}

MSVCRT_API int MSVCRT__fstat64i32(int fd, MsvcrtStat64i32* st) {
    MsvcrtStat64 full;
    if (MSVCRT__fstat64(fd, &full)) return -1;
    st->st_dev = full.st_dev;
    st->st_ino = full.st_ino;
    st->st_mode = full.st_mode;
    st->st_nlink = full.st_nlink;
    st->st_uid = full.st_uid;
    st->st_gid = full.st_gid;
    st->st_rdev = full.st_rdev;
    st->st_size = static_cast<int32_t>(full.st_size);
    st->st_atime_ = full.st_atime_;
    st->st_mtime_ = full.st_mtime_;
    st->st_ctime_ = full.st_ctime_;
    return 0;
}

MSVCRT_API int MSVCRT__unlink(const char* path) {
    if (!path) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    int n = MultiByteToWideChar(CP_ACP, 0, path, -1, nullptr, 0);
    if (n <= 0) {
        msvcrt_set_errno(MSVCRT_ENOENT);
        return -1;
    }
    WCHAR* wide = static_cast<WCHAR*>(MSVCRT_malloc(static_cast<size_t>(n) * sizeof(WCHAR)));
    MultiByteToWideChar(CP_ACP, 0, path, -1, wide, n);
    BOOL ok = DeleteFileW(wide);
    DWORD error = GetLastError();
    MSVCRT_free(wide);
    if (!ok) {
        msvcrt_set_errno_from_win32(error);
        return -1;
    }
    return 0;
}

MSVCRT_API int MSVCRT__wunlink(const WCHAR* path) {
    if (!path || !DeleteFileW(path)) {
        msvcrt_set_errno_from_win32(path ? GetLastError() : 87);
        return -1;
    }
    return 0;
}

MSVCRT_API int MSVCRT_remove(const char* path) { return MSVCRT__unlink(path); }
MSVCRT_API int MSVCRT__wremove(const WCHAR* path) { return MSVCRT__wunlink(path); }

MSVCRT_API int MSVCRT__umask(int mode) {
    static int current;
    int old = current;
    current = mode;
    return old;
}

namespace {

WCHAR* widen_path(const char* path) {
    int n = MultiByteToWideChar(CP_ACP, 0, path, -1, nullptr, 0);
    if (n <= 0) return nullptr;
    WCHAR* wide = static_cast<WCHAR*>(MSVCRT_malloc(static_cast<size_t>(n) * sizeof(WCHAR)));
    MultiByteToWideChar(CP_ACP, 0, path, -1, wide, n);
    return wide;
}

bool has_exec_extension(const WCHAR* path) {
    size_t n = msvcrt_wcslen(path);
    if (n < 4 || path[n - 4] != '.') return false;
    char ext[4];
    for (int i = 0; i < 3; ++i) {
        WCHAR c = path[n - 3 + i];
        ext[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    ext[3] = 0;
    return !std::strcmp(ext, "exe") || !std::strcmp(ext, "com") || !std::strcmp(ext, "bat") ||
           !std::strcmp(ext, "cmd");
}

}  // namespace

// _stat: mode from the attributes (read-only, directory, executable
// extension), each permission repeated for group and others as msvcrt does.
MSVCRT_API int MSVCRT__wstat64(const WCHAR* path, MsvcrtStat64* st) {
    if (!path || !st) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    DWORD attributes = GetFileAttributesW(path);
    if (attributes == 0xffffffff) {
        msvcrt_set_errno_from_win32(GetLastError());
        if (*MSVCRT__errno() == MSVCRT_EINVAL) msvcrt_set_errno(MSVCRT_ENOENT);
        return -1;
    }
    std::memset(st, 0, sizeof(*st));
    unsigned mode = 0x100;  // _S_IREAD
    if (!(attributes & 1)) mode |= 0x80;  // not FILE_ATTRIBUTE_READONLY: _S_IWRITE
    if (attributes & 0x10) {
        mode |= 0x4000 | 0x40;  // _S_IFDIR, _S_IEXEC
    } else {
        mode |= 0x8000;
        if (has_exec_extension(path)) mode |= 0x40;
        HANDLE h = CreateFileW(path, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                               OPEN_EXISTING, 0, nullptr);
        if (h != INVALID_HANDLE_VALUE) {
            LARGE_INTEGER size;
            if (GetFileSizeEx(h, &size)) st->st_size = size.QuadPart;
            CloseHandle(h);
        }
    }
    mode |= (mode & 0x1c0) >> 3 | (mode & 0x1c0) >> 6;
    st->st_mode = static_cast<uint16_t>(mode);
    st->st_nlink = 1;
    // The drive number: 0 for A:, 2 for C:.
    WCHAR d = path[0];
    if (path[0] && path[1] == ':') st->st_dev = st->st_rdev = static_cast<uint32_t>((d | 0x20) - 'a');
    else st->st_dev = st->st_rdev = 2;
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    int64_t t = static_cast<int64_t>((static_cast<uint64_t>(now.dwHighDateTime) << 32 | now.dwLowDateTime) /
                                     10000000ULL) - 11644473600LL;
    st->st_atime_ = st->st_mtime_ = st->st_ctime_ = t;  // file times are not read yet
    return 0;
}

MSVCRT_API int MSVCRT__stat64(const char* path, MsvcrtStat64* st) {
    if (!path) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    WCHAR* wide = widen_path(path);
    int r = MSVCRT__wstat64(wide, st);
    MSVCRT_free(wide);
    return r;
}

static void narrow_stat(const MsvcrtStat64& full, MsvcrtStat64i32* st) {
    st->st_dev = full.st_dev;
    st->st_ino = full.st_ino;
    st->st_mode = full.st_mode;
    st->st_nlink = full.st_nlink;
    st->st_uid = full.st_uid;
    st->st_gid = full.st_gid;
    st->st_rdev = full.st_rdev;
    st->st_size = static_cast<int32_t>(full.st_size);
    st->st_atime_ = full.st_atime_;
    st->st_mtime_ = full.st_mtime_;
    st->st_ctime_ = full.st_ctime_;
}

MSVCRT_API int MSVCRT__stat64i32(const char* path, MsvcrtStat64i32* st) {
    MsvcrtStat64 full;
    if (MSVCRT__stat64(path, &full)) return -1;
    narrow_stat(full, st);
    return 0;
}

MSVCRT_API int MSVCRT__wstat64i32(const WCHAR* path, MsvcrtStat64i32* st) {
    MsvcrtStat64 full;
    if (MSVCRT__wstat64(path, &full)) return -1;
    narrow_stat(full, st);
    return 0;
}

MSVCRT_API int MSVCRT__wrename(const WCHAR* from, const WCHAR* to) {
    if (!from || !to || !MoveFileExW(from, to, 2 /* MOVEFILE_COPY_ALLOWED */)) {
        msvcrt_set_errno_from_win32(from && to ? GetLastError() : 87);
        return -1;
    }
    return 0;
}

MSVCRT_API int MSVCRT_rename(const char* from, const char* to) {
    if (!from || !to) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    WCHAR* wide_from = widen_path(from);
    WCHAR* wide_to = widen_path(to);
    int r = MSVCRT__wrename(wide_from, wide_to);
    MSVCRT_free(wide_from);
    MSVCRT_free(wide_to);
    return r;
}
