// The printf family's exports, on the engine in core/printf_format.cpp.
#include <cstring>
#include <string>

#include "core/crt_shared.h"
#include "core/printf_format.h"
#include "msvcrt_private.h"

using vine::msvcrt::format;

namespace {

// Writes formatted narrow text in one piece, so console output of one call is
// one write (msvcrt's temporary buffering of printf on a console).
int output(MSVCRT_FILE* f, const std::string& text) {
    if (!f) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    return MSVCRT_fwrite(text.data(), 1, text.size(), f) == text.size() ? static_cast<int>(text.size()) : -1;
}

int output(MSVCRT_FILE* f, const std::u16string& text) {
    if (!f) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    MsvcrtFd* fd = msvcrt_fd(f->_file);
    if (fd && !fd->text)
        return MSVCRT_fwrite(text.data(), 2, text.size(), f) == text.size() ? static_cast<int>(text.size()) : -1;
    std::string narrow;
    narrow.reserve(text.size());
    for (char16_t c : text) {
        if (c > 0xff) {
            // Not representable in the "C" locale: msvcrt stops here.
            msvcrt_set_errno(MSVCRT_EILSEQ);
            MSVCRT_fwrite(narrow.data(), 1, narrow.size(), f);
            return -1;
        }
        narrow.push_back(static_cast<char>(c));
    }
    return MSVCRT_fwrite(narrow.data(), 1, narrow.size(), f) == narrow.size() ? static_cast<int>(text.size()) : -1;
}

template <class CharT>
int vfprintf_impl(MSVCRT_FILE* f, const CharT* fmt, ms_va_list ap) {
    std::basic_string<CharT> text;
    if (!format(text, fmt, ap)) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return -1;
    }
    msvcrt_lock_streams();
    int r = output(f, text);
    msvcrt_unlock_streams();
    return r;
}

void set_errno(int value) { msvcrt_set_errno(value); }

// The buffer variants are crt_shared.h's (ntdll's are the same).
template <class C>
int vsnprintf_impl(C* buffer, size_t count, const C* fmt, ms_va_list ap) {
    return vine::msvcrt::print_bounded(buffer, count, fmt, ap, set_errno);
}
template <class C>
int vsprintf_impl(C* buffer, const C* fmt, ms_va_list ap) {
    return vine::msvcrt::print_unbounded(buffer, fmt, ap, set_errno);
}
template <class C>
int vscprintf_impl(const C* fmt, ms_va_list ap) {
    return vine::msvcrt::print_length(fmt, ap, set_errno);
}
template <class C>
int vsprintf_s_impl(C* buffer, size_t size, const C* fmt, ms_va_list ap) {
    return vine::msvcrt::print_secure(buffer, size, fmt, ap, set_errno);
}
template <class C>
int vsnprintf_s_impl(C* buffer, size_t size, size_t count, const C* fmt, ms_va_list ap) {
    return vine::msvcrt::print_secure_bounded(buffer, size, count, fmt, ap, set_errno);
}

}  // namespace


MSVCRT_API int MSVCRT_vfprintf(MSVCRT_FILE* f, const char* fmt, ms_va_list ap) { return vfprintf_impl(f, fmt, ap); }
MSVCRT_API int MSVCRT_vprintf(const char* fmt, ms_va_list ap) { return vfprintf_impl(MSVCRT_stdout, fmt, ap); }
MSVCRT_API int MSVCRT_fprintf(MSVCRT_FILE* f, const char* fmt, ...) { VA_CALL(fmt, vfprintf_impl(f, fmt, ap)); }
MSVCRT_API int MSVCRT_printf(const char* fmt, ...) { VA_CALL(fmt, vfprintf_impl(MSVCRT_stdout, fmt, ap)); }
MSVCRT_API int MSVCRT_vsprintf(char* b, const char* fmt, ms_va_list ap) { return vsprintf_impl(b, fmt, ap); }
MSVCRT_API int MSVCRT_sprintf(char* b, const char* fmt, ...) { VA_CALL(fmt, vsprintf_impl(b, fmt, ap)); }
MSVCRT_API int MSVCRT__vsnprintf(char* b, size_t n, const char* fmt, ms_va_list ap) {
    return vsnprintf_impl(b, n, fmt, ap);
}
MSVCRT_API int MSVCRT__snprintf(char* b, size_t n, const char* fmt, ...) { VA_CALL(fmt, vsnprintf_impl(b, n, fmt, ap)); }
MSVCRT_API int MSVCRT__vscprintf(const char* fmt, ms_va_list ap) { return vscprintf_impl(fmt, ap); }
MSVCRT_API int MSVCRT__scprintf(const char* fmt, ...) { VA_CALL(fmt, vscprintf_impl(fmt, ap)); }
MSVCRT_API int MSVCRT_vsprintf_s(char* b, size_t n, const char* fmt, ms_va_list ap) {
    return vsprintf_s_impl(b, n, fmt, ap);
}
MSVCRT_API int MSVCRT_sprintf_s(char* b, size_t n, const char* fmt, ...) { VA_CALL(fmt, vsprintf_s_impl(b, n, fmt, ap)); }
MSVCRT_API int MSVCRT__vsnprintf_s(char* b, size_t n, size_t c, const char* fmt, ms_va_list ap) {
    return vsnprintf_s_impl(b, n, c, fmt, ap);
}
MSVCRT_API int MSVCRT__snprintf_s(char* b, size_t n, size_t c, const char* fmt, ...) {
    VA_CALL(fmt, vsnprintf_s_impl(b, n, c, fmt, ap));
}
MSVCRT_API int MSVCRT_vfprintf_s(MSVCRT_FILE* f, const char* fmt, ms_va_list ap) { return vfprintf_impl(f, fmt, ap); }
MSVCRT_API int MSVCRT_fprintf_s(MSVCRT_FILE* f, const char* fmt, ...) { VA_CALL(fmt, vfprintf_impl(f, fmt, ap)); }
MSVCRT_API int MSVCRT_vprintf_s(const char* fmt, ms_va_list ap) { return vfprintf_impl(MSVCRT_stdout, fmt, ap); }
MSVCRT_API int MSVCRT_printf_s(const char* fmt, ...) { VA_CALL(fmt, vfprintf_impl(MSVCRT_stdout, fmt, ap)); }

MSVCRT_API int MSVCRT_vfwprintf(MSVCRT_FILE* f, const WCHAR* fmt, ms_va_list ap) { return vfprintf_impl(f, fmt, ap); }
MSVCRT_API int MSVCRT_vwprintf(const WCHAR* fmt, ms_va_list ap) { return vfprintf_impl(MSVCRT_stdout, fmt, ap); }
MSVCRT_API int MSVCRT_fwprintf(MSVCRT_FILE* f, const WCHAR* fmt, ...) { VA_CALL(fmt, vfprintf_impl(f, fmt, ap)); }
MSVCRT_API int MSVCRT_wprintf(const WCHAR* fmt, ...) { VA_CALL(fmt, vfprintf_impl(MSVCRT_stdout, fmt, ap)); }
// msvcrt.dll's swprintf/vswprintf take no count (the pre-C99 form).
MSVCRT_API int MSVCRT_vswprintf(WCHAR* b, const WCHAR* fmt, ms_va_list ap) { return vsprintf_impl(b, fmt, ap); }
MSVCRT_API int MSVCRT_swprintf(WCHAR* b, const WCHAR* fmt, ...) { VA_CALL(fmt, vsprintf_impl(b, fmt, ap)); }
MSVCRT_API int MSVCRT__vsnwprintf(WCHAR* b, size_t n, const WCHAR* fmt, ms_va_list ap) {
    return vsnprintf_impl(b, n, fmt, ap);
}
MSVCRT_API int MSVCRT__snwprintf(WCHAR* b, size_t n, const WCHAR* fmt, ...) {
    VA_CALL(fmt, vsnprintf_impl(b, n, fmt, ap));
}
MSVCRT_API int MSVCRT__vscwprintf(const WCHAR* fmt, ms_va_list ap) { return vscprintf_impl(fmt, ap); }
MSVCRT_API int MSVCRT__scwprintf(const WCHAR* fmt, ...) { VA_CALL(fmt, vscprintf_impl(fmt, ap)); }
MSVCRT_API int MSVCRT_vswprintf_s(WCHAR* b, size_t n, const WCHAR* fmt, ms_va_list ap) {
    return vsprintf_s_impl(b, n, fmt, ap);
}
MSVCRT_API int MSVCRT_swprintf_s(WCHAR* b, size_t n, const WCHAR* fmt, ...) {
    VA_CALL(fmt, vsprintf_s_impl(b, n, fmt, ap));
}
MSVCRT_API int MSVCRT__vsnwprintf_s(WCHAR* b, size_t n, size_t c, const WCHAR* fmt, ms_va_list ap) {
    return vsnprintf_s_impl(b, n, c, fmt, ap);
}
MSVCRT_API int MSVCRT__snwprintf_s(WCHAR* b, size_t n, size_t c, const WCHAR* fmt, ...) {
    VA_CALL(fmt, vsnprintf_s_impl(b, n, c, fmt, ap));
}
MSVCRT_API int MSVCRT_vfwprintf_s(MSVCRT_FILE* f, const WCHAR* fmt, ms_va_list ap) { return vfprintf_impl(f, fmt, ap); }
MSVCRT_API int MSVCRT_fwprintf_s(MSVCRT_FILE* f, const WCHAR* fmt, ...) { VA_CALL(fmt, vfprintf_impl(f, fmt, ap)); }
MSVCRT_API int MSVCRT_vwprintf_s(const WCHAR* fmt, ms_va_list ap) { return vfprintf_impl(MSVCRT_stdout, fmt, ap); }
MSVCRT_API int MSVCRT_wprintf_s(const WCHAR* fmt, ...) { VA_CALL(fmt, vfprintf_impl(MSVCRT_stdout, fmt, ap)); }
