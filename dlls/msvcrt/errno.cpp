// errno, _doserrno and the error strings.
#include <cstring>

#include "msvcrt_private.h"
#include "vine/hot_path.h"
#include "vine/kernel32_exports.h"

namespace {
thread_local MsvcrtThreadData thread_data;

const char* const error_strings[] = {
    "No error", "Operation not permitted", "No such file or directory", "No such process",
    "Interrupted function call", "Input/output error", "No such device or address", "Arg list too long",
    "Exec format error", "Bad file descriptor", "No child processes", "Resource temporarily unavailable",
    "Not enough space", "Permission denied", "Bad address", "Unknown error", "Resource device",
    "File exists", "Improper link", "No such device", "Not a directory", "Is a directory",
    "Invalid argument", "Too many open files in system", "Too many open files",
    "Inappropriate I/O control operation", "Unknown error", "File too large", "No space left on device",
    "Invalid seek", "Read-only file system", "Too many links", "Broken pipe", "Domain error",
    "Result too large", "Unknown error", "Resource deadlock avoided", "Unknown error",
    "Filename too long", "No locks available", "Function not implemented", "Directory not empty",
    "Illegal byte sequence", "Unknown error",
};
constexpr int error_count = sizeof(error_strings) / sizeof(error_strings[0]);
}  // namespace

MSVCRT_DATA int MSVCRT__sys_nerr = error_count - 1;
MSVCRT_DATA const char* MSVCRT__sys_errlist[error_count] = {};

static struct ErrlistInit {
    ErrlistInit() {
        for (int i = 0; i < error_count; ++i) MSVCRT__sys_errlist[i] = error_strings[i];
    }
} errlist_init;

DWORD msvcrt_thread_data_slot = kTlsMinimumAvailable;

namespace {
struct ThreadDataSlot {
    ThreadDataSlot() {
        DWORD index = TlsAlloc();
        if (index < kTlsMinimumAvailable) msvcrt_thread_data_slot = index;  // expansion slots are two loads away
    }
} thread_data_slot;
}  // namespace

namespace {
// The thread_local's address in a System V function of its own, never
// inlined into an ms_abi one: GCC's __tls_get_addr sequence loads rdi
// without saving it, and rdi is callee-saved in the Microsoft convention.
__attribute__((noinline)) MsvcrtThreadData* thread_data_address() { return &thread_data; }
}  // namespace

// Once per thread (and when no slot was free): out of line and ms_abi, so
// its callers stay free of register saves.
__attribute__((noinline, cold)) VINE_CALL MsvcrtThreadData* msvcrt_thread_data_slow() {
    MsvcrtThreadData* data = thread_data_address();
    if (msvcrt_thread_data_slot < kTlsMinimumAvailable) vine::hot::set_tls_slot(msvcrt_thread_data_slot, data);
    return data;
}

MSVCRT_API int* MSVCRT__errno() { return &msvcrt_thread_data()->errno_value; }
MSVCRT_API ULONG* MSVCRT___doserrno() { return &msvcrt_thread_data()->doserrno; }

MSVCRT_API int MSVCRT__set_errno(int value) {
    msvcrt_thread_data()->errno_value = value;
    return 0;
}

MSVCRT_API int MSVCRT__get_errno(int* value) {
    if (!value) return MSVCRT_EINVAL;
    *value = msvcrt_thread_data()->errno_value;
    return 0;
}

MSVCRT_API int MSVCRT__set_doserrno(ULONG value) {
    msvcrt_thread_data()->doserrno = value;
    return 0;
}

MSVCRT_API int MSVCRT__get_doserrno(ULONG* value) {
    if (!value) return MSVCRT_EINVAL;
    *value = msvcrt_thread_data()->doserrno;
    return 0;
}

void msvcrt_set_errno(int value) { msvcrt_thread_data()->errno_value = value; }

void msvcrt_set_errno_from_win32(DWORD error) {
    msvcrt_thread_data()->doserrno = error;
    int e;
    switch (error) {
    case 2: case 3: case 15: case 18: case 53: case 161: case 206: e = MSVCRT_ENOENT; break;  // not found
    case 4: e = MSVCRT_EMFILE; break;
    case 5: case 19: case 32: case 33: case 36: case 65: case 82: case 108: case 142: case 180:
        e = MSVCRT_EACCES; break;
    case 6: e = MSVCRT_EBADF; break;
    case 8: case 14: e = MSVCRT_ENOMEM; break;
    case 17: e = MSVCRT_EXDEV; break;
    case 67: case 123: e = MSVCRT_ENOENT; break;
    case 80: case 183: e = MSVCRT_EEXIST; break;
    case 109: e = MSVCRT_EPIPE; break;
    case 112: e = MSVCRT_ENOSPC; break;
    case 145: e = MSVCRT_ENOTEMPTY; break;
    case 87: case 1: case 12: case 13: case 131: e = MSVCRT_EINVAL; break;
    default: e = MSVCRT_EINVAL; break;
    }
    msvcrt_thread_data()->errno_value = e;
}

MSVCRT_API char* MSVCRT_strerror(int error) {
    char* buffer = msvcrt_thread_data()->strerror_buffer;
    if (error < 0 || error >= error_count - 1) error = error_count - 1;
    std::strcpy(buffer, error_strings[error]);
    return buffer;
}

MSVCRT_API char* MSVCRT__strerror(const char* message) {
    char* buffer = msvcrt_thread_data()->strerror_message;
    const char* text = MSVCRT_strerror(msvcrt_thread_data()->errno_value);
    if (message && *message) {
        size_t n = std::strlen(message);
        if (n > 200) n = 200;
        std::memcpy(buffer, message, n);
        std::strcpy(buffer + n, ": ");
        std::strcat(buffer, text);
        std::strcat(buffer, "\n");
    } else {
        std::strcpy(buffer, text);
        std::strcat(buffer, "\n");
    }
    return buffer;
}

MSVCRT_API int MSVCRT_strerror_s(char* buffer, size_t size, int error) {
    if (!buffer || !size) return MSVCRT_EINVAL;
    const char* text = MSVCRT_strerror(error);
    size_t n = std::strlen(text);
    if (n >= size) n = size - 1;
    std::memcpy(buffer, text, n);
    buffer[n] = 0;
    return 0;
}

MSVCRT_API WCHAR* MSVCRT__wcserror(int error) {
    WCHAR* buffer = msvcrt_thread_data()->wcserror_buffer;
    const char* text = MSVCRT_strerror(error);
    size_t i = 0;
    for (; text[i] && i < 95; ++i) buffer[i] = static_cast<unsigned char>(text[i]);
    buffer[i] = 0;
    return buffer;
}

MSVCRT_API void MSVCRT_perror(const char* message) {
    const char* text = MSVCRT_strerror(msvcrt_thread_data()->errno_value);
    if (message && *message) {
        MSVCRT_fwrite(message, 1, std::strlen(message), MSVCRT_stderr);
        MSVCRT_fwrite(": ", 1, 2, MSVCRT_stderr);
    }
    MSVCRT_fwrite(text, 1, std::strlen(text), MSVCRT_stderr);
    MSVCRT_fputc('\n', MSVCRT_stderr);
}
