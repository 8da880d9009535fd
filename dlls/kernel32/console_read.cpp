// ReadConsoleW / ReadConsoleA: characters typed at the terminal. The
// terminal's line discipline does the editing and echo; its UTF-8 is
// decoded here, a sequence split across reads waits for its end, and in
// line-input mode each "\n" becomes "\r\n" as a Windows console returns it.
// What does not fit in the caller's buffer is kept for the next call.
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <string>

#include "vine/locks.h"
#include "kernel32_private.h"
#include "vine/unicode.h"

using namespace kernel32;

namespace {

constexpr DWORD ENABLE_LINE_INPUT = 0x2;

vine::Mutex read_lock;
std::string partial;        // the start of a UTF-8 sequence the last read cut
std::u16string pending;     // decoded characters not yet returned

// How many bytes at the end of `bytes` start a UTF-8 sequence that is not
// complete yet.
size_t incomplete_tail(const std::string& bytes) {
    size_t back = 0;
    while (back < bytes.size() && back < 4) {
        auto c = static_cast<unsigned char>(bytes[bytes.size() - 1 - back]);
        ++back;
        if ((c & 0xc0) == 0x80) continue;  // a continuation byte
        size_t length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        return length > back ? back : 0;
    }
    return 0;
}

// Reads the terminal until at least one character is pending; false on a
// read error (the last error set). End of input leaves `pending` empty.
bool fill(int fd) {
    while (pending.empty()) {
        char buffer[4096];
        ssize_t got = read(fd, buffer, sizeof(buffer));
        if (got < 0) {
            if (errno == EINTR) continue;
            fail_errno();
            return false;
        }
        if (got == 0) return true;
        partial.append(buffer, static_cast<size_t>(got));
        size_t keep = incomplete_tail(partial);
        std::u16string text = vine::utf8_to_utf16(std::string_view(partial).substr(0, partial.size() - keep));
        partial.erase(0, partial.size() - keep);
        bool lines = console_input_mode() & ENABLE_LINE_INPUT;
        for (char16_t c : text) {
            if (c == u'\n' && lines) pending.push_back(u'\r');
            pending.push_back(c);
        }
    }
    return true;
}

// The checks and the read both forms start with; false when done (the
// result and the last error set), true when `pending` holds characters.
bool begin_read(HANDLE handle, void* buffer, DWORD to_read, DWORD* read_count, BOOL& result) {
    int fd = console_fd(handle);
    result = FALSE;
    if (fd < 0) return false;
    if (!buffer || !read_count) {
        set_error(ERROR_INVALID_PARAMETER);
        return false;
    }
    *read_count = 0;
    result = TRUE;
    if (to_read == 0) return false;
    if (!fill(fd)) {
        result = FALSE;
        return false;
    }
    return true;
}

}  // namespace

VINE_EXPORT BOOL ReadConsoleW(HANDLE handle, void* buffer, DWORD to_read, DWORD* read_count, void* control) {
    std::lock_guard guard(read_lock);
    BOOL result;
    if (!begin_read(handle, buffer, to_read, read_count, result)) return result;
    size_t count = pending.size() < to_read ? pending.size() : to_read;
    pending.copy(static_cast<char16_t*>(buffer), count);
    pending.erase(0, count);
    *read_count = static_cast<DWORD>(count);
    return TRUE;
}

// The characters converted to the console's input code page; a character
// whose bytes do not all fit stays pending.
VINE_EXPORT BOOL ReadConsoleA(HANDLE handle, void* buffer, DWORD to_read, DWORD* read_count, void* control) {
    std::lock_guard guard(read_lock);
    BOOL result;
    if (!begin_read(handle, buffer, to_read, read_count, result)) return result;
    UINT code_page = console_input_code_page();
    auto* out = static_cast<char*>(buffer);
    DWORD done = 0;
    size_t used = 0;
    while (used < pending.size()) {
        size_t units = (pending[used] >= 0xd800 && pending[used] < 0xdc00 && used + 1 < pending.size()) ? 2 : 1;
        char bytes[8];
        int length = WideCharToMultiByte(code_page, 0, reinterpret_cast<const WCHAR*>(pending.data() + used),
                                         static_cast<int>(units), bytes, sizeof(bytes), nullptr, nullptr);
        if (length <= 0) length = 0;
        if (done + static_cast<DWORD>(length) > to_read) break;
        for (int i = 0; i < length; ++i) out[done++] = bytes[i];
        used += units;
    }
    pending.erase(0, used);
    *read_count = done;
    return TRUE;
}
