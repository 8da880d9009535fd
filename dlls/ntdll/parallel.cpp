// Parallel ports: LPTn opens the Unix file the prefix's dosdevices/lptN
// link names (file_name.cpp) - a printer (/dev/lp0), a raw port
// (/dev/parport0, claimed at open so writes reach it), or any file that
// stands in for one. Reads and writes are the file's own. The IOCTL_PAR_*
// controls with a meaning on Linux run on its printer ioctls; the port's
// status lines are there only on a real port.
#include <linux/lp.h>
#include <linux/ppdev.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <cerrno>
#include <mutex>
#include <set>
#include <utility>

#include "device.h"
#include "ntdll_private.h"
#include "vine/locks.h"
#include "vine/ntstatus.h"
#include "vine/parallel.h"
#include "vine/thread_control.h"

using namespace vine::nt;

namespace {

// Ports are known by the file they are open on (a device node, or a stand-in).
using FileId = std::pair<dev_t, ino_t>;
vine::Mutex g_lock;
std::set<FileId>& ports() {
    static auto* set = new std::set<FileId>;  // used at exit
    return *set;
}

bool id_of(int fd, FileId& id) {
    struct stat st {};
    if (fstat(fd, &st) != 0) return false;
    id = {st.st_dev, st.st_ino};
    return true;
}

// The status register (the bits of a PC port's, as Linux's LPGETSTATUS
// and ppdev's PPRSTATUS give it): BUSY (inverted), ACK, PAPER OUT, SELECT, nERROR.
bool status_lines(int fd, int& lines) {
    if (ioctl(fd, LPGETSTATUS, &lines) == 0) return true;
    unsigned char raw = 0;
    if (ioctl(fd, PPRSTATUS, &raw) == 0) {
        lines = raw;
        return true;
    }
    return false;
}

}  // namespace

namespace ntdll::parallel {

void opened(int fd) {
    FileId id;
    if (!id_of(fd, id)) return;
    // A raw port (ppdev) takes writes once claimed; a printer needs no claim.
    ioctl(fd, PPCLAIM);
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    ports().insert(id);
}

bool is_port(int fd) {
    FileId id;
    if (!id_of(fd, id)) return false;
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    return ports().count(id) != 0;
}

NTSTATUS control(int fd, ULONG code, const void* in, ULONG in_size, void* out, ULONG out_size, ULONG_PTR& info) {
    info = 0;
    switch (code) {
    case IOCTL_PAR_QUERY_INFORMATION: {
        if (!out || out_size < sizeof(PAR_QUERY_INFORMATION)) return STATUS_BUFFER_TOO_SMALL;
        int lines = 0;
        // A stand-in has no status lines to read.
        if (!status_lines(fd, lines)) return STATUS_INVALID_DEVICE_REQUEST;
        UCHAR status = 0;
        if (!(lines & LP_PBUSY)) status |= PARALLEL_BUSY;  // the line is inverted
        if (lines & LP_POUTPA) status |= PARALLEL_PAPER_EMPTY;
        status |= (lines & LP_PSELECD) ? PARALLEL_SELECTED : PARALLEL_OFF_LINE;
        static_cast<PAR_QUERY_INFORMATION*>(out)->Status = status;
        info = sizeof(PAR_QUERY_INFORMATION);
        return STATUS_SUCCESS;
    }
    case IOCTL_PAR_SET_INFORMATION: {
        if (!in || in_size < sizeof(PAR_SET_INFORMATION)) return STATUS_INVALID_PARAMETER;
        // PARALLEL_INIT resets the printer; nothing else is settable.
        if (static_cast<const PAR_SET_INFORMATION*>(in)->Init != PARALLEL_INIT) return STATUS_INVALID_PARAMETER;
        if (ioctl(fd, LPRESET) != 0) return STATUS_INVALID_DEVICE_REQUEST;
        return STATUS_SUCCESS;
    }
    default: return STATUS_INVALID_DEVICE_REQUEST;
    }
}

}  // namespace ntdll::parallel
