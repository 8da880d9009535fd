// The console as far as a program writing to a terminal needs it.
#include <sys/ioctl.h>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

#include "kernel32_private.h"
#include "vine/server_client.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

// Console functions work only on a handle that is a terminal.
int console_fd(HANDLE handle) {
    int fd = vine::client::handle_fd(handle);
    if (fd < 0 || !isatty(fd)) {
        set_error(ERROR_INVALID_HANDLE);
        return -1;
    }
    return fd;
}

}  // namespace

VINE_EXPORT BOOL GetConsoleMode(HANDLE handle, DWORD* mode) {
    if (console_fd(handle) < 0) return FALSE;
    *mode = handle == GetStdHandle(STD_INPUT_HANDLE) ? 0x1f7 : 0x3;
    return TRUE;
}

VINE_EXPORT BOOL SetConsoleMode(HANDLE handle, DWORD mode) { return console_fd(handle) >= 0; }

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

VINE_EXPORT BOOL WriteConsoleA(HANDLE handle, const void* buffer, DWORD length, DWORD* written, void*) {
    int fd = console_fd(handle);
    if (fd < 0) return FALSE;
    std::string ansi(static_cast<const char*>(buffer), length);
    std::string text = vine::utf16_to_utf8(wide_from_ansi(ansi.c_str()));
    if (write(fd, text.data(), text.size()) < 0) return fail_errno();
    if (written) *written = length;
    return TRUE;
}

VINE_EXPORT UINT GetConsoleCP() { return 437; }
VINE_EXPORT UINT GetConsoleOutputCP() { return 437; }

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
