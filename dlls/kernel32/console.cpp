// The console as far as a program writing to a terminal needs it.
#include <fcntl.h>
#include <sys/ioctl.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

#include "vine/locks.h"
#include "kernel32_private.h"
#include "vine/server_client.h"
#include "vine/unicode.h"

using namespace kernel32;

extern "C" WINAPI BOOL IsValidCodePage(UINT code_page);  // codepage.cpp

namespace kernel32 {

// Console functions work only on a handle that is a terminal.
int console_fd(HANDLE handle) {
    int fd = vine::client::handle_fd(handle);
    if (fd < 0 || !isatty(fd)) {
        set_error(ERROR_INVALID_HANDLE);
        return -1;
    }
    return fd;
}

}  // namespace kernel32

namespace {

constexpr DWORD ENABLE_PROCESSED_INPUT = 0x1, ENABLE_LINE_INPUT = 0x2, ENABLE_ECHO_INPUT = 0x4;
constexpr DWORD input_mode_mask = 0x3ff;   // through ENABLE_VIRTUAL_TERMINAL_INPUT
constexpr DWORD output_mode_mask = 0x1f;   // through ENABLE_LVB_GRID_WORLDWIDE

// The modes of the console's input and of its screen buffer. A terminal
// always interprets escape sequences and wraps lines, so the output flags
// are recorded for GetConsoleMode without changing what writes do.
std::atomic<DWORD> input_mode{0x1f7};
std::atomic<DWORD> output_mode{0x3};

// The input flags a terminal's line discipline can honour: line editing
// (ICANON), echo (ECHO) and Ctrl+C as a signal (ISIG). The terminal's
// settings before the first change are put back when the process ends.
vine::Mutex termios_lock;
std::optional<termios> original_termios;
int termios_fd = -1;

bool apply_input_mode(int fd, DWORD mode) {
    std::lock_guard guard(termios_lock);
    termios settings{};
    if (tcgetattr(fd, &settings) != 0) return fail_errno();
    if (!original_termios) {
        original_termios = settings;
        termios_fd = fd;
    }
    auto set = [&](tcflag_t flag, bool on) { settings.c_lflag = on ? settings.c_lflag | flag : settings.c_lflag & ~flag; };
    set(ICANON, mode & ENABLE_LINE_INPUT);
    set(ECHO, mode & ENABLE_ECHO_INPUT);
    set(ISIG, mode & ENABLE_PROCESSED_INPUT);
    // Without line input a read returns as soon as one byte is there.
    settings.c_cc[VMIN] = 1;
    settings.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSANOW, &settings) != 0) return fail_errno();
    return TRUE;
}

// A terminal opened for reading only, or standard input, is the input side.
bool is_input(HANDLE handle, int fd) {
    if (handle == GetStdHandle(STD_INPUT_HANDLE)) return true;
    int flags = fcntl(fd, F_GETFL);
    return flags >= 0 && (flags & O_ACCMODE) == O_RDONLY;
}

}  // namespace

namespace kernel32 {

DWORD console_input_mode() { return input_mode.load(); }

void restore_console_input() {
    std::lock_guard guard(termios_lock);
    if (original_termios) tcsetattr(termios_fd, TCSANOW, &*original_termios);
}

}  // namespace kernel32

VINE_EXPORT BOOL GetConsoleMode(HANDLE handle, DWORD* mode) {
    int fd = console_fd(handle);
    if (fd < 0) return FALSE;
    if (!mode) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *mode = is_input(handle, fd) ? input_mode.load() : output_mode.load();
    return TRUE;
}

VINE_EXPORT BOOL SetConsoleMode(HANDLE handle, DWORD mode) {
    int fd = console_fd(handle);
    if (fd < 0) return FALSE;
    if (is_input(handle, fd)) {
        // Echo needs line input, as Windows documents.
        if ((mode & ~input_mode_mask) || ((mode & ENABLE_ECHO_INPUT) && !(mode & ENABLE_LINE_INPUT))) {
            set_error(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        if (!apply_input_mode(fd, mode)) return FALSE;
        input_mode = mode;
    } else {
        if (mode & ~output_mode_mask) {
            set_error(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        output_mode = mode;
    }
    return TRUE;
}

namespace {

struct COORD {
    SHORT X, Y;
};
struct SMALL_RECT {
    SHORT Left, Top, Right, Bottom;
};
struct CONSOLE_SCREEN_BUFFER_INFO {
    COORD dwSize, dwCursorPosition;
    WORD wAttributes;
    SMALL_RECT srWindow;
    COORD dwMaximumWindowSize;
};
static_assert(sizeof(CONSOLE_SCREEN_BUFFER_INFO) == 22);

}  // namespace

// The terminal's size is the screen buffer's and the window's; the cursor
// position is not known without asking the terminal (which would read
// input), so it is reported at the origin. Colours are the default grey on
// black (FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE).
VINE_EXPORT BOOL GetConsoleScreenBufferInfo(HANDLE handle, CONSOLE_SCREEN_BUFFER_INFO* info) {
    int fd = console_fd(handle);
    if (fd < 0) return FALSE;
    winsize size{};
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0 || size.ws_row == 0) {
        size.ws_col = 80;
        size.ws_row = 25;
    }
    SHORT columns = static_cast<SHORT>(size.ws_col), rows = static_cast<SHORT>(size.ws_row);
    *info = {};
    info->dwSize = {columns, rows};
    info->wAttributes = 0x7;
    info->srWindow = {0, 0, static_cast<SHORT>(columns - 1), static_cast<SHORT>(rows - 1)};
    info->dwMaximumWindowSize = {columns, rows};
    return TRUE;
}

namespace {

struct CONSOLE_SCREEN_BUFFER_INFOEX {
    ULONG cbSize;
    COORD dwSize, dwCursorPosition;
    WORD wAttributes;
    SMALL_RECT srWindow;
    COORD dwMaximumWindowSize;
    WORD wPopupAttributes;
    BOOL bFullscreenSupported;
    DWORD ColorTable[16];  // COLORREF, 0x00bbggrr
};
static_assert(sizeof(CONSOLE_SCREEN_BUFFER_INFOEX) == 96);

// Windows 10's default console palette ("Campbell"), in attribute order.
constexpr DWORD default_palette[16] = {
    0x0c0c0c, 0xda3700, 0x0ea113, 0xdd963a, 0x1f0fc5, 0x981788, 0x009cc1, 0xcccccc,
    0x767676, 0xff783b, 0x0cc616, 0xd6d661, 0x5648e7, 0x9e00b4, 0xa5f1f9, 0xf2f2f2,
};

}  // namespace

VINE_EXPORT BOOL GetConsoleScreenBufferInfoEx(HANDLE handle, CONSOLE_SCREEN_BUFFER_INFOEX* info) {
    if (!info || info->cbSize != sizeof(CONSOLE_SCREEN_BUFFER_INFOEX)) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    CONSOLE_SCREEN_BUFFER_INFO basic{};
    if (!GetConsoleScreenBufferInfo(handle, &basic)) return FALSE;
    info->dwSize = basic.dwSize;
    info->dwCursorPosition = basic.dwCursorPosition;
    info->wAttributes = basic.wAttributes;
    info->srWindow = basic.srWindow;
    info->dwMaximumWindowSize = basic.dwMaximumWindowSize;
    info->wPopupAttributes = 0xf5;  // Windows' default: magenta on white
    info->bFullscreenSupported = FALSE;
    for (int i = 0; i < 16; ++i) info->ColorTable[i] = default_palette[i];
    return TRUE;
}

VINE_EXPORT BOOL WriteConsoleW(HANDLE handle, const void* buffer, DWORD length, DWORD* written, void*) {
    int fd = console_fd(handle);
    if (fd < 0) return FALSE;
    std::string text = vine::utf16_to_utf8(std::u16string_view(static_cast<const WCHAR*>(buffer), length));
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n <= 0) return fail_errno();
        done += static_cast<size_t>(n);
    }
    if (written) *written = length;
    return TRUE;
}

namespace {

// The console's code pages: what ReadConsoleA produces and what
// WriteConsoleA's bytes are in. Windows starts consoles at the OEM code page.
std::atomic<UINT> input_code_page{437};
std::atomic<UINT> output_code_page{437};

}  // namespace

namespace kernel32 {

UINT console_input_code_page() { return input_code_page.load(); }

}  // namespace kernel32

VINE_EXPORT BOOL WriteConsoleA(HANDLE handle, const void* buffer, DWORD length, DWORD* written, void*) {
    int fd = console_fd(handle);
    if (fd < 0) return FALSE;
    std::u16string wide;
    if (length > 0) {
        const auto* bytes = static_cast<const char*>(buffer);
        int count = MultiByteToWideChar(output_code_page, 0, bytes, static_cast<int>(length), nullptr, 0);
        wide.resize(count > 0 ? static_cast<size_t>(count) : 0);
        if (count > 0)
            MultiByteToWideChar(output_code_page, 0, bytes, static_cast<int>(length),
                                reinterpret_cast<WCHAR*>(wide.data()), count);
    }
    std::string text = vine::utf16_to_utf8(wide);
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n <= 0) return fail_errno();
        done += static_cast<size_t>(n);
    }
    if (written) *written = length;
    return TRUE;
}

VINE_EXPORT UINT GetConsoleCP() { return input_code_page; }
VINE_EXPORT UINT GetConsoleOutputCP() { return output_code_page; }

namespace {

BOOL set_code_page(std::atomic<UINT>& setting, UINT code_page) {
    if (!IsValidCodePage(code_page)) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    setting = code_page;
    return TRUE;
}

}  // namespace

VINE_EXPORT BOOL SetConsoleCP(UINT code_page) { return set_code_page(input_code_page, code_page); }
VINE_EXPORT BOOL SetConsoleOutputCP(UINT code_page) { return set_code_page(output_code_page, code_page); }

// Colours become ANSI escape sequences on the terminal. Windows numbers
// colours blue=1, green=2, red=4; ANSI red=1, green=2, blue=4. The default
// attributes (grey on black, what GetConsoleScreenBufferInfo reports) reset
// the terminal to its own defaults, and black backgrounds stay the
// terminal's, so light-themed terminals keep their look.
VINE_EXPORT BOOL SetConsoleTextAttribute(HANDLE handle, WORD attributes) {
    int fd = console_fd(handle);
    if (fd < 0) return FALSE;
    auto ansi = [](unsigned windows) { return ((windows & 1) << 2) | (windows & 2) | ((windows & 4) >> 2); };
    char sequence[32];
    int length;
    if ((attributes & 0xff) == 0x07) {
        length = snprintf(sequence, sizeof sequence, "\x1b[0m");
    } else {
        unsigned foreground = attributes & 0xf, background = (attributes >> 4) & 0xf;
        // A black background is the terminal's own (49), as for the defaults.
        unsigned background_code = background == 0 ? 49 : (background & 8 ? 100 : 40) + ansi(background);
        length = snprintf(sequence, sizeof sequence, "\x1b[0;%u;%um", (foreground & 8 ? 90 : 30) + ansi(foreground),
                          background_code);
    }
    ssize_t ignored = write(fd, sequence, static_cast<size_t>(length));
    (void)ignored;  // a colour that does not reach the terminal is no error of the caller's
    return TRUE;
}
