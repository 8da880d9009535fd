// The Universal CRT's stdio entry points: __acrt_iob_func and the
// __stdio_common_* functions that its headers' printf/scanf inlines call,
// over msvcrt's engines (shared code; the float style is set at load).
#include <string>

#include "core/printf_format.h"
#include "msvcrt_private.h"

MSVCRT_API int MSVCRT_vfprintf(MSVCRT_FILE* f, const char* fmt, ms_va_list ap);
MSVCRT_API int MSVCRT_vfwprintf(MSVCRT_FILE* f, const WCHAR* fmt, ms_va_list ap);
MSVCRT_API int MSVCRT__vsnprintf_s(char* b, size_t n, size_t c, const char* fmt, ms_va_list ap);
MSVCRT_API int MSVCRT__vsnwprintf_s(WCHAR* b, size_t n, size_t c, const WCHAR* fmt, ms_va_list ap);
MSVCRT_API int MSVCRT_vsnscanf(const char* s, size_t n, const char* fmt, ms_va_list ap);
MSVCRT_API int MSVCRT_vsnwscanf(const WCHAR* s, size_t n, const WCHAR* fmt, ms_va_list ap);
MSVCRT_API int MSVCRT_vfscanf(MSVCRT_FILE* f, const char* fmt, ms_va_list ap);
MSVCRT_API int MSVCRT_vfwscanf(MSVCRT_FILE* f, const WCHAR* fmt, ms_va_list ap);

namespace {

// _CRT_INTERNAL_PRINTF_* option bits.
constexpr unsigned long long kLegacyNullTermination = 1;  // _vsnprintf: no terminator when exactly full
constexpr unsigned long long kStandardSnprintf = 2;       // C99: the length needed, output cut and terminated

__attribute__((constructor)) void use_ucrt_float_style() {
    vine::msvcrt::set_float_style(vine::msvcrt::FloatStyle::Ucrt);
}

template <typename CharT>
int print_to_buffer(unsigned long long options, CharT* buffer, size_t count, const CharT* format, ms_va_list ap) {
    if (!format) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    std::basic_string<CharT> out;
    if (!vine::msvcrt::format(out, reinterpret_cast<const CharT*>(format), ap)) return -1;
    size_t length = out.size();
    if (options & kStandardSnprintf) {
        if (buffer && count) {
            size_t n = length < count ? length : count - 1;
            out.copy(buffer, n);
            buffer[n] = 0;
        }
        return static_cast<int>(length);
    }
    if (!buffer) return count == 0 ? static_cast<int>(length) : -1;
    if (length < count) {
        out.copy(buffer, length);
        buffer[length] = 0;
        return static_cast<int>(length);
    }
    if (options & kLegacyNullTermination) {
        out.copy(buffer, count);
        return length == count ? static_cast<int>(length) : -1;
    }
    if (count) {
        out.copy(buffer, count - 1);
        buffer[count - 1] = 0;
    }
    return -1;
}

}  // namespace

MSVCRT_API MSVCRT_FILE* ucrt_acrt_iob_func(unsigned index) { return index < 3 ? &MSVCRT__iob[index] : nullptr; }

MSVCRT_API int ucrt_stdio_common_vfprintf(unsigned long long, MSVCRT_FILE* file, const char* format, void*,
                                          ms_va_list ap) {
    return MSVCRT_vfprintf(file, format, ap);
}
MSVCRT_API int ucrt_stdio_common_vfwprintf(unsigned long long, MSVCRT_FILE* file, const WCHAR* format, void*,
                                           ms_va_list ap) {
    return MSVCRT_vfwprintf(file, format, ap);
}
MSVCRT_API int ucrt_stdio_common_vsprintf(unsigned long long options, char* buffer, size_t count, const char* format,
                                          void*, ms_va_list ap) {
    return print_to_buffer(options, buffer, count, format, ap);
}
MSVCRT_API int ucrt_stdio_common_vswprintf(unsigned long long options, WCHAR* buffer, size_t count,
                                           const WCHAR* format, void*, ms_va_list ap) {
    return print_to_buffer(options, reinterpret_cast<char16_t*>(buffer), count,
                           reinterpret_cast<const char16_t*>(format), ap);
}
MSVCRT_API int ucrt_stdio_common_vsnprintf_s(unsigned long long, char* buffer, size_t size, size_t count,
                                             const char* format, void*, ms_va_list ap) {
    return MSVCRT__vsnprintf_s(buffer, size, count, format, ap);
}
MSVCRT_API int ucrt_stdio_common_vsnwprintf_s(unsigned long long, WCHAR* buffer, size_t size, size_t count,
                                              const WCHAR* format, void*, ms_va_list ap) {
    return MSVCRT__vsnwprintf_s(buffer, size, count, format, ap);
}
MSVCRT_API int ucrt_stdio_common_vfscanf(unsigned long long, MSVCRT_FILE* file, const char* format, void*,
                                         ms_va_list ap) {
    return MSVCRT_vfscanf(file, format, ap);
}
MSVCRT_API int ucrt_stdio_common_vfwscanf(unsigned long long, MSVCRT_FILE* file, const WCHAR* format, void*,
                                          ms_va_list ap) {
    return MSVCRT_vfwscanf(file, format, ap);
}
MSVCRT_API int ucrt_stdio_common_vsscanf(unsigned long long, const char* buffer, size_t count, const char* format,
                                         void*, ms_va_list ap) {
    return MSVCRT_vsnscanf(buffer, count, format, ap);
}
MSVCRT_API int ucrt_stdio_common_vswscanf(unsigned long long, const WCHAR* buffer, size_t count, const WCHAR* format,
                                          void*, ms_va_list ap) {
    return MSVCRT_vsnwscanf(buffer, count, format, ap);
}
