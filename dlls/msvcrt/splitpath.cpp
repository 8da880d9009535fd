// _splitpath/_makepath and their _s and wide forms: one template for both
// character types.
#include <initializer_list>

#include "vine/fast_string.h"
#include "msvcrt_private.h"

namespace {

using vine::crt::length;

template <typename CharT>
bool is_separator(CharT c) {
    return c == '\\' || c == '/';
}

// The four parts of a path: [start, end) offsets.
struct Parts {
    size_t drive_end, dir_end, name_end, end;
};

template <typename CharT>
Parts split(const CharT* path) {
    Parts p{};
    p.end = length(path);
    p.drive_end = p.end >= 2 && path[1] == ':' ? 2 : 0;
    p.dir_end = p.drive_end;
    for (size_t i = p.drive_end; i < p.end; ++i)
        if (is_separator(path[i])) p.dir_end = i + 1;
    p.name_end = p.end;
    for (size_t i = p.end; i > p.dir_end; --i)
        if (path[i - 1] == '.') {
            p.name_end = i - 1;
            break;
        }
    return p;
}

template <typename CharT>
void copy_part(CharT* out, const CharT* from, size_t length) {
    if (!out) return;
    for (size_t i = 0; i < length; ++i) out[i] = from[i];
    out[length] = 0;
}

template <typename CharT>
void split_path(const CharT* path, CharT* drive, CharT* dir, CharT* name, CharT* ext) {
    if (!path) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return;
    }
    Parts p = split(path);
    copy_part(drive, path, p.drive_end);
    copy_part(dir, path + p.drive_end, p.dir_end - p.drive_end);
    copy_part(name, path + p.dir_end, p.name_end - p.dir_end);
    copy_part(ext, path + p.name_end, p.end - p.name_end);
}

template <typename CharT>
int split_path_s(const CharT* path, CharT* drive, size_t drive_size, CharT* dir, size_t dir_size, CharT* name,
                 size_t name_size, CharT* ext, size_t ext_size) {
    bool bad = !path || (!drive) != (drive_size == 0) || (!dir) != (dir_size == 0) ||
               (!name) != (name_size == 0) || (!ext) != (ext_size == 0);
    if (bad) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    Parts p = split(path);
    if ((drive && p.drive_end >= drive_size) || (dir && p.dir_end - p.drive_end >= dir_size) ||
        (name && p.name_end - p.dir_end >= name_size) || (ext && p.end - p.name_end >= ext_size)) {
        // Every part left empty, as Windows does.
        for (CharT* out : {drive, dir, name, ext})
            if (out) out[0] = 0;
        msvcrt_set_errno(MSVCRT_ERANGE);
        return MSVCRT_ERANGE;
    }
    split_path(path, drive, dir, name, ext);
    return 0;
}

// The length _makepath writes (without the terminator), and the text when
// `out` is given: "d:" + dir (+ '\' unless it ends in one) + name (+ '.'
// unless ext starts with one) + ext.
template <typename CharT>
size_t make_path(CharT* out, const CharT* drive, const CharT* dir, const CharT* name, const CharT* ext) {
    size_t n = 0;
    auto put = [&](CharT c) {
        if (out) out[n] = c;
        ++n;
    };
    if (drive && drive[0]) {
        put(drive[0]);
        put(':');
    }
    if (dir && dir[0]) {
        size_t dir_length = length(dir);
        for (size_t i = 0; i < dir_length; ++i) put(dir[i]);
        if (!is_separator(dir[dir_length - 1])) put('\\');
    }
    if (name)
        for (const CharT* c = name; *c; ++c) put(*c);
    if (ext && ext[0]) {
        if (ext[0] != '.') put('.');
        for (const CharT* c = ext; *c; ++c) put(*c);
    }
    if (out) out[n] = 0;
    return n;
}

template <typename CharT>
int make_path_s(CharT* out, size_t size, const CharT* drive, const CharT* dir, const CharT* name, const CharT* ext) {
    if (!out || !size) {
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    if (make_path<CharT>(nullptr, drive, dir, name, ext) >= size) {
        out[0] = 0;
        msvcrt_set_errno(MSVCRT_ERANGE);
        return MSVCRT_ERANGE;
    }
    make_path(out, drive, dir, name, ext);
    return 0;
}

}  // namespace

MSVCRT_API void MSVCRT__splitpath(const char* path, char* drive, char* dir, char* name, char* ext) {
    split_path(path, drive, dir, name, ext);
}
MSVCRT_API void MSVCRT__wsplitpath(const WCHAR* path, WCHAR* drive, WCHAR* dir, WCHAR* name, WCHAR* ext) {
    split_path(path, drive, dir, name, ext);
}
MSVCRT_API int MSVCRT__splitpath_s(const char* path, char* drive, size_t drive_size, char* dir, size_t dir_size,
                                   char* name, size_t name_size, char* ext, size_t ext_size) {
    return split_path_s(path, drive, drive_size, dir, dir_size, name, name_size, ext, ext_size);
}
MSVCRT_API int MSVCRT__wsplitpath_s(const WCHAR* path, WCHAR* drive, size_t drive_size, WCHAR* dir, size_t dir_size,
                                    WCHAR* name, size_t name_size, WCHAR* ext, size_t ext_size) {
    return split_path_s(path, drive, drive_size, dir, dir_size, name, name_size, ext, ext_size);
}
MSVCRT_API void MSVCRT__makepath(char* out, const char* drive, const char* dir, const char* name, const char* ext) {
    if (out) make_path(out, drive, dir, name, ext);
}
MSVCRT_API void MSVCRT__wmakepath(WCHAR* out, const WCHAR* drive, const WCHAR* dir, const WCHAR* name,
                                  const WCHAR* ext) {
    if (out) make_path(out, drive, dir, name, ext);
}
MSVCRT_API int MSVCRT__makepath_s(char* out, size_t size, const char* drive, const char* dir, const char* name,
                                  const char* ext) {
    return make_path_s(out, size, drive, dir, name, ext);
}
MSVCRT_API int MSVCRT__wmakepath_s(WCHAR* out, size_t size, const WCHAR* drive, const WCHAR* dir, const WCHAR* name,
                                   const WCHAR* ext) {
    return make_path_s(out, size, drive, dir, name, ext);
}
