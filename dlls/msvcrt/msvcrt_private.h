// Internal declarations shared by the files of the builtin msvcrt.dll.
#pragma once

#include <cstddef>
#include <cstdint>

#include "vine/calling_convention.h"
#include "vine/wintypes.h"

// Every export: C linkage, Microsoft x64 convention, visible in the .so so the
// spec's references resolve to it.
#define MSVCRT_API extern "C" __attribute__((ms_abi, visibility("default")))
// Exported variables: global-namespace variables are not mangled, so these
// carry their plain names without extern "C" (which would make the
// initialized definitions "extern").
#define MSVCRT_DATA __attribute__((visibility("default")))

using ms_va_list = __builtin_ms_va_list;

// msvcrt's FILE (struct _iobuf), 48 bytes on x64.
struct MSVCRT_FILE {
    char* _ptr;
    int _cnt;
    char* _base;
    int _flag;
    int _file;
    int _charbuf;
    int _bufsiz;
    char* _tmpfname;
};
static_assert(sizeof(MSVCRT_FILE) == 48);

// _flag bits.
constexpr int MSVCRT__IOREAD = 0x0001;
constexpr int MSVCRT__IOWRT = 0x0002;
constexpr int MSVCRT__IONBF = 0x0004;
constexpr int MSVCRT__IOMYBUF = 0x0008;
constexpr int MSVCRT__IOEOF = 0x0010;
constexpr int MSVCRT__IOERR = 0x0020;
constexpr int MSVCRT__IOSTRG = 0x0040;
constexpr int MSVCRT__IORW = 0x0080;
constexpr int MSVCRT__IOYOURBUF = 0x0100;
constexpr int MSVCRT__IOCOMMIT = 0x4000;

// setvbuf modes.
constexpr int MSVCRT__IOFBF = 0x0000;
constexpr int MSVCRT__IOLBF = 0x0040;

constexpr int MSVCRT_EOF = -1;
constexpr int MSVCRT_WEOF = 0xffff;
constexpr int MSVCRT_BUFSIZ = 512;
constexpr int MSVCRT_INTERNAL_BUFSIZ = 4096;

// _open flags.
constexpr int MSVCRT__O_RDONLY = 0x0000;
constexpr int MSVCRT__O_WRONLY = 0x0001;
constexpr int MSVCRT__O_RDWR = 0x0002;
constexpr int MSVCRT__O_APPEND = 0x0008;
constexpr int MSVCRT__O_RANDOM = 0x0010;
constexpr int MSVCRT__O_SEQUENTIAL = 0x0020;
constexpr int MSVCRT__O_TEMPORARY = 0x0040;
constexpr int MSVCRT__O_NOINHERIT = 0x0080;
constexpr int MSVCRT__O_CREAT = 0x0100;
constexpr int MSVCRT__O_TRUNC = 0x0200;
constexpr int MSVCRT__O_EXCL = 0x0400;
constexpr int MSVCRT__O_SHORT_LIVED = 0x1000;
constexpr int MSVCRT__O_TEXT = 0x4000;
constexpr int MSVCRT__O_BINARY = 0x8000;
constexpr int MSVCRT__O_WTEXT = 0x10000;
constexpr int MSVCRT__O_U16TEXT = 0x20000;
constexpr int MSVCRT__O_U8TEXT = 0x40000;

// errno values (Microsoft's numbering).
constexpr int MSVCRT_EPERM = 1, MSVCRT_ENOENT = 2, MSVCRT_ESRCH = 3, MSVCRT_EINTR = 4, MSVCRT_EIO = 5,
              MSVCRT_ENXIO = 6, MSVCRT_E2BIG = 7, MSVCRT_ENOEXEC = 8, MSVCRT_EBADF = 9, MSVCRT_ECHILD = 10,
              MSVCRT_EAGAIN = 11, MSVCRT_ENOMEM = 12, MSVCRT_EACCES = 13, MSVCRT_EFAULT = 14,
              MSVCRT_EBUSY = 16, MSVCRT_EEXIST = 17, MSVCRT_EXDEV = 18, MSVCRT_ENODEV = 19,
              MSVCRT_ENOTDIR = 20, MSVCRT_EISDIR = 21, MSVCRT_EINVAL = 22, MSVCRT_ENFILE = 23,
              MSVCRT_EMFILE = 24, MSVCRT_ENOTTY = 25, MSVCRT_EFBIG = 27, MSVCRT_ENOSPC = 28,
              MSVCRT_ESPIPE = 29, MSVCRT_EROFS = 30, MSVCRT_EMLINK = 31, MSVCRT_EPIPE = 32,
              MSVCRT_EDOM = 33, MSVCRT_ERANGE = 34, MSVCRT_EDEADLK = 36, MSVCRT_ENAMETOOLONG = 38,
              MSVCRT_ENOLCK = 39, MSVCRT_ENOSYS = 40, MSVCRT_ENOTEMPTY = 41, MSVCRT_EILSEQ = 42;

// Per-thread CRT state. GCC 12 emits the __tls_get_addr call of a
// thread_local access without saving RDI/RSI, which an ms_abi function must
// preserve, so exports never touch thread_local directly: they go through
// this (System V, out-of-line) accessor, around which GCC saves them.
struct MsvcrtThreadData {
    int errno_value = 0;
    ULONG doserrno = 0;
    char strerror_buffer[96] = {};
    char strerror_message[256] = {};
    WCHAR wcserror_buffer[96] = {};
    char* strtok_next = nullptr;
    WCHAR* wcstok_next = nullptr;
    uint32_t rand_seed = 1;
    int tm_buffer[9] = {};
    char asctime_buffer[32] = {};
    int fpecode = 0;
};
// The thread's data, through a TLS slot of the TEB (allocated when msvcrt
// loads, as Windows' msvcrt does) that caches its address: one gs: load.
// Reaching the thread_local itself is a __tls_get_addr call, System V, which
// cost every ms_abi caller (_errno among them, which mingw-w64's printf calls
// for each conversion) the xmm6-xmm15 saves ("Hot paths" in
// docs/architecture.md); that happens once per thread, in the slow path.
extern DWORD msvcrt_thread_data_slot;  // kTlsMinimumAvailable when no slot was free
VINE_CALL MsvcrtThreadData* msvcrt_thread_data_slow();
inline __attribute__((always_inline)) MsvcrtThreadData* msvcrt_thread_data() {
    uint64_t slot = msvcrt_thread_data_slot;
    if (slot < 64) [[likely]] {
        void* data;
        __asm__("movq %%gs:0x1480(,%1,8), %0" : "=r"(data) : "r"(slot));
        if (data) [[likely]] return static_cast<MsvcrtThreadData*>(data);
    }
    return msvcrt_thread_data_slow();
}

// errno.cpp
MSVCRT_API int* MSVCRT__errno();
MSVCRT_API ULONG* MSVCRT___doserrno();
VINE_CALL void msvcrt_set_errno(int value);
VINE_CALL void msvcrt_set_errno_from_win32(DWORD error);  // sets errno and _doserrno

// startup.cpp: set by ucrtbase when it loads (abort as the Universal CRT's),
// and what exit runs before the atexit functions (the UCRT's thread-local
// destructor callback).
extern bool msvcrt_ucrt_abort;
extern void (*msvcrt_exit_hook)();

// heap.cpp
MSVCRT_API void* MSVCRT_malloc(size_t size);
MSVCRT_API void* MSVCRT_calloc(size_t count, size_t size);
MSVCRT_API void* MSVCRT_realloc(void* block, size_t size);
MSVCRT_API void MSVCRT_free(void* block);
MSVCRT_API size_t MSVCRT__msize(void* block);

// lowio.cpp
constexpr int MSVCRT_MAX_FILES = 2048;
struct MsvcrtFd {
    HANDLE handle;
    bool open;
    bool text;
    bool append;
    bool is_device;   // character device (console)
    bool is_pipe;
    bool eof;         // a text-mode Ctrl-Z was read
    int pending;      // a byte read ahead in text mode, or -1
};
VINE_CALL MsvcrtFd* msvcrt_fd(int fd);  // null when fd is not open
void msvcrt_init_lowio();
VINE_CALL int msvcrt_alloc_fd(HANDLE handle, int flags);
MSVCRT_API int MSVCRT__read(int fd, void* buffer, unsigned int count);
MSVCRT_API int MSVCRT__write(int fd, const void* buffer, unsigned int count);
MSVCRT_API int MSVCRT__close(int fd);
MSVCRT_API int64_t MSVCRT__lseeki64(int fd, int64_t offset, int whence);
MSVCRT_API int MSVCRT__isatty(int fd);
MSVCRT_API int MSVCRT__commit(int fd);
MSVCRT_API int MSVCRT__unlink(const char* path);
MSVCRT_API int64_t MSVCRT__telli64(int fd);
MSVCRT_API int MSVCRT__open(const char* path, int flags, ...);
MSVCRT_API int MSVCRT__wopen(const WCHAR* path, int flags, ...);

// stdio_file.cpp
extern MSVCRT_DATA MSVCRT_FILE MSVCRT__iob[];
void msvcrt_init_stdio();
// The lock of all streams (recursive), for printf/scanf's whole call.
VINE_CALL void msvcrt_lock_streams();
VINE_CALL void msvcrt_unlock_streams();
MSVCRT_API int MSVCRT__flushall();
MSVCRT_API int MSVCRT_fflush(MSVCRT_FILE* file);
MSVCRT_API size_t MSVCRT_fwrite(const void* data, size_t size, size_t count, MSVCRT_FILE* file);
MSVCRT_API int MSVCRT_fputc(int c, MSVCRT_FILE* file);
MSVCRT_API int MSVCRT_fgetc(MSVCRT_FILE* file);
MSVCRT_API int MSVCRT_ungetc(int c, MSVCRT_FILE* file);
MSVCRT_API int MSVCRT_fputwc(int c, MSVCRT_FILE* file);
MSVCRT_API int MSVCRT_fgetwc(MSVCRT_FILE* file);
MSVCRT_API int MSVCRT_ungetwc(int c, MSVCRT_FILE* file);
#define MSVCRT_stdin (&MSVCRT__iob[0])
#define MSVCRT_stdout (&MSVCRT__iob[1])
#define MSVCRT_stderr (&MSVCRT__iob[2])

// startup.cpp
MSVCRT_API void MSVCRT_exit(int code);
MSVCRT_API void MSVCRT__exit(int code);
MSVCRT_API void MSVCRT__lock(int locknum);
MSVCRT_API void MSVCRT__unlock(int locknum);
constexpr int MSVCRT_LOCK_EXIT = 13;
constexpr int MSVCRT_LOCK_ENV = 12;
constexpr int MSVCRT_LOCK_IOB = 1;

// environ.cpp
void msvcrt_init_environ();

// time.cpp
void msvcrt_init_time();

// 16-bit string helpers (never the host's wcs* functions: host wchar_t is 32 bits).
inline size_t msvcrt_wcslen(const WCHAR* s) {
    size_t n = 0;
    while (s[n]) ++n;
    return n;
}
