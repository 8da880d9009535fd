// Buffered streams: msvcrt's FILE (_iobuf), _iob, fopen ... fclose.
#include <cstring>
#include <mutex>

#include "vine/locks.h"
#include "msvcrt_private.h"
#include "vine/kernel32_exports.h"

extern int MSVCRT__fmode;

MSVCRT_DATA MSVCRT_FILE MSVCRT__iob[20];

namespace {
constexpr int kMaxStreams = 512;
MSVCRT_FILE* extra_streams[kMaxStreams];  // entries past _iob
vine::RecursiveMutex stream_lock;

bool is_std_console(MSVCRT_FILE* f) {
    MsvcrtFd* fd = msvcrt_fd(f->_file);
    return (f == MSVCRT_stdout || f == MSVCRT_stderr) && fd && fd->is_device;
}

// Gives the stream its buffer, or the one-byte _charbuf when unbuffered.
void ensure_buffer(MSVCRT_FILE* f) {
    if (f->_base) return;
    if (!(f->_flag & MSVCRT__IONBF) && !is_std_console(f)) {
        f->_base = static_cast<char*>(MSVCRT_malloc(MSVCRT_INTERNAL_BUFSIZ));
        if (f->_base) {
            f->_flag |= MSVCRT__IOMYBUF;
            f->_bufsiz = MSVCRT_INTERNAL_BUFSIZ;
        }
    }
    if (!f->_base) {
        f->_flag |= MSVCRT__IONBF;
        f->_base = reinterpret_cast<char*>(&f->_charbuf);
        f->_bufsiz = 1;
    }
    f->_ptr = f->_base;
    f->_cnt = 0;
}

bool unbuffered(MSVCRT_FILE* f) { return (f->_flag & MSVCRT__IONBF) || is_std_console(f); }

// Writes out pending output; the stream stays in write mode.
int flush_output(MSVCRT_FILE* f) {
    if (!(f->_flag & MSVCRT__IOWRT) || !f->_base || (f->_flag & MSVCRT__IOSTRG)) return 0;
    int pending = static_cast<int>(f->_ptr - f->_base);
    f->_ptr = f->_base;
    f->_cnt = 0;
    if (pending > 0 && MSVCRT__write(f->_file, f->_base, static_cast<unsigned>(pending)) != pending) {
        f->_flag |= MSVCRT__IOERR;
        return MSVCRT_EOF;
    }
    return 0;
}

// Puts a read/write stream in write mode; false when it cannot write.
bool begin_write(MSVCRT_FILE* f) {
    if (f->_flag & MSVCRT__IOWRT) return true;
    if (!(f->_flag & MSVCRT__IORW)) {
        f->_flag |= MSVCRT__IOERR;
        return false;
    }
    if (f->_flag & MSVCRT__IOREAD) {
        // Drop read-ahead data and put the file position where the reader was.
        if (f->_cnt > 0) MSVCRT__lseeki64(f->_file, -f->_cnt, 1);
        f->_flag &= ~(MSVCRT__IOREAD | MSVCRT__IOEOF);
    }
    f->_flag |= MSVCRT__IOWRT;
    ensure_buffer(f);
    f->_ptr = f->_base;
    f->_cnt = 0;
    return true;
}

bool begin_read(MSVCRT_FILE* f) {
    if (f->_flag & MSVCRT__IOREAD) return true;
    if (!(f->_flag & MSVCRT__IORW)) {
        f->_flag |= MSVCRT__IOERR;
        return false;
    }
    if (f->_flag & MSVCRT__IOWRT) {
        flush_output(f);
        f->_flag &= ~MSVCRT__IOWRT;
    }
    f->_flag |= MSVCRT__IOREAD;
    ensure_buffer(f);
    f->_ptr = f->_base;
    f->_cnt = 0;
    return true;
}

// Refills the buffer; returns the next byte or EOF.
int fill(MSVCRT_FILE* f) {
    if (f->_flag & MSVCRT__IOSTRG) {
        f->_flag |= MSVCRT__IOEOF;
        return MSVCRT_EOF;
    }
    if (!begin_read(f)) return MSVCRT_EOF;
    ensure_buffer(f);
    // Reading stdin flushes stdout first, as msvcrt does for the console.
    if (f == MSVCRT_stdin) MSVCRT_fflush(MSVCRT_stdout);
    int got = MSVCRT__read(f->_file, f->_base, static_cast<unsigned>(f->_bufsiz));
    if (got <= 0) {
        f->_flag |= got == 0 ? MSVCRT__IOEOF : MSVCRT__IOERR;
        f->_cnt = 0;
        return MSVCRT_EOF;
    }
    f->_ptr = f->_base;
    f->_cnt = got - 1;
    return static_cast<unsigned char>(*f->_ptr++);
}

MSVCRT_FILE* alloc_stream() {
    std::lock_guard guard(stream_lock);
    for (int i = 3; i < 20; ++i)
        if (!MSVCRT__iob[i]._flag) return &MSVCRT__iob[i];
    for (int i = 0; i < kMaxStreams; ++i) {
        if (!extra_streams[i]) {
            extra_streams[i] = static_cast<MSVCRT_FILE*>(MSVCRT_calloc(1, sizeof(MSVCRT_FILE)));
            if (!extra_streams[i]) return nullptr;
        }
        if (!extra_streams[i]->_flag) return extra_streams[i];
    }
    msvcrt_set_errno(MSVCRT_EMFILE);
    return nullptr;
}

void init_stream(MSVCRT_FILE* f, int fd, int flag) {
    std::memset(f, 0, sizeof(*f));
    f->_file = fd;
    f->_flag = flag;
}

// Parses an fopen mode into stream flags and _open flags.
bool parse_mode(const char* mode, int* stream_flags, int* open_flags) {
    while (*mode == ' ') ++mode;
    switch (*mode++) {
    case 'r': *stream_flags = MSVCRT__IOREAD; *open_flags = MSVCRT__O_RDONLY; break;
    case 'w': *stream_flags = MSVCRT__IOWRT; *open_flags = MSVCRT__O_WRONLY | MSVCRT__O_CREAT | MSVCRT__O_TRUNC; break;
    case 'a': *stream_flags = MSVCRT__IOWRT; *open_flags = MSVCRT__O_WRONLY | MSVCRT__O_CREAT | MSVCRT__O_APPEND; break;
    default: return false;
    }
    for (; *mode; ++mode) {
        switch (*mode) {
        case '+':
            *stream_flags = MSVCRT__IORW;
            *open_flags = (*open_flags & ~3) | MSVCRT__O_RDWR;
            break;
        case 'b': *open_flags = (*open_flags & ~MSVCRT__O_TEXT) | MSVCRT__O_BINARY; break;
        case 't': *open_flags = (*open_flags & ~MSVCRT__O_BINARY) | MSVCRT__O_TEXT; break;
        case 'c': *stream_flags |= MSVCRT__IOCOMMIT; break;
        case 'n': case 'S': case 'R': case 'T': case 'D': case ' ': break;
        case ',':
            // ", ccs=UTF-8" and friends: the encoding is not applied yet.
            return true;
        default: return false;
        }
    }
    return true;
}

MSVCRT_FILE* open_stream(int fd, int stream_flags) {
    if (fd < 0) return nullptr;
    MSVCRT_FILE* f = alloc_stream();
    if (!f) {
        MSVCRT__close(fd);
        return nullptr;
    }
    init_stream(f, fd, stream_flags);
    return f;
}

}  // namespace

void msvcrt_init_stdio() {
    msvcrt_init_lowio();
    init_stream(MSVCRT_stdin, 0, MSVCRT__IOREAD);
    init_stream(MSVCRT_stdout, 1, MSVCRT__IOWRT);
    init_stream(MSVCRT_stderr, 2, MSVCRT__IOWRT | MSVCRT__IONBF);
}

MSVCRT_API MSVCRT_FILE* MSVCRT___iob_func() { return MSVCRT__iob; }

MSVCRT_API MSVCRT_FILE* MSVCRT__fsopen(const char* path, const char* mode, int) {
    int stream_flags, open_flags;
    if (!path || !mode || !parse_mode(mode, &stream_flags, &open_flags)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return nullptr;
    }
    return open_stream(MSVCRT__open(path, open_flags, 0666), stream_flags);
}

MSVCRT_API MSVCRT_FILE* MSVCRT_fopen(const char* path, const char* mode) { return MSVCRT__fsopen(path, mode, 0); }

MSVCRT_API MSVCRT_FILE* MSVCRT__wfsopen(const WCHAR* path, const WCHAR* mode, int) {
    char narrow_mode[32];
    size_t i = 0;
    if (!path || !mode) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return nullptr;
    }
    for (; mode[i] && i < sizeof(narrow_mode) - 1; ++i) narrow_mode[i] = static_cast<char>(mode[i]);
    narrow_mode[i] = 0;
    int stream_flags, open_flags;
    if (!parse_mode(narrow_mode, &stream_flags, &open_flags)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return nullptr;
    }
    return open_stream(MSVCRT__wopen(path, open_flags, 0666), stream_flags);
}

MSVCRT_API MSVCRT_FILE* MSVCRT__wfopen(const WCHAR* path, const WCHAR* mode) { return MSVCRT__wfsopen(path, mode, 0); }

MSVCRT_API int MSVCRT_fopen_s(MSVCRT_FILE** out, const char* path, const char* mode) {
    if (!out) return MSVCRT_EINVAL;
    *out = MSVCRT_fopen(path, mode);
    return *out ? 0 : *MSVCRT__errno();
}

MSVCRT_API int MSVCRT__wfopen_s(MSVCRT_FILE** out, const WCHAR* path, const WCHAR* mode) {
    if (!out) return MSVCRT_EINVAL;
    *out = MSVCRT__wfopen(path, mode);
    return *out ? 0 : *MSVCRT__errno();
}

MSVCRT_API MSVCRT_FILE* MSVCRT__fdopen(int fd, const char* mode) {
    int stream_flags, open_flags;
    if (!mode || !parse_mode(mode, &stream_flags, &open_flags) || !msvcrt_fd(fd)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return nullptr;
    }
    MSVCRT_FILE* f = alloc_stream();
    if (!f) return nullptr;
    init_stream(f, fd, stream_flags);
    return f;
}

MSVCRT_API MSVCRT_FILE* MSVCRT__wfdopen(int fd, const WCHAR* mode) {
    char narrow_mode[32];
    size_t i = 0;
    for (; mode && mode[i] && i < sizeof(narrow_mode) - 1; ++i) narrow_mode[i] = static_cast<char>(mode[i]);
    narrow_mode[i] = 0;
    return MSVCRT__fdopen(fd, narrow_mode);
}

MSVCRT_API int MSVCRT_fflush(MSVCRT_FILE* f) {
    if (!f) return MSVCRT__flushall() >= 0 ? 0 : MSVCRT_EOF;
    std::lock_guard guard(stream_lock);
    int r = flush_output(f);
    if (r == 0 && (f->_flag & MSVCRT__IOCOMMIT)) MSVCRT__commit(f->_file);
    if ((f->_flag & MSVCRT__IORW) && (f->_flag & MSVCRT__IOWRT)) f->_flag &= ~MSVCRT__IOWRT;
    return r;
}

static int close_stream(MSVCRT_FILE* f) {
    int r = 0;
    if (f->_flag & (MSVCRT__IOREAD | MSVCRT__IOWRT | MSVCRT__IORW)) {
        r = flush_output(f);
        if (f->_flag & MSVCRT__IOMYBUF) MSVCRT_free(f->_base);
        if (MSVCRT__close(f->_file) < 0) r = MSVCRT_EOF;
        if (f->_tmpfname) {
            MSVCRT__unlink(f->_tmpfname);
            MSVCRT_free(f->_tmpfname);
        }
    } else {
        r = MSVCRT_EOF;
    }
    std::memset(f, 0, sizeof(*f));
    return r;
}

MSVCRT_API int MSVCRT_fclose(MSVCRT_FILE* f) {
    if (!f) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EOF;
    }
    std::lock_guard guard(stream_lock);
    return close_stream(f);
}

// Calls `action` for every open stream.
template <class Action>
static int for_each_stream(Action action) {
    std::lock_guard guard(stream_lock);
    int count = 0;
    for (auto& f : MSVCRT__iob)
        if (f._flag) count += action(&f);
    for (auto* f : extra_streams)
        if (f && f->_flag) count += action(f);
    return count;
}

MSVCRT_API int MSVCRT__flushall() {
    return for_each_stream([](MSVCRT_FILE* f) {
        if (f->_flag & MSVCRT__IOWRT) flush_output(f);
        return 1;
    });
}

MSVCRT_API int MSVCRT__fcloseall() {
    return for_each_stream([](MSVCRT_FILE* f) {
        if (f < MSVCRT__iob + 3) return 0;
        close_stream(f);
        return 1;
    });
}

MSVCRT_API MSVCRT_FILE* MSVCRT_freopen(const char* path, const char* mode, MSVCRT_FILE* f) {
    if (!f || !path || !mode) return nullptr;
    std::lock_guard guard(stream_lock);
    int stream_flags, open_flags;
    if (!parse_mode(mode, &stream_flags, &open_flags)) return nullptr;
    close_stream(f);
    int fd = MSVCRT__open(path, open_flags, 0666);
    if (fd < 0) return nullptr;
    init_stream(f, fd, stream_flags);
    return f;
}

MSVCRT_API size_t MSVCRT_fwrite(const void* data, size_t size, size_t count, MSVCRT_FILE* f) {
    size_t total = size * count;
    if (!total) return 0;
    std::lock_guard guard(stream_lock);
    if (!begin_write(f)) return 0;
    ensure_buffer(f);
    const char* p = static_cast<const char*>(data);
    size_t left = total;
    if (unbuffered(f)) {
        while (left) {
            unsigned chunk = left > 0x40000000 ? 0x40000000 : static_cast<unsigned>(left);
            if (MSVCRT__write(f->_file, p, chunk) != static_cast<int>(chunk)) {
                f->_flag |= MSVCRT__IOERR;
                return (total - left) / size;
            }
            p += chunk;
            left -= chunk;
        }
        return count;
    }
    while (left) {
        size_t room = static_cast<size_t>(f->_bufsiz) - static_cast<size_t>(f->_ptr - f->_base);
        if (f->_ptr == f->_base && left >= static_cast<size_t>(f->_bufsiz)) {
            // Large writes go straight to the file in whole buffers.
            size_t direct = left - left % static_cast<size_t>(f->_bufsiz);
            if (direct > 0x40000000) direct = 0x40000000;
            if (MSVCRT__write(f->_file, p, static_cast<unsigned>(direct)) != static_cast<int>(direct)) {
                f->_flag |= MSVCRT__IOERR;
                return (total - left) / size;
            }
            p += direct;
            left -= direct;
            continue;
        }
        size_t n = left < room ? left : room;
        std::memcpy(f->_ptr, p, n);
        f->_ptr += n;
        f->_cnt = f->_bufsiz - static_cast<int>(f->_ptr - f->_base);
        p += n;
        left -= n;
        if (f->_ptr - f->_base == f->_bufsiz && flush_output(f)) return (total - left) / size;
    }
    return count;
}

MSVCRT_API int MSVCRT_fputc(int c, MSVCRT_FILE* f) {
    unsigned char byte = static_cast<unsigned char>(c);
    return MSVCRT_fwrite(&byte, 1, 1, f) == 1 ? byte : MSVCRT_EOF;
}
MSVCRT_API int MSVCRT_putc(int c, MSVCRT_FILE* f) { return MSVCRT_fputc(c, f); }
MSVCRT_API int MSVCRT_putchar(int c) { return MSVCRT_fputc(c, MSVCRT_stdout); }
MSVCRT_API int MSVCRT__fputchar(int c) { return MSVCRT_fputc(c, MSVCRT_stdout); }
MSVCRT_API int MSVCRT__flsbuf(int c, MSVCRT_FILE* f) { return MSVCRT_fputc(c, f); }

MSVCRT_API int MSVCRT_fputs(const char* s, MSVCRT_FILE* f) {
    size_t n = std::strlen(s);
    return MSVCRT_fwrite(s, 1, n, f) == n ? 0 : MSVCRT_EOF;
}

MSVCRT_API int MSVCRT_puts(const char* s) {
    std::lock_guard guard(stream_lock);
    size_t n = std::strlen(s);
    if (MSVCRT_fwrite(s, 1, n, MSVCRT_stdout) != n) return MSVCRT_EOF;
    return MSVCRT_fputc('\n', MSVCRT_stdout) == '\n' ? 0 : MSVCRT_EOF;
}

MSVCRT_API int MSVCRT_fgetc(MSVCRT_FILE* f) {
    std::lock_guard guard(stream_lock);
    if (f->_cnt > 0 && (f->_flag & MSVCRT__IOREAD)) {
        --f->_cnt;
        return static_cast<unsigned char>(*f->_ptr++);
    }
    return fill(f);
}
MSVCRT_API int MSVCRT_getc(MSVCRT_FILE* f) { return MSVCRT_fgetc(f); }
MSVCRT_API int MSVCRT_getchar() { return MSVCRT_fgetc(MSVCRT_stdin); }
MSVCRT_API int MSVCRT__fgetchar() { return MSVCRT_fgetc(MSVCRT_stdin); }
MSVCRT_API int MSVCRT__filbuf(MSVCRT_FILE* f) { return fill(f); }

MSVCRT_API size_t MSVCRT_fread(void* data, size_t size, size_t count, MSVCRT_FILE* f) {
    size_t total = size * count;
    if (!total) return 0;
    std::lock_guard guard(stream_lock);
    char* out = static_cast<char*>(data);
    size_t done = 0;
    if (f->_cnt > 0 && (f->_flag & MSVCRT__IOREAD)) {
        size_t n = static_cast<size_t>(f->_cnt) < total ? static_cast<size_t>(f->_cnt) : total;
        std::memcpy(out, f->_ptr, n);
        f->_ptr += n;
        f->_cnt -= static_cast<int>(n);
        done = n;
    }
    while (done < total) {
        if (!begin_read(f)) break;
        size_t left = total - done;
        if (left >= static_cast<size_t>(f->_bufsiz) && f->_bufsiz > 1) {
            unsigned chunk = left > 0x40000000 ? 0x40000000 : static_cast<unsigned>(left);
            chunk -= chunk % static_cast<unsigned>(f->_bufsiz);
            int got = MSVCRT__read(f->_file, out + done, chunk);
            if (got <= 0) {
                f->_flag |= got == 0 ? MSVCRT__IOEOF : MSVCRT__IOERR;
                break;
            }
            done += static_cast<size_t>(got);
            continue;
        }
        int c = fill(f);
        if (c == MSVCRT_EOF) break;
        out[done++] = static_cast<char>(c);
        size_t n = static_cast<size_t>(f->_cnt) < total - done ? static_cast<size_t>(f->_cnt) : total - done;
        std::memcpy(out + done, f->_ptr, n);
        f->_ptr += n;
        f->_cnt -= static_cast<int>(n);
        done += n;
    }
    return done / size;
}

MSVCRT_API char* MSVCRT_fgets(char* s, int n, MSVCRT_FILE* f) {
    if (!s || n <= 0) return nullptr;
    std::lock_guard guard(stream_lock);
    int i = 0;
    while (i < n - 1) {
        int c = MSVCRT_fgetc(f);
        if (c == MSVCRT_EOF) {
            if (i == 0) return nullptr;
            break;
        }
        s[i++] = static_cast<char>(c);
        if (c == '\n') break;
    }
    s[i] = 0;
    return s;
}

MSVCRT_API char* MSVCRT_gets(char* s) {
    std::lock_guard guard(stream_lock);
    int i = 0;
    for (;;) {
        int c = MSVCRT_fgetc(MSVCRT_stdin);
        if (c == MSVCRT_EOF) {
            if (i == 0) return nullptr;
            break;
        }
        if (c == '\n') break;
        s[i++] = static_cast<char>(c);
    }
    s[i] = 0;
    return s;
}

MSVCRT_API int MSVCRT_ungetc(int c, MSVCRT_FILE* f) {
    if (c == MSVCRT_EOF || !f) return MSVCRT_EOF;
    std::lock_guard guard(stream_lock);
    if (!(f->_flag & MSVCRT__IOREAD) && !((f->_flag & MSVCRT__IORW) && !(f->_flag & MSVCRT__IOWRT)))
        return MSVCRT_EOF;
    if (!(f->_flag & MSVCRT__IOREAD)) begin_read(f);
    ensure_buffer(f);
    if (f->_ptr == f->_base) {
        if (f->_cnt) return MSVCRT_EOF;
        f->_ptr++;
    }
    --f->_ptr;
    if (*f->_ptr != static_cast<char>(c) || !(f->_flag & MSVCRT__IOSTRG)) *f->_ptr = static_cast<char>(c);
    ++f->_cnt;
    f->_flag &= ~MSVCRT__IOEOF;
    return c & 0xff;
}

MSVCRT_API int MSVCRT_feof(MSVCRT_FILE* f) { return f->_flag & MSVCRT__IOEOF; }
MSVCRT_API int MSVCRT_ferror(MSVCRT_FILE* f) { return f->_flag & MSVCRT__IOERR; }
MSVCRT_API void MSVCRT_clearerr(MSVCRT_FILE* f) { f->_flag &= ~(MSVCRT__IOERR | MSVCRT__IOEOF); }
MSVCRT_API int MSVCRT__fileno(MSVCRT_FILE* f) { return f->_file; }

MSVCRT_API int64_t MSVCRT__ftelli64(MSVCRT_FILE* f) {
    std::lock_guard guard(stream_lock);
    int64_t pos = MSVCRT__telli64(f->_file);
    if (pos < 0) return -1;
    MsvcrtFd* fd = msvcrt_fd(f->_file);
    bool text = fd && fd->text;
    if ((f->_flag & MSVCRT__IOREAD) && f->_cnt > 0) {
        pos -= f->_cnt;
        // Each LF left in the buffer was a CRLF in the file.
        if (text)
            for (int i = 0; i < f->_cnt; ++i)
                if (f->_ptr[i] == '\n') --pos;
    } else if ((f->_flag & MSVCRT__IOWRT) && f->_base && !(f->_flag & MSVCRT__IOSTRG)) {
        int64_t pending = f->_ptr - f->_base;
        pos += pending;
        if (text)
            for (int64_t i = 0; i < pending; ++i)
                if (f->_base[i] == '\n') ++pos;
    }
    return pos;
}

MSVCRT_API int32_t MSVCRT_ftell(MSVCRT_FILE* f) {
    int64_t pos = MSVCRT__ftelli64(f);
    return pos > 0x7fffffff ? -1 : static_cast<int32_t>(pos);
}

MSVCRT_API int MSVCRT__fseeki64(MSVCRT_FILE* f, int64_t offset, int whence) {
    std::lock_guard guard(stream_lock);
    if (whence == 1) {
        // Relative seeks are made from the logical position.
        int64_t here = MSVCRT__ftelli64(f);
        if (here < 0) return -1;
        offset += here;
        whence = 0;
    }
    if (f->_flag & MSVCRT__IOWRT) flush_output(f);
    f->_ptr = f->_base;
    f->_cnt = 0;
    if (f->_flag & MSVCRT__IORW) f->_flag &= ~(MSVCRT__IOREAD | MSVCRT__IOWRT);
    f->_flag &= ~MSVCRT__IOEOF;
    return MSVCRT__lseeki64(f->_file, offset, whence) < 0 ? -1 : 0;
}

MSVCRT_API int MSVCRT_fseek(MSVCRT_FILE* f, int32_t offset, int whence) {
    return MSVCRT__fseeki64(f, offset, whence);
}
MSVCRT_API void MSVCRT_rewind(MSVCRT_FILE* f) {
    MSVCRT__fseeki64(f, 0, 0);
    MSVCRT_clearerr(f);
}
MSVCRT_API int MSVCRT_fgetpos(MSVCRT_FILE* f, int64_t* pos) {
    *pos = MSVCRT__ftelli64(f);
    return *pos < 0 ? -1 : 0;
}
MSVCRT_API int MSVCRT_fsetpos(MSVCRT_FILE* f, const int64_t* pos) { return MSVCRT__fseeki64(f, *pos, 0); }

MSVCRT_API int MSVCRT_setvbuf(MSVCRT_FILE* f, char* buffer, int mode, size_t size) {
    if (!f || (mode != MSVCRT__IOFBF && mode != MSVCRT__IOLBF && mode != MSVCRT__IONBF)) return -1;
    if (mode != MSVCRT__IONBF && (size < 2 || size > 0x7fffffff)) return -1;
    std::lock_guard guard(stream_lock);
    flush_output(f);
    if (f->_flag & MSVCRT__IOMYBUF) MSVCRT_free(f->_base);
    f->_flag &= ~(MSVCRT__IONBF | MSVCRT__IOMYBUF | MSVCRT__IOYOURBUF);
    f->_base = f->_ptr = nullptr;
    f->_cnt = 0;
    if (mode == MSVCRT__IONBF) {
        f->_flag |= MSVCRT__IONBF;
        f->_base = f->_ptr = reinterpret_cast<char*>(&f->_charbuf);
        f->_bufsiz = 1;
        return 0;
    }
    size &= ~size_t{1};
    if (buffer) {
        f->_flag |= MSVCRT__IOYOURBUF;
        f->_base = buffer;
    } else {
        f->_base = static_cast<char*>(MSVCRT_malloc(size));
        if (!f->_base) return -1;
        f->_flag |= MSVCRT__IOMYBUF;
    }
    f->_ptr = f->_base;
    f->_bufsiz = static_cast<int>(size);
    return 0;
}

MSVCRT_API void MSVCRT_setbuf(MSVCRT_FILE* f, char* buffer) {
    if (buffer) MSVCRT_setvbuf(f, buffer, MSVCRT__IOFBF, MSVCRT_BUFSIZ);
    else MSVCRT_setvbuf(f, nullptr, MSVCRT__IONBF, 0);
}

MSVCRT_API int MSVCRT__getmaxstdio() { return kMaxStreams; }
MSVCRT_API int MSVCRT__setmaxstdio(int n) { return n <= kMaxStreams ? n : -1; }

MSVCRT_API int MSVCRT__getw(MSVCRT_FILE* f) {
    int value;
    return MSVCRT_fread(&value, sizeof(value), 1, f) == 1 ? value : MSVCRT_EOF;
}
MSVCRT_API int MSVCRT__putw(int value, MSVCRT_FILE* f) {
    return MSVCRT_fwrite(&value, sizeof(value), 1, f) == 1 ? value : MSVCRT_EOF;
}

// Wide characters: a text-mode stream holds multibyte text ("C" locale:
// one byte per character up to U+00FF); a binary stream holds UTF-16 units.
MSVCRT_API int MSVCRT_fputwc(int c, MSVCRT_FILE* f) {
    WCHAR wc = static_cast<WCHAR>(c);
    MsvcrtFd* fd = msvcrt_fd(f->_file);
    if (fd && !fd->text) return MSVCRT_fwrite(&wc, 2, 1, f) == 1 ? wc : MSVCRT_WEOF;
    if (wc > 0xff) {
        msvcrt_set_errno(MSVCRT_EILSEQ);
        return MSVCRT_WEOF;
    }
    return MSVCRT_fputc(wc, f) == MSVCRT_EOF ? MSVCRT_WEOF : wc;
}
MSVCRT_API int MSVCRT_putwc(int c, MSVCRT_FILE* f) { return MSVCRT_fputwc(c, f); }
MSVCRT_API int MSVCRT_putwchar(int c) { return MSVCRT_fputwc(c, MSVCRT_stdout); }
MSVCRT_API int MSVCRT__fputwchar(int c) { return MSVCRT_fputwc(c, MSVCRT_stdout); }

MSVCRT_API int MSVCRT_fgetwc(MSVCRT_FILE* f) {
    std::lock_guard guard(stream_lock);
    MsvcrtFd* fd = msvcrt_fd(f->_file);
    if (fd && !fd->text) {
        int lo = MSVCRT_fgetc(f);
        if (lo == MSVCRT_EOF) return MSVCRT_WEOF;
        int hi = MSVCRT_fgetc(f);
        if (hi == MSVCRT_EOF) return MSVCRT_WEOF;
        return lo | (hi << 8);
    }
    int c = MSVCRT_fgetc(f);
    return c == MSVCRT_EOF ? MSVCRT_WEOF : c;
}
MSVCRT_API int MSVCRT_getwc(MSVCRT_FILE* f) { return MSVCRT_fgetwc(f); }
MSVCRT_API int MSVCRT_getwchar() { return MSVCRT_fgetwc(MSVCRT_stdin); }
MSVCRT_API int MSVCRT__fgetwchar() { return MSVCRT_fgetwc(MSVCRT_stdin); }

MSVCRT_API int MSVCRT_ungetwc(int c, MSVCRT_FILE* f) {
    if (c == MSVCRT_WEOF) return MSVCRT_WEOF;
    MsvcrtFd* fd = msvcrt_fd(f->_file);
    if (fd && !fd->text) {
        if (MSVCRT_ungetc((c >> 8) & 0xff, f) == MSVCRT_EOF) return MSVCRT_WEOF;
        if (MSVCRT_ungetc(c & 0xff, f) == MSVCRT_EOF) return MSVCRT_WEOF;
        return c & 0xffff;
    }
    if (c > 0xff) return MSVCRT_WEOF;
    return MSVCRT_ungetc(c, f) == MSVCRT_EOF ? MSVCRT_WEOF : c;
}

MSVCRT_API int MSVCRT_fputws(const WCHAR* s, MSVCRT_FILE* f) {
    std::lock_guard guard(stream_lock);
    for (; *s; ++s)
        if (MSVCRT_fputwc(*s, f) == MSVCRT_WEOF) return MSVCRT_EOF;
    return 0;
}

MSVCRT_API int MSVCRT__putws(const WCHAR* s) {
    std::lock_guard guard(stream_lock);
    if (MSVCRT_fputws(s, MSVCRT_stdout)) return MSVCRT_EOF;
    return MSVCRT_fputwc('\n', MSVCRT_stdout) == MSVCRT_WEOF ? MSVCRT_EOF : 0;
}

MSVCRT_API WCHAR* MSVCRT_fgetws(WCHAR* s, int n, MSVCRT_FILE* f) {
    if (!s || n <= 0) return nullptr;
    std::lock_guard guard(stream_lock);
    int i = 0;
    while (i < n - 1) {
        int c = MSVCRT_fgetwc(f);
        if (c == MSVCRT_WEOF) {
            if (i == 0) return nullptr;
            break;
        }
        s[i++] = static_cast<WCHAR>(c);
        if (c == '\n') break;
    }
    s[i] = 0;
    return s;
}

MSVCRT_API WCHAR* MSVCRT__getws(WCHAR* s) {
    std::lock_guard guard(stream_lock);
    int i = 0;
    for (;;) {
        int c = MSVCRT_fgetwc(MSVCRT_stdin);
        if (c == MSVCRT_WEOF) {
            if (i == 0) return nullptr;
            break;
        }
        if (c == '\n') break;
        s[i++] = static_cast<WCHAR>(c);
    }
    s[i] = 0;
    return s;
}

// Serializes a whole printf call on a stream, as msvcrt's _lock_file does.
void msvcrt_lock_streams() { stream_lock.lock(); }
void msvcrt_unlock_streams() { stream_lock.unlock(); }
MSVCRT_API void MSVCRT__lock_file(MSVCRT_FILE*) { stream_lock.lock(); }
MSVCRT_API void MSVCRT__unlock_file(MSVCRT_FILE*) { stream_lock.unlock(); }

// tmpfile: a new file removed when the stream is closed. kernel32 has no
// temporary-directory query yet, so it is created in the current directory.
MSVCRT_API MSVCRT_FILE* MSVCRT_tmpfile() {
    static unsigned counter;
    for (int attempt = 0; attempt < 1000; ++attempt) {
        char name[64];
        unsigned pid = static_cast<unsigned>(GetCurrentProcessId());
        unsigned n = ++counter;
        char* p = name;
        *p++ = 't';
        for (unsigned v : {pid, n}) {
            char digits[12];
            int k = 0;
            do digits[k++] = "0123456789abcdefghijklmnopqrstuv"[v % 32], v /= 32;
            while (v);
            while (k) *p++ = digits[--k];
            *p++ = '.';
        }
        *p = 0;
        int fd = MSVCRT__open(name, MSVCRT__O_CREAT | MSVCRT__O_EXCL | MSVCRT__O_RDWR | MSVCRT__O_BINARY |
                                        MSVCRT__O_TEMPORARY,
                              0600);
        if (fd < 0) {
            if (*MSVCRT__errno() == MSVCRT_EEXIST) continue;
            return nullptr;
        }
        MSVCRT_FILE* f = open_stream(fd, MSVCRT__IORW);
        if (!f) return nullptr;
        size_t len = std::strlen(name) + 1;
        f->_tmpfname = static_cast<char*>(MSVCRT_malloc(len));
        if (f->_tmpfname) std::memcpy(f->_tmpfname, name, len);
        return f;
    }
    return nullptr;
}

MSVCRT_API int MSVCRT_tmpfile_s(MSVCRT_FILE** out) {
    if (!out) return MSVCRT_EINVAL;
    *out = MSVCRT_tmpfile();
    return *out ? 0 : *MSVCRT__errno();
}
