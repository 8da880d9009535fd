// Serial ports: COMn opens the Unix tty the prefix's dosdevices/comN names
// (file_name.cpp); NtDeviceIoControlFile's IOCTL_SERIAL_* controls run on
// its termios and modem-line ioctls, and NtReadFile/NtWriteFile on a port
// honour the port's timeouts (SERIAL_TIMEOUTS, COMMTIMEOUTS in Win32).
// What termios has no place for (timeouts, wait mask, the event and error
// characters, queue sizes) is kept per device in this process, as Windows'
// serial driver keeps it per port. The descriptor stays non-blocking and
// raw (a port has no line discipline on Windows); waits are poll()s.
// On an asynchronous handle a read that cannot finish at once and a
// WAIT_ON_MASK pend in the process's I/O engine (io_engine.cpp), which
// attempts them on input and at their timeouts, so CancelIo(Ex) and
// CloseHandle end them as they end other requests.
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "async_io.h"
#include "device.h"
#include "file_name.h"
#include "file_private.h"
#include "ntdll_private.h"
#include "serial.h"
#include "sync_io.h"
#include "vine/locks.h"
#include "vine/ntstatus.h"
#include "vine/serial.h"
#include "vine/thread_control.h"

using namespace vine::nt;
namespace async = ntdll::async;

namespace {

constexpr ULONG kForever = 0xffffffff;

struct Port {
    SERIAL_TIMEOUTS timeouts{};
    ULONG wait_mask = 0;
    SERIAL_CHARS chars{0, 0, 0, 0, 0x11, 0x13};
    ULONG control_handshake = SERIAL_DTR_CONTROL, flow_replace = SERIAL_RTS_CONTROL;
    LONG xon_limit = 2048, xoff_limit = 512;
    SERIAL_QUEUE_SIZE queues{4096, 4096};
    bool broken = false;  // a break is on
};

vine::Mutex g_lock;
// Whether this process has opened a port: until it has, no descriptor is
// one, and the reads and writes of every other device (the console, pipes
// to /dev/null) skip the fstat that port_of would make for each.
std::atomic<bool> g_any_port{false};
std::unordered_map<dev_t, Port>& ports() {
    static auto* map = new std::unordered_map<dev_t, Port>;  // used at exit
    return *map;
}

bool device_of(int fd, dev_t& device) {
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISCHR(st.st_mode)) return false;
    device = st.st_rdev;
    return true;
}

// The port behind `fd` (a copy), false when it is no serial port.
bool port_of(int fd, Port& out) {
    if (!g_any_port.load(std::memory_order_acquire)) return false;
    dev_t device;
    if (!device_of(fd, device)) return false;
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    auto found = ports().find(device);
    if (found == ports().end()) return false;
    out = found->second;
    return true;
}

template <typename Change>
void change_port(int fd, Change change) {
    dev_t device;
    if (!device_of(fd, device)) return;
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    change(ports()[device]);
    g_any_port.store(true, std::memory_order_release);
}

using async::now_ms;

// Waits for `events` up to `timeout` ms (kForever: no limit) in the
// calling thread, the way every blocking synchronous call waits
// (sync_io.cpp), so that CancelSynchronousIo from another thread ends it:
// STATUS_SUCCESS when ready, STATUS_TIMEOUT, or STATUS_CANCELLED.
// `continuing`: not the call's first wait (sync_io.h).
NTSTATUS wait_for(int fd, short events, uint64_t timeout, bool continuing) {
    int ms = timeout == kForever ? -1 : static_cast<int>(std::min<uint64_t>(timeout, 0x7fffffff));
    return ntdll::sync_io::wait_ready(fd, events, ms, continuing);
}

struct Speed {
    ULONG baud;
    speed_t code;
};
constexpr Speed kSpeeds[] = {
    {50, B50},         {75, B75},         {110, B110},       {134, B134},       {150, B150},
    {200, B200},       {300, B300},       {600, B600},       {1200, B1200},     {1800, B1800},
    {2400, B2400},     {4800, B4800},     {9600, B9600},     {19200, B19200},   {38400, B38400},
    {57600, B57600},   {115200, B115200}, {230400, B230400}, {460800, B460800}, {500000, B500000},
    {576000, B576000}, {921600, B921600}, {1000000, B1000000}, {1152000, B1152000}, {1500000, B1500000},
    {2000000, B2000000}, {2500000, B2500000}, {3000000, B3000000}, {3500000, B3500000}, {4000000, B4000000},
};

NTSTATUS get_termios(int fd, termios& t) { return tcgetattr(fd, &t) == 0 ? STATUS_SUCCESS : ntdll::status_from_errno(errno); }
NTSTATUS set_termios(int fd, const termios& t) {
    return tcsetattr(fd, TCSANOW, &t) == 0 ? STATUS_SUCCESS : ntdll::status_from_errno(errno);
}

NTSTATUS modem_lines(int fd, int request, int bits) {
    // A pseudo-terminal has no modem lines: Linux refuses with EINVAL/ENOTTY.
    return ioctl(fd, request, &bits) == 0 ? STATUS_SUCCESS : ntdll::status_from_errno(errno);
}

ULONG modem_status(int fd) {
    int bits = 0;
    if (ioctl(fd, TIOCMGET, &bits) != 0) return 0;
    ULONG status = 0;
    if (bits & TIOCM_CTS) status |= SERIAL_MSR_CTS;
    if (bits & TIOCM_DSR) status |= SERIAL_MSR_DSR;
    if (bits & TIOCM_RI) status |= SERIAL_MSR_RI;
    if (bits & TIOCM_CD) status |= SERIAL_MSR_DCD;
    return status;
}

ULONG queued(int fd, int request) {
    int n = 0;
    return ioctl(fd, request, &n) == 0 && n > 0 ? static_cast<ULONG>(n) : 0;
}

// The events of `mask` that are there now, modem-line changes counted
// from `modem` (the lines when the wait began).
ULONG events_now(int fd, ULONG mask, ULONG modem) {
    ULONG events = 0;
    if ((mask & SERIAL_EV_RXCHAR) && queued(fd, FIONREAD)) events |= SERIAL_EV_RXCHAR;
    if ((mask & SERIAL_EV_TXEMPTY) && !queued(fd, TIOCOUTQ)) events |= SERIAL_EV_TXEMPTY;
    ULONG lines = modem_status(fd), changed = lines ^ modem;
    if ((mask & SERIAL_EV_CTS) && (changed & SERIAL_MSR_CTS)) events |= SERIAL_EV_CTS;
    if ((mask & SERIAL_EV_DSR) && (changed & SERIAL_MSR_DSR)) events |= SERIAL_EV_DSR;
    if ((mask & SERIAL_EV_RLSD) && (changed & SERIAL_MSR_DCD)) events |= SERIAL_EV_RLSD;
    if ((mask & SERIAL_EV_RING) && (changed & lines & SERIAL_MSR_RI)) events |= SERIAL_EV_RING;
    return events;
}

// IOCTL_SERIAL_WAIT_ON_MASK: the first events of the mask that happen.
NTSTATUS wait_on_mask(int fd, ULONG mask, ULONG modem, ULONG& events) {
    for (bool continuing = false;; continuing = true) {
        if ((events = events_now(fd, mask, modem))) return STATUS_SUCCESS;
        // A new mask ends a pending wait with no events, as Windows does.
        Port port;
        if (!port_of(fd, port)) return STATUS_INVALID_HANDLE;
        if (port.wait_mask != mask) return STATUS_SUCCESS;
        // Input wakes the poll; modem lines and the mask are looked at every 20 ms.
        if (wait_for(fd, (mask & SERIAL_EV_RXCHAR) ? POLLIN : 0, 20, continuing) == STATUS_CANCELLED)
            return STATUS_CANCELLED;
    }
}

// One read's progress under the port's timeouts (SERIAL_TIMEOUTS), which a
// synchronous read loops on and the engine runs for an asynchronous one.
class Reading {
public:
    Reading(const SERIAL_TIMEOUTS& t, char* buffer, ULONG length) : buffer_(buffer), length_(length) {
        // MAXDWORD interval with zero multiplier and constant: what is there, at once.
        at_once_ = t.ReadIntervalTimeout == kForever && !t.ReadTotalTimeoutMultiplier && !t.ReadTotalTimeoutConstant;
        // MAXDWORD interval and multiplier, a constant below MAXDWORD: the first bytes to come, within the constant.
        first_bytes_ = t.ReadIntervalTimeout == kForever && t.ReadTotalTimeoutMultiplier == kForever &&
                       t.ReadTotalTimeoutConstant && t.ReadTotalTimeoutConstant != kForever;
        uint64_t start = now_ms();
        if (first_bytes_) {
            total_deadline_ = start + t.ReadTotalTimeoutConstant;
        } else if (!at_once_ && (t.ReadTotalTimeoutMultiplier || t.ReadTotalTimeoutConstant)) {
            total_deadline_ =
                start + static_cast<uint64_t>(t.ReadTotalTimeoutMultiplier) * length + t.ReadTotalTimeoutConstant;
        }
        if (!at_once_ && !first_bytes_ && t.ReadIntervalTimeout && t.ReadIntervalTimeout != kForever)
            interval_ = t.ReadIntervalTimeout;
    }

    ULONG got() const { return got_; }

    // Takes what the port holds; the status once the read is over, else
    // nullopt with `next` the time it ends without more input (0: never).
    std::optional<NTSTATUS> step(int fd, uint64_t& next) {
        while (got_ < length_) {
            ssize_t n = ::read(fd, buffer_ + got_, length_ - got_);
            if (n > 0) {
                got_ += static_cast<ULONG>(n);
                last_byte_ = now_ms();
                if (first_bytes_) return STATUS_SUCCESS;
                continue;
            }
            if (n == 0) return STATUS_SUCCESS;
            if (errno == EINTR) continue;
            if (errno != EAGAIN) return got_ ? STATUS_SUCCESS : ntdll::status_from_errno(errno);
            break;
        }
        if (got_ == length_ || at_once_) return STATUS_SUCCESS;
        next = total_deadline_;
        // The interval counts from the last byte, once one came.
        if (interval_ && got_ && (!next || last_byte_ + interval_ < next)) next = last_byte_ + interval_;
        if (next && now_ms() >= next) return STATUS_SUCCESS;
        return std::nullopt;
    }

private:
    char* buffer_;
    ULONG length_, got_ = 0, interval_ = 0;
    bool at_once_ = false, first_bytes_ = false;
    uint64_t total_deadline_ = 0, last_byte_ = 0;
};

template <typename T>
bool fits(ULONG size) {
    return size >= sizeof(T);
}

}  // namespace

namespace ntdll::serial {

bool opened(int fd) {
    dev_t device;
    if (!isatty(fd) || !device_of(fd, device)) return false;
    termios t{};
    if (tcgetattr(fd, &t) == 0) {
        // Raw, as a Windows port: no echo, no line editing, no translations.
        cfmakeraw(&t);
        t.c_cflag |= CREAD | CLOCAL;
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        tcsetattr(fd, TCSANOW, &t);
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    ports().try_emplace(device);
    g_any_port.store(true, std::memory_order_release);
    return true;
}

bool is_port(int fd) {
    Port port;
    return port_of(fd, port);
}

NTSTATUS read(int fd, void* buffer, ULONG length, ULONG& got) {
    got = 0;
    Port port;
    if (!port_of(fd, port)) return STATUS_INVALID_HANDLE;
    Reading reading(port.timeouts, static_cast<char*>(buffer), length);
    for (bool continuing = false;; continuing = true) {
        uint64_t next = 0;
        std::optional<NTSTATUS> status = reading.step(fd, next);
        got = reading.got();
        if (status) return *status;
        uint64_t now = now_ms();
        // A cancelled read ends with what it had (Windows' Information).
        if (wait_for(fd, POLLIN, next ? (next > now ? next - now : 0) : kForever, continuing) == STATUS_CANCELLED)
            return STATUS_CANCELLED;
    }
}

NTSTATUS start_read(HANDLE handle, int fd, const std::shared_ptr<async::HandleState>& state, void* buffer,
                    ULONG length, async::Completion completion) {
    Port port;
    if (!port_of(fd, port)) return STATUS_INVALID_HANDLE;
    auto request = std::make_unique<async::Request>();
    request->handle = handle;
    request->fd = fd;
    request->operation = async::Operation::custom;
    request->buffer = static_cast<char*>(buffer);
    request->length = length;
    request->state = state;
    request->completion = completion;
    auto reading = std::make_shared<Reading>(port.timeouts, static_cast<char*>(buffer), length);
    // The request owns this attempt, so the pointer lives as long as it.
    request->custom = [reading, fd, self = request.get()]() -> std::optional<async::Result> {
        uint64_t next = 0;
        std::optional<NTSTATUS> status = reading->step(fd, next);
        self->done = reading->got();  // what a cancel reports as read
        self->deadline_ms = next;
        if (!status) return std::nullopt;
        return async::Result{*status, reading->got()};
    };
    return async::start(std::move(request));
}

NTSTATUS write(int fd, const void* buffer, ULONG length, ULONG& done) {
    done = 0;
    Port port;
    if (!port_of(fd, port)) return STATUS_INVALID_HANDLE;
    const SERIAL_TIMEOUTS& t = port.timeouts;
    bool total = t.WriteTotalTimeoutMultiplier || t.WriteTotalTimeoutConstant;
    uint64_t deadline =
        now_ms() + static_cast<uint64_t>(t.WriteTotalTimeoutMultiplier) * length + t.WriteTotalTimeoutConstant;
    const char* bytes = static_cast<const char*>(buffer);
    bool waited = false;
    while (done < length) {
        ssize_t n = ::write(fd, bytes + done, length - done);
        if (n > 0) {
            done += static_cast<ULONG>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN) return ntdll::status_from_errno(errno);
        uint64_t timeout = kForever;
        if (total) {
            uint64_t now = now_ms();
            if (now >= deadline) return STATUS_TIMEOUT;
            timeout = deadline - now;
        }
        if (NTSTATUS status = wait_for(fd, POLLOUT, timeout, waited)) return status;
        waited = true;
    }
    return STATUS_SUCCESS;
}

}  // namespace ntdll::serial

namespace {

NTSTATUS control(int fd, ULONG code, const void* in, ULONG in_size, void* out, ULONG out_size, ULONG_PTR& info) {
    info = 0;
    termios t{};
    switch (code) {
    case IOCTL_SERIAL_SET_BAUD_RATE: {
        if (!in || !fits<SERIAL_BAUD_RATE>(in_size)) return STATUS_BUFFER_TOO_SMALL;
        ULONG baud = static_cast<const SERIAL_BAUD_RATE*>(in)->BaudRate;
        auto speed = std::find_if(std::begin(kSpeeds), std::end(kSpeeds), [&](const Speed& s) { return s.baud == baud; });
        if (speed == std::end(kSpeeds)) return STATUS_INVALID_PARAMETER;
        if (NTSTATUS status = get_termios(fd, t)) return status;
        cfsetispeed(&t, speed->code);
        cfsetospeed(&t, speed->code);
        return set_termios(fd, t);
    }
    case IOCTL_SERIAL_GET_BAUD_RATE: {
        if (!out || !fits<SERIAL_BAUD_RATE>(out_size)) return STATUS_BUFFER_TOO_SMALL;
        if (NTSTATUS status = get_termios(fd, t)) return status;
        speed_t code_now = cfgetospeed(&t);
        ULONG baud = 0;
        for (const Speed& s : kSpeeds)
            if (s.code == code_now) baud = s.baud;
        static_cast<SERIAL_BAUD_RATE*>(out)->BaudRate = baud;
        info = sizeof(SERIAL_BAUD_RATE);
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_SET_LINE_CONTROL: {
        if (!in || !fits<SERIAL_LINE_CONTROL>(in_size)) return STATUS_BUFFER_TOO_SMALL;
        auto line = *static_cast<const SERIAL_LINE_CONTROL*>(in);
        if (line.WordLength < 5 || line.WordLength > 8 || line.Parity > SPACE_PARITY || line.StopBits > STOP_BITS_2)
            return STATUS_INVALID_PARAMETER;
        if (NTSTATUS status = get_termios(fd, t)) return status;
        t.c_cflag &= ~(CSIZE | PARENB | PARODD | CMSPAR | CSTOPB);
        t.c_cflag |= line.WordLength == 5 ? CS5 : line.WordLength == 6 ? CS6 : line.WordLength == 7 ? CS7 : CS8;
        switch (line.Parity) {
        case ODD_PARITY: t.c_cflag |= PARENB | PARODD; break;
        case EVEN_PARITY: t.c_cflag |= PARENB; break;
        case MARK_PARITY: t.c_cflag |= PARENB | PARODD | CMSPAR; break;
        case SPACE_PARITY: t.c_cflag |= PARENB | CMSPAR; break;
        default: break;
        }
        // 1.5 stop bits: what the UART does with two at five data bits.
        if (line.StopBits != STOP_BIT_1) t.c_cflag |= CSTOPB;
        return set_termios(fd, t);
    }
    case IOCTL_SERIAL_GET_LINE_CONTROL: {
        if (!out || !fits<SERIAL_LINE_CONTROL>(out_size)) return STATUS_BUFFER_TOO_SMALL;
        if (NTSTATUS status = get_termios(fd, t)) return status;
        SERIAL_LINE_CONTROL line{};
        tcflag_t size = t.c_cflag & CSIZE;
        line.WordLength = size == CS5 ? 5 : size == CS6 ? 6 : size == CS7 ? 7 : 8;
        if (!(t.c_cflag & PARENB)) line.Parity = NO_PARITY;
        else if (t.c_cflag & CMSPAR) line.Parity = (t.c_cflag & PARODD) ? MARK_PARITY : SPACE_PARITY;
        else line.Parity = (t.c_cflag & PARODD) ? ODD_PARITY : EVEN_PARITY;
        line.StopBits = !(t.c_cflag & CSTOPB) ? STOP_BIT_1 : line.WordLength == 5 ? STOP_BITS_1_5 : STOP_BITS_2;
        *static_cast<SERIAL_LINE_CONTROL*>(out) = line;
        info = sizeof line;
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_SET_HANDFLOW: {
        if (!in || !fits<SERIAL_HANDFLOW>(in_size)) return STATUS_BUFFER_TOO_SMALL;
        auto flow = *static_cast<const SERIAL_HANDFLOW*>(in);
        if (NTSTATUS status = get_termios(fd, t)) return status;
        bool rts_handshake = (flow.FlowReplace & SERIAL_RTS_MASK) == SERIAL_RTS_HANDSHAKE;
        if ((flow.ControlHandShake & SERIAL_CTS_HANDSHAKE) || rts_handshake) t.c_cflag |= CRTSCTS;
        else t.c_cflag &= ~CRTSCTS;
        if (flow.FlowReplace & SERIAL_AUTO_TRANSMIT) t.c_iflag |= IXON;
        else t.c_iflag &= ~IXON;
        if (flow.FlowReplace & SERIAL_AUTO_RECEIVE) t.c_iflag |= IXOFF;
        else t.c_iflag &= ~IXOFF;
        if (flow.ControlHandShake & SERIAL_DCD_HANDSHAKE) t.c_cflag &= ~CLOCAL;
        else t.c_cflag |= CLOCAL;
        if (NTSTATUS status = set_termios(fd, t)) return status;
        // DTR and RTS follow their control modes where the device has the lines.
        ULONG dtr = flow.ControlHandShake & SERIAL_DTR_MASK, rts = flow.FlowReplace & SERIAL_RTS_MASK;
        if (dtr != SERIAL_DTR_HANDSHAKE) modem_lines(fd, dtr ? TIOCMBIS : TIOCMBIC, TIOCM_DTR);
        if (rts == 0 || rts == SERIAL_RTS_CONTROL) modem_lines(fd, rts ? TIOCMBIS : TIOCMBIC, TIOCM_RTS);
        change_port(fd, [&](Port& p) {
            p.control_handshake = flow.ControlHandShake;
            p.flow_replace = flow.FlowReplace;
            p.xon_limit = flow.XonLimit;
            p.xoff_limit = flow.XoffLimit;
        });
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_GET_HANDFLOW: {
        if (!out || !fits<SERIAL_HANDFLOW>(out_size)) return STATUS_BUFFER_TOO_SMALL;
        Port port;
        if (!port_of(fd, port)) return STATUS_INVALID_HANDLE;
        if (NTSTATUS status = get_termios(fd, t)) return status;
        // termios is the truth for what it holds; the rest is as last set.
        SERIAL_HANDFLOW flow{port.control_handshake, port.flow_replace, port.xon_limit, port.xoff_limit};
        flow.FlowReplace &= ~(SERIAL_AUTO_TRANSMIT | SERIAL_AUTO_RECEIVE);
        if (t.c_iflag & IXON) flow.FlowReplace |= SERIAL_AUTO_TRANSMIT;
        if (t.c_iflag & IXOFF) flow.FlowReplace |= SERIAL_AUTO_RECEIVE;
        if (t.c_cflag & CRTSCTS) {
            flow.ControlHandShake |= SERIAL_CTS_HANDSHAKE;
            if ((flow.FlowReplace & SERIAL_RTS_MASK) != SERIAL_RTS_HANDSHAKE)
                flow.FlowReplace = (flow.FlowReplace & ~SERIAL_RTS_MASK) | SERIAL_RTS_HANDSHAKE;
        } else {
            flow.ControlHandShake &= ~SERIAL_CTS_HANDSHAKE;
            if ((flow.FlowReplace & SERIAL_RTS_MASK) == SERIAL_RTS_HANDSHAKE)
                flow.FlowReplace = (flow.FlowReplace & ~SERIAL_RTS_MASK) | SERIAL_RTS_CONTROL;
        }
        *static_cast<SERIAL_HANDFLOW*>(out) = flow;
        info = sizeof flow;
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_SET_TIMEOUTS: {
        if (!in || !fits<SERIAL_TIMEOUTS>(in_size)) return STATUS_BUFFER_TOO_SMALL;
        auto timeouts = *static_cast<const SERIAL_TIMEOUTS*>(in);
        // Windows refuses MAXDWORD for both interval and multiplier with a MAXDWORD constant.
        if (timeouts.ReadIntervalTimeout == kForever && timeouts.ReadTotalTimeoutMultiplier == kForever &&
            timeouts.ReadTotalTimeoutConstant == kForever)
            return STATUS_INVALID_PARAMETER;
        change_port(fd, [&](Port& p) { p.timeouts = timeouts; });
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_GET_TIMEOUTS: {
        if (!out || !fits<SERIAL_TIMEOUTS>(out_size)) return STATUS_BUFFER_TOO_SMALL;
        Port port;
        if (!port_of(fd, port)) return STATUS_INVALID_HANDLE;
        *static_cast<SERIAL_TIMEOUTS*>(out) = port.timeouts;
        info = sizeof(SERIAL_TIMEOUTS);
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_SET_WAIT_MASK: {
        if (!in || !fits<ULONG>(in_size)) return STATUS_BUFFER_TOO_SMALL;
        ULONG mask = *static_cast<const ULONG*>(in);
        if (mask & ~0x1fffu) return STATUS_INVALID_PARAMETER;
        change_port(fd, [&](Port& p) { p.wait_mask = mask; });
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_GET_WAIT_MASK: {
        if (!out || !fits<ULONG>(out_size)) return STATUS_BUFFER_TOO_SMALL;
        Port port;
        if (!port_of(fd, port)) return STATUS_INVALID_HANDLE;
        *static_cast<ULONG*>(out) = port.wait_mask;
        info = sizeof(ULONG);
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_WAIT_ON_MASK: {
        if (!out || !fits<ULONG>(out_size)) return STATUS_BUFFER_TOO_SMALL;
        Port port;
        if (!port_of(fd, port)) return STATUS_INVALID_HANDLE;
        if (!port.wait_mask) return STATUS_INVALID_PARAMETER;
        ULONG events = 0;
        if (NTSTATUS status = wait_on_mask(fd, port.wait_mask, modem_status(fd), events)) return status;
        *static_cast<ULONG*>(out) = events;
        info = sizeof(ULONG);
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_PURGE: {
        if (!in || !fits<ULONG>(in_size)) return STATUS_BUFFER_TOO_SMALL;
        ULONG what = *static_cast<const ULONG*>(in);
        if (what & ~0xfu) return STATUS_INVALID_PARAMETER;
        bool rx = what & (SERIAL_PURGE_RXCLEAR | SERIAL_PURGE_RXABORT);
        bool tx = what & (SERIAL_PURGE_TXCLEAR | SERIAL_PURGE_TXABORT);
        if ((rx || tx) && tcflush(fd, rx && tx ? TCIOFLUSH : rx ? TCIFLUSH : TCOFLUSH) != 0)
            return ntdll::status_from_errno(errno);
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_GET_COMMSTATUS: {
        if (!out || !fits<SERIAL_STATUS>(out_size)) return STATUS_BUFFER_TOO_SMALL;
        SERIAL_STATUS status{};
        status.AmountInInQueue = queued(fd, FIONREAD);
        status.AmountInOutQueue = queued(fd, TIOCOUTQ);
        *static_cast<SERIAL_STATUS*>(out) = status;
        info = sizeof status;
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_GET_MODEMSTATUS:
        if (!out || !fits<ULONG>(out_size)) return STATUS_BUFFER_TOO_SMALL;
        *static_cast<ULONG*>(out) = modem_status(fd);
        info = sizeof(ULONG);
        return STATUS_SUCCESS;
    case IOCTL_SERIAL_GET_DTRRTS: {
        if (!out || !fits<ULONG>(out_size)) return STATUS_BUFFER_TOO_SMALL;
        int bits = 0;
        ioctl(fd, TIOCMGET, &bits);
        *static_cast<ULONG*>(out) = ((bits & TIOCM_DTR) ? 1u : 0u) | ((bits & TIOCM_RTS) ? 2u : 0u);
        info = sizeof(ULONG);
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_SET_DTR: return modem_lines(fd, TIOCMBIS, TIOCM_DTR);
    case IOCTL_SERIAL_CLR_DTR: return modem_lines(fd, TIOCMBIC, TIOCM_DTR);
    case IOCTL_SERIAL_SET_RTS: return modem_lines(fd, TIOCMBIS, TIOCM_RTS);
    case IOCTL_SERIAL_CLR_RTS: return modem_lines(fd, TIOCMBIC, TIOCM_RTS);
    case IOCTL_SERIAL_SET_BREAK_ON:
    case IOCTL_SERIAL_SET_BREAK_OFF:
        if (ioctl(fd, code == IOCTL_SERIAL_SET_BREAK_ON ? TIOCSBRK : TIOCCBRK) != 0)
            return ntdll::status_from_errno(errno);
        change_port(fd, [&](Port& p) { p.broken = code == IOCTL_SERIAL_SET_BREAK_ON; });
        return STATUS_SUCCESS;
    case IOCTL_SERIAL_SET_XOFF: return tcflow(fd, TCOOFF) == 0 ? STATUS_SUCCESS : ntdll::status_from_errno(errno);
    case IOCTL_SERIAL_SET_XON: return tcflow(fd, TCOON) == 0 ? STATUS_SUCCESS : ntdll::status_from_errno(errno);
    case IOCTL_SERIAL_RESET_DEVICE: return STATUS_SUCCESS;
    case IOCTL_SERIAL_IMMEDIATE_CHAR: {
        if (!in || !fits<UCHAR>(in_size)) return STATUS_BUFFER_TOO_SMALL;
        ULONG written = 0;
        return ntdll::serial::write(fd, in, 1, written);
    }
    case IOCTL_SERIAL_SET_QUEUE_SIZE: {
        if (!in || !fits<SERIAL_QUEUE_SIZE>(in_size)) return STATUS_BUFFER_TOO_SMALL;
        auto queues = *static_cast<const SERIAL_QUEUE_SIZE*>(in);
        change_port(fd, [&](Port& p) { p.queues = queues; });
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_SET_CHARS: {
        if (!in || !fits<SERIAL_CHARS>(in_size)) return STATUS_BUFFER_TOO_SMALL;
        auto chars = *static_cast<const SERIAL_CHARS*>(in);
        if (chars.XonChar == chars.XoffChar) return STATUS_INVALID_PARAMETER;
        if (NTSTATUS status = get_termios(fd, t)) return status;
        t.c_cc[VSTART] = chars.XonChar;
        t.c_cc[VSTOP] = chars.XoffChar;
        if (NTSTATUS status = set_termios(fd, t)) return status;
        change_port(fd, [&](Port& p) { p.chars = chars; });
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_GET_CHARS: {
        if (!out || !fits<SERIAL_CHARS>(out_size)) return STATUS_BUFFER_TOO_SMALL;
        Port port;
        if (!port_of(fd, port)) return STATUS_INVALID_HANDLE;
        if (NTSTATUS status = get_termios(fd, t)) return status;
        SERIAL_CHARS chars = port.chars;
        chars.XonChar = t.c_cc[VSTART];
        chars.XoffChar = t.c_cc[VSTOP];
        *static_cast<SERIAL_CHARS*>(out) = chars;
        info = sizeof chars;
        return STATUS_SUCCESS;
    }
    default: return STATUS_INVALID_DEVICE_REQUEST;
    }
}

}  // namespace

NTSTATUS ntdll::serial::device_control(const DeviceRequest& r) {
    const ntdll::OpenFile& file = r.file;
    // WAIT_ON_MASK on an asynchronous handle: pending in the engine, which
    // looks at the port on input and every 20 ms (modem lines, a new mask).
    if (r.code == IOCTL_SERIAL_WAIT_ON_MASK && !file.synchronous() && r.out && r.out_size >= sizeof(ULONG)) {
        Port port;
        if (!port_of(file.fd, port)) return STATUS_INVALID_HANDLE;
        if (!port.wait_mask) return STATUS_INVALID_PARAMETER;
        auto state = async::state_of(r.handle, file);
        auto request = std::make_unique<async::Request>();
        request->handle = r.handle;
        request->fd = file.fd;
        request->operation = async::Operation::watch;
        request->state = state;
        request->wants_readable = port.wait_mask & SERIAL_EV_RXCHAR;
        if (NTSTATUS failed = async::prepare(request->completion, *state, r.event, r.apc, r.apc_context, r.io))
            return failed;
        request->custom = [fd = file.fd, mask = port.wait_mask, modem = modem_status(file.fd), out = r.out,
                           self = request.get()]() -> std::optional<async::Result> {
            ULONG events = events_now(fd, mask, modem);
            Port now;
            if (!port_of(fd, now)) return async::Result{STATUS_INVALID_HANDLE, 0};
            // A new mask ends a pending wait with no events, as Windows does.
            if (events || now.wait_mask != mask) {
                *static_cast<ULONG*>(out) = events;
                return async::Result{STATUS_SUCCESS, sizeof(ULONG)};
            }
            self->deadline_ms = now_ms() + 20;
            return std::nullopt;
        };
        return async::start(std::move(request));
    }
    ULONG_PTR information = 0;
    NTSTATUS status = control(file.fd, r.code, r.in, r.in_size, r.out, r.out_size, information);
    return ntdll::complete_control(r, status, information);
}
