/* Key paths, console output and .reg import/export for reg.exe and
 * regedit.exe (regops.h), on advapi32 and the shared format code
 * (regfile.c). */
#include "regops.h"

#include <stdlib.h>
#include <string.h>

#include "regfile.h"

/* ---- key paths ---- */
static const struct {
    const WCHAR *short_name, *long_name;
    HKEY key;
} roots[] = {
    {L"HKLM", L"HKEY_LOCAL_MACHINE", HKEY_LOCAL_MACHINE},
    {L"HKCU", L"HKEY_CURRENT_USER", HKEY_CURRENT_USER},
    {L"HKCR", L"HKEY_CLASSES_ROOT", HKEY_CLASSES_ROOT},
    {L"HKU", L"HKEY_USERS", HKEY_USERS},
    {L"HKCC", L"HKEY_CURRENT_CONFIG", HKEY_CURRENT_CONFIG},
};

/* [s, s+n) is the ASCII-case-insensitive word */
static BOOL same_word(const WCHAR *s, size_t n, const WCHAR *word) {
    size_t length = wcslen(word);
    if (n != length) return FALSE;
    for (size_t i = 0; i < n; ++i) {
        WCHAR a = s[i], b = word[i];
        if (a >= 'a' && a <= 'z') a -= 32;
        if (b >= 'a' && b <= 'z') b -= 32;
        if (a != b) return FALSE;
    }
    return TRUE;
}

BOOL reg_parse_path(const WCHAR *path, reg_path *out) {
    memset(out, 0, sizeof(*out));
    if (!path || path[0] == '\\') return FALSE; /* remote keys (\\machine\...) are not ours */
    size_t root_length = 0;
    while (path[root_length] && path[root_length] != '\\') ++root_length;
    for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); ++i) {
        if (!same_word(path, root_length, roots[i].short_name) && !same_word(path, root_length, roots[i].long_name))
            continue;
        const WCHAR *rest = path + root_length;
        if (*rest == '\\' && !rest[1]) return FALSE; /* "HKCU\" names no key, as Windows' reg.exe has it */
        if (*rest == '\\') ++rest;
        size_t length = wcslen(rest);
        if (length && rest[length - 1] == '\\') --length; /* one trailing '\' is allowed, not two */
        if (length && rest[length - 1] == '\\') return FALSE;
        out->subkey = malloc((length + 1) * sizeof(WCHAR));
        if (!out->subkey) return FALSE;
        memcpy(out->subkey, rest, length * sizeof(WCHAR));
        out->subkey[length] = 0;
        out->root = roots[i].key;
        out->root_name = roots[i].long_name;
        return TRUE;
    }
    return FALSE;
}

void reg_path_free(reg_path *p) {
    free(p->subkey);
    p->subkey = NULL;
}

WCHAR *reg_join(const WCHAR *a, const WCHAR *b) {
    size_t na = wcslen(a), nb = b ? wcslen(b) : 0;
    WCHAR *s = malloc((na + nb + 2) * sizeof(WCHAR));
    if (!s) return NULL;
    memcpy(s, a, na * sizeof(WCHAR));
    if (nb) {
        s[na] = '\\';
        memcpy(s + na + 1, b, nb * sizeof(WCHAR));
        s[na + 1 + nb] = 0;
    } else {
        s[na] = 0;
    }
    return s;
}

WCHAR *reg_path_full(const reg_path *p) { return reg_join(p->root_name, p->subkey); }

#define MAX_NAME 16384 /* a key or value name's limit, in characters, with its NUL */

LONG reg_for_each_value(HKEY key, reg_value_fn fn, void *context) {
    DWORD max_name = 0, max_data = 0;
    LONG status = RegQueryInfoKeyW(key, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &max_name, &max_data, NULL, NULL);
    if (status != ERROR_SUCCESS) return status;
    WCHAR *name = malloc((max_name + 1) * sizeof(WCHAR));
    BYTE *data = malloc(max_data ? max_data : 1);
    if (!name || !data) status = ERROR_NOT_ENOUGH_MEMORY;
    for (DWORD i = 0; status == ERROR_SUCCESS; ++i) {
        DWORD name_length = max_name + 1, size = max_data, type;
        status = RegEnumValueW(key, i, name, &name_length, NULL, &type, data, &size);
        if (status == ERROR_NO_MORE_ITEMS) {
            status = ERROR_SUCCESS;
            break;
        }
        if (status != ERROR_SUCCESS || !fn(context, name, name_length, type, data, size)) break;
    }
    free(name);
    free(data);
    return status;
}

LONG reg_for_each_subkey(HKEY key, reg_subkey_fn fn, void *context) {
    WCHAR *name = malloc(MAX_NAME * sizeof(WCHAR));
    LONG status = name ? ERROR_SUCCESS : ERROR_NOT_ENOUGH_MEMORY;
    for (DWORD i = 0; status == ERROR_SUCCESS; ++i) {
        DWORD length = MAX_NAME;
        status = RegEnumKeyExW(key, i, name, &length, NULL, NULL, NULL, NULL);
        if (status == ERROR_NO_MORE_ITEMS) {
            status = ERROR_SUCCESS;
            break;
        }
        if (status != ERROR_SUCCESS || !fn(context, key, name)) break;
    }
    free(name);
    return status;
}

/* ---- output ---- */
/* To a console as text (WriteConsoleW); redirected to a file or a pipe, in
 * the console's output code page (the OEM one unless changed), as Windows'
 * reg.exe writes it. */
static void write_text(DWORD which, const WCHAR *text) {
    HANDLE h = GetStdHandle(which);
    DWORD length = (DWORD)wcslen(text), mode, written;
    if (!length) return;
    if (GetConsoleMode(h, &mode)) {
        WriteConsoleW(h, text, length, &written, NULL);
        return;
    }
    UINT code_page = GetConsoleOutputCP();
    if (!code_page) code_page = GetOEMCP();
    int size = WideCharToMultiByte(code_page, 0, text, (int)length, NULL, 0, NULL, NULL);
    if (size <= 0) return;
    char *bytes = malloc((size_t)size);
    if (!bytes) return;
    WideCharToMultiByte(code_page, 0, text, (int)length, bytes, size, NULL, NULL);
    WriteFile(h, bytes, (DWORD)size, &written, NULL);
    free(bytes);
}

void reg_out(const WCHAR *text) { write_text(STD_OUTPUT_HANDLE, text); }
void reg_err(const WCHAR *text) { write_text(STD_ERROR_HANDLE, text); }

/* ---- the ANSI code page for REGEDIT4 files ---- */
static size_t acp_to_utf16(void *context, const uint8_t *in, size_t n, rf_char *out, size_t cap) {
    (void)context;
    if (!n) return 0;
    return (size_t)MultiByteToWideChar(CP_ACP, 0, (const char *)in, (int)n, (WCHAR *)out, out ? (int)cap : 0);
}

static size_t acp_from_utf16(void *context, const rf_char *in, size_t n, uint8_t *out, size_t cap) {
    (void)context;
    if (!n) return 0;
    return (size_t)WideCharToMultiByte(CP_ACP, 0, (const WCHAR *)in, (int)n, (char *)out, out ? (int)cap : 0, NULL,
                                       NULL);
}

static const rf_codec acp_codec = {NULL, acp_to_utf16, acp_from_utf16};

/* ---- import ---- */
typedef struct {
    HKEY key; /* the key the values go to, or NULL */
    int failures;
} importer;

static WCHAR *counted_string(const rf_char *s, size_t n) {
    WCHAR *copy = malloc((n + 1) * sizeof(WCHAR));
    if (!copy) return NULL;
    if (n) memcpy(copy, s, n * sizeof(WCHAR));
    copy[n] = 0;
    return copy;
}

static int import_key(void *context, const rf_char *path, size_t length, int deleting, int line) {
    importer *im = context;
    (void)line;
    if (im->key) RegCloseKey(im->key);
    im->key = NULL;
    WCHAR *text = counted_string(path, length);
    reg_path p;
    if (!text || !reg_parse_path(text, &p)) { /* a key under no root we know: its lines are skipped */
        if (!text) ++im->failures;
        free(text);
        return 1;
    }
    free(text);
    int refused = 0;
    if (deleting) {
        if (p.subkey[0]) {
            LONG status = RegDeleteTreeW(p.root, p.subkey);
            if (status == ERROR_SUCCESS) RegDeleteKeyW(p.root, p.subkey);
        }
    } else if (RegCreateKeyExW(p.root, p.subkey, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &im->key, NULL) !=
               ERROR_SUCCESS) {
        im->key = NULL;
        ++im->failures;
        refused = 1;
    }
    reg_path_free(&p);
    return refused;
}

static void import_value(void *context, const rf_char *name, size_t name_length, uint32_t type, const uint8_t *data,
                         size_t size, int line) {
    importer *im = context;
    (void)line;
    if (!im->key) return;
    WCHAR *value_name = name ? counted_string(name, name_length) : NULL;
    if (name && !value_name) {
        ++im->failures;
        return;
    }
    if (RegSetValueExW(im->key, value_name, 0, type, data, (DWORD)size) != ERROR_SUCCESS) ++im->failures;
    free(value_name);
}

static void import_delete_value(void *context, const rf_char *name, size_t name_length, int line) {
    importer *im = context;
    (void)line;
    if (!im->key) return;
    WCHAR *value_name = name ? counted_string(name, name_length) : NULL;
    RegDeleteValueW(im->key, value_name); /* a value that is not there is already deleted */
    free(value_name);
}

static void import_warning(void *context, int line, const char *message) {
    (void)context;
    (void)line;
    (void)message;
}

static LONG read_whole_file(const WCHAR *file_name, uint8_t **bytes, size_t *size) {
    HANDLE file = CreateFileW(file_name, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return (LONG)GetLastError();
    LARGE_INTEGER length;
    if (!GetFileSizeEx(file, &length) || length.QuadPart > 0x40000000) {
        CloseHandle(file);
        return ERROR_FILE_TOO_LARGE;
    }
    *size = (size_t)length.QuadPart;
    *bytes = malloc(*size ? *size : 1);
    if (!*bytes) {
        CloseHandle(file);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    size_t done = 0;
    while (done < *size) {
        DWORD got = 0;
        if (!ReadFile(file, *bytes + done, (DWORD)(*size - done), &got, NULL) || !got) break;
        done += got;
    }
    *size = done;
    CloseHandle(file);
    return ERROR_SUCCESS;
}

LONG reg_import_file(const WCHAR *file_name) {
    uint8_t *bytes = NULL;
    size_t size = 0;
    LONG status = read_whole_file(file_name, &bytes, &size);
    if (status != ERROR_SUCCESS) return status;
    /* Windows' reg.exe takes a first line of REGEDIT and something else
     * (REGEDIT3, REGEDIT5, "REGEDIT 4") as a file with nothing to import */
    BOOL starts_regedit = size >= 7 && !memcmp(bytes, "REGEDIT", 7);
    importer im = {NULL, 0};
    rf_sink sink = {&im, import_key, import_value, import_delete_value, import_warning};
    int skipped = rf_parse(bytes, size, &acp_codec, &sink);
    if (im.key) RegCloseKey(im.key);
    free(bytes);
    if (skipped == RF_NOT_REGISTRY_FILE) return starts_regedit ? ERROR_SUCCESS : ERROR_BAD_FORMAT;
    if (skipped == RF_NO_MEMORY) return ERROR_NOT_ENOUGH_MEMORY;
    return im.failures ? ERROR_INVALID_DATA : ERROR_SUCCESS; /* lines not understood are skipped, as on Windows */
}

/* ---- export ---- */
static BOOL export_value(void *context, const WCHAR *name, DWORD name_length, DWORD type, const BYTE *data,
                         DWORD size) {
    rf_write_value(context, name_length ? name : NULL, name_length, type, data, size);
    return TRUE;
}

typedef struct {
    rf_writer *w;
    const WCHAR *path;
} export_context;

static void export_key(rf_writer *w, HKEY key, const WCHAR *path);

static BOOL export_subkey(void *context, HKEY key, const WCHAR *name) {
    export_context *ec = context;
    HKEY child;
    if (RegOpenKeyExW(key, name, 0, KEY_READ, &child) != ERROR_SUCCESS) return TRUE;
    WCHAR *child_path = reg_join(ec->path, name);
    if (child_path) export_key(ec->w, child, child_path);
    free(child_path);
    RegCloseKey(child);
    return TRUE;
}

static void export_key(rf_writer *w, HKEY key, const WCHAR *path) {
    rf_write_key(w, path, wcslen(path));
    reg_for_each_value(key, export_value, w);
    rf_write_key_end(w);
    export_context ec = {w, path};
    reg_for_each_subkey(key, export_subkey, &ec);
}

static LONG write_whole_file(const WCHAR *file_name, const uint8_t *bytes, size_t size) {
    HANDLE file = CreateFileW(file_name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) return (LONG)GetLastError();
    DWORD written = 0;
    BOOL ok = WriteFile(file, bytes, (DWORD)size, &written, NULL) && written == size;
    LONG status = ok ? ERROR_SUCCESS : (LONG)GetLastError();
    CloseHandle(file);
    return ok ? ERROR_SUCCESS : (status ? status : ERROR_WRITE_FAULT);
}

LONG reg_export_file(const WCHAR *file_name, const reg_path *p, BOOL unicode) {
    rf_writer w;
    rf_writer_init(&w, unicode, &acp_codec);
    rf_write_header(&w);
    if (p) {
        HKEY key;
        LONG status = RegOpenKeyExW(p->root, p->subkey, 0, KEY_READ, &key);
        if (status != ERROR_SUCCESS) {
            rf_writer_free(&w);
            return status;
        }
        WCHAR *path = reg_path_full(p);
        if (path) export_key(&w, key, path);
        free(path);
        RegCloseKey(key);
    } else {
        for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); ++i) export_key(&w, roots[i].key, roots[i].long_name);
    }
    size_t size;
    uint8_t *bytes = rf_writer_bytes(&w, &size);
    rf_writer_free(&w);
    if (!bytes) return ERROR_NOT_ENOUGH_MEMORY;
    LONG status = write_whole_file(file_name, bytes, size);
    free(bytes);
    return status;
}
