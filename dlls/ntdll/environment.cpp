// Environment blocks ("NAME=VALUE\0...\0"): the expansion of %NAME%
// references, with Windows' exact rules for a short buffer (checked against
// Windows by Wine's tests): literal characters are written while one place
// is left; a variable's value is written with its terminator only if both
// fit, and when it does not, a terminator goes at the cursor and nothing
// more is written. A %NAME% that names no variable stays as written. The
// length returned is always that of the whole result, terminator included.
#include <cstring>
#include <string_view>

#include "ntdll_private.h"
#include "vine/ntstatus.h"
#include "vine/teb.h"
#include "vine/unicode.h"

namespace {

const WCHAR* process_environment() { return current_teb()->ProcessEnvironmentBlock->ProcessParameters->Environment; }

// The value of `name` in `block` (names compare ignoring case), or nullopt.
bool find_value(const WCHAR* block, std::u16string_view name, std::u16string_view& value) {
    if (!block || name.empty()) return false;
    for (const WCHAR* entry = block; *entry; entry += vine::utf16_length(entry) + 1) {
        std::u16string_view text(entry, vine::utf16_length(entry));
        // "=C:=C:\\dir" entries start with '='; the separator is the next one.
        size_t eq = text.find(u'=', 1);
        if (eq != std::u16string_view::npos && vine::equal_ignore_case(text.substr(0, eq), name)) {
            value = text.substr(eq + 1);
            return true;
        }
    }
    return false;
}

}  // namespace

VINE_EXPORT NTSTATUS RtlExpandEnvironmentStrings(const WCHAR* environment, const WCHAR* source, SIZE_T source_length,
                                                 WCHAR* destination, SIZE_T count, SIZE_T* needed) {
    if (!environment) environment = process_environment();
    std::u16string_view text(source ? source : u"", source ? source_length : 0);
    SIZE_T total = 0, cursor = 0;
    bool writing = destination && count;
    auto put_literal = [&](std::u16string_view part) {
        for (char16_t c : part) {
            if (writing && cursor + 1 < count) destination[cursor++] = c;
            else writing = false;
        }
        total += part.size();
    };
    size_t pos = 0;
    while (pos < text.size()) {
        size_t open = text.find(u'%', pos), close = std::u16string_view::npos;
        if (open != std::u16string_view::npos) close = text.find(u'%', open + 1);
        if (close == std::u16string_view::npos) {
            put_literal(text.substr(pos));
            break;
        }
        put_literal(text.substr(pos, open - pos));
        std::u16string_view value;
        if (!find_value(environment, text.substr(open + 1, close - open - 1), value)) {
            put_literal(text.substr(open, close - open + 1));
        } else {
            if (writing && cursor + value.size() + 1 <= count) {
                memcpy(destination + cursor, value.data(), value.size() * sizeof(WCHAR));
                cursor += value.size();
                destination[cursor] = 0;
            } else if (writing) {
                destination[cursor] = 0;
                writing = false;
            }
            total += value.size();
        }
        pos = close + 1;
    }
    ++total;  // the terminator
    if (needed) *needed = total;
    if (total > count) return STATUS_BUFFER_TOO_SMALL;
    if (destination) destination[total - 1] = 0;
    return STATUS_SUCCESS;
}

// The counted form: lengths in bytes; the result's Length excludes the
// terminator.
VINE_EXPORT NTSTATUS RtlExpandEnvironmentStrings_U(const WCHAR* environment, const UNICODE_STRING* source,
                                                   UNICODE_STRING* destination, ULONG* needed_bytes) {
    if (!source || !destination) return STATUS_INVALID_PARAMETER;
    SIZE_T needed = 0;
    NTSTATUS status = RtlExpandEnvironmentStrings(environment, source->Buffer, source->Length / sizeof(WCHAR),
                                                  destination->Buffer, destination->MaximumLength / sizeof(WCHAR),
                                                  &needed);
    if (needed_bytes) *needed_bytes = static_cast<ULONG>(needed * sizeof(WCHAR));
    if (status == STATUS_SUCCESS) destination->Length = static_cast<USHORT>((needed - 1) * sizeof(WCHAR));
    return status;
}
