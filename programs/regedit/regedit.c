/* regedit: the Registry Editor's command-line forms (there is no window):
 *   regedit [/s] FILE...          imports each .reg file (/s: silently)
 *   regedit /e FILE [KEY]         exports KEY, or the whole registry, as a
 *                                 "Windows Registry Editor Version 5.00" file
 *   regedit /a FILE [KEY]         the same as a REGEDIT4 (ANSI) file
 * The exit status is 0 on success and 1 when a file or key could not be
 * used; the reason goes to standard error (where Windows shows a message
 * box). */
#include <windows.h>

#include "../reg/regops.h"

static BOOL is_switch(const WCHAR *arg, WCHAR letter) {
    WCHAR c = arg[1];
    if (c >= 'A' && c <= 'Z') c += 32;
    return (arg[0] == '/' || arg[0] == '-') && c == letter && !arg[2];
}

static void report(const WCHAR *what, const WCHAR *file, const WCHAR *why) {
    reg_err(what);
    reg_err(file);
    reg_err(why);
}

static int export_registry(const WCHAR *file, const WCHAR *key_name, BOOL unicode) {
    reg_path p;
    if (key_name && !reg_parse_path(key_name, &p)) {
        report(L"regedit: cannot export ", key_name, L": the key name has no known root\r\n");
        return 1;
    }
    LONG status = reg_export_file(file, key_name ? &p : NULL, unicode);
    if (key_name) reg_path_free(&p);
    if (status == ERROR_SUCCESS) return 0;
    if (status == ERROR_FILE_NOT_FOUND && key_name)
        report(L"regedit: cannot export ", key_name, L": the key does not exist\r\n");
    else report(L"regedit: cannot write ", file, L"\r\n");
    return 1;
}

/* A switch is one letter (/s, -e) or /l:... and /r:...; anything else,
 * a Unix path such as /tmp/x.reg included, is a file. */
static BOOL looks_like_switch(const WCHAR *arg) {
    if (arg[0] != '/' && arg[0] != '-') return FALSE;
    if (!arg[1]) return FALSE;
    return !arg[2] || arg[2] == ':';
}

int wmain(int argc, WCHAR **argv) {
    int i = 1, status = 0, files = 0;
    for (; i < argc && looks_like_switch(argv[i]); ++i) {
        if (is_switch(argv[i], 'e') || is_switch(argv[i], 'a')) {
            if (i + 1 >= argc) {
                reg_err(L"regedit: /e and /a need a file name\r\n");
                return 1;
            }
            if (i + 3 < argc) {
                reg_err(L"regedit: /e takes a file name and at most one key\r\n");
                return 1;
            }
            return export_registry(argv[i + 1], i + 2 < argc ? argv[i + 2] : NULL, is_switch(argv[i], 'e'));
        }
        if (is_switch(argv[i], '?') || is_switch(argv[i], 'h')) {
            reg_out(L"usage: regedit [/s] FILE...\r\n"
                    L"       regedit /e FILE [KEY]   (Version 5.00, UTF-16)\r\n"
                    L"       regedit /a FILE [KEY]   (REGEDIT4, ANSI)\r\n");
            return 0;
        }
        /* /s (silent) and the other switches of the window (/v, /m, /l:, /r:) change nothing here */
    }
    for (; i < argc; ++i, ++files) {
        LONG result = reg_import_file(argv[i]);
        if (result == ERROR_SUCCESS) continue;
        status = 1;
        if (result == ERROR_BAD_FORMAT)
            report(L"regedit: cannot import ", argv[i], L": it is not a registry script\r\n");
        else if (result == ERROR_INVALID_DATA)
            report(L"regedit: ", argv[i], L": not all of it could be imported\r\n");
        else report(L"regedit: cannot import ", argv[i], L": the file cannot be read\r\n");
    }
    if (!files) {
        reg_err(L"regedit: no file to import (usage: regedit [/s] FILE..., regedit /e FILE [KEY])\r\n");
        return 1;
    }
    return status;
}
