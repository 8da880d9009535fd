// GetFileTime/SetFileTime. Unix keeps no creation time: the status change
// time stands in for it when read (as in GetFileInformationByHandle), and
// setting it is accepted and ignored. A null pointer or a zero FILETIME
// leaves that time as it is.
#include <fcntl.h>
#include <sys/stat.h>

#include "kernel32_private.h"
#include "vine/server_client.h"

using namespace kernel32;

namespace {

timespec unix_time(const FILETIME* time) {
    uint64_t value = time ? (static_cast<uint64_t>(time->dwHighDateTime) << 32) | time->dwLowDateTime : 0;
    // 0 leaves the time alone; all ones ("stop updating") cannot be honoured.
    if (value == 0 || value == ~uint64_t{0}) return timespec{0, UTIME_OMIT};
    constexpr int64_t kEpochDifference = 11644473600LL;  // 1601-01-01 to 1970-01-01, in seconds
    return timespec{static_cast<time_t>(value / 10000000) - kEpochDifference, static_cast<long>(value % 10000000) * 100};
}

}  // namespace

VINE_EXPORT BOOL GetFileTime(HANDLE file, FILETIME* creation, FILETIME* access, FILETIME* write) {
    struct stat st {};
    if (!stat_of_handle(file, st)) return FALSE;
    if (creation) *creation = filetime_from(st.st_ctim);
    if (access) *access = filetime_from(st.st_atim);
    if (write) *write = filetime_from(st.st_mtim);
    return TRUE;
}

VINE_EXPORT BOOL SetFileTime(HANDLE file, const FILETIME* creation, const FILETIME* access, const FILETIME* write) {
    (void)creation;
    int fd = vine::client::handle_fd(file);
    if (fd < 0) {
        set_error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    timespec times[2] = {unix_time(access), unix_time(write)};
    if (times[0].tv_nsec == UTIME_OMIT && times[1].tv_nsec == UTIME_OMIT) return TRUE;
    if (futimens(fd, times) != 0) return errno == EBADF ? (set_error(ERROR_ACCESS_DENIED), FALSE) : fail_errno();
    return TRUE;
}
