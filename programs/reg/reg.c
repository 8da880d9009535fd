/* reg: the console registry tool, with Windows reg.exe's syntax, output and
 * exit codes (0 on success, 1 on an error or when nothing was done).
 *   reg query KEY [/v [NAME] | /ve] [/s] [/f DATA [/k] [/d] [/c] [/e]] [/t TYPE] [/z] [/se SEPARATOR]
 *   reg compare KEY1 KEY2 [/v NAME | /ve] [/oa | /od | /os | /on] [/s]   (exit 0 same, 2 different)
 *   reg load KEY FILE   /   reg unload KEY   (KEY right below HKLM or HKU)
 *   reg add KEY [/v NAME | /ve] [/t TYPE] [/s SEPARATOR] [/d DATA] [/f]
 *   reg delete KEY [/v NAME | /ve | /va] [/f]
 *   reg copy KEY1 KEY2 [/s] [/f]
 *   reg export KEY FILE [/y]        (a .reg file)
 *   reg import FILE
 *   reg save KEY FILE [/y]          (a hive file, RegSaveKey's format)
 *   reg restore KEY FILE
 * KEY is ROOT[\SUBKEY], ROOT one of HKLM, HKCU, HKCR, HKU, HKCC or their
 * long names. /reg:32 and /reg:64 are accepted (one registry view). */
#include <windows.h>

#include <stdlib.h>
#include <string.h>

#include "regops.h"

#define MAX_NAME 16384

static const WCHAR *operation_name = L"";

static const WCHAR *const success_text = L"The operation completed successfully.\r\n";
static const WCHAR *const not_found_text =
    L"ERROR: The system was unable to find the specified registry key or value.\r\n";

/* ---- small helpers ---- */
static WCHAR upper(WCHAR c) { return c >= 'a' && c <= 'z' ? (WCHAR)(c - 32) : c; }

static BOOL equal_nocase(const WCHAR *a, const WCHAR *b) {
    while (*a && upper(*a) == upper(*b)) ++a, ++b;
    return !*a && !*b;
}

/* "/v", "-v", any case */
static BOOL is_switch(const WCHAR *arg, const WCHAR *name) {
    return (arg[0] == '/' || arg[0] == '-') && equal_nocase(arg + 1, name);
}

/* /reg:32 or /reg:64, once (there is one registry view; both are accepted) */
static BOOL view_switch(const WCHAR *arg, BOOL *seen) {
    if (*seen || !(is_switch(arg, L"reg:32") || is_switch(arg, L"reg:64"))) return FALSE;
    *seen = TRUE;
    return TRUE;
}

/* v in decimal, at the end of buffer */
static const WCHAR *decimal(WCHAR buffer[12], DWORD v) {
    WCHAR *p = buffer + 11;
    *p = 0;
    do *--p = (WCHAR)('0' + v % 10), v /= 10;
    while (v);
    return p;
}

static int syntax_error(void) {
    reg_err(L"ERROR: Invalid syntax.\r\nType \"REG ");
    reg_err(operation_name);
    reg_err(L" /?\" for usage.\r\n");
    return 1;
}

static int key_name_error(void) {
    reg_err(L"ERROR: Invalid key name.\r\nType \"REG ");
    reg_err(operation_name);
    reg_err(L" /?\" for usage.\r\n");
    return 1;
}

static int not_found(void) {
    reg_err(not_found_text);
    return 1;
}

static int error_text(LONG status) {
    WCHAR *message = NULL;
    reg_err(L"ERROR: ");
    if (FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_IGNORE_INSERTS,
                       NULL, (DWORD)status, 0, (WCHAR *)&message, 0, NULL) &&
        message) {
        reg_err(message);
        LocalFree(message);
    } else {
        WCHAR number[12];
        reg_err(L"The operation failed (error ");
        reg_err(decimal(number, (DWORD)status));
        reg_err(L").\r\n");
    }
    return 1;
}

/* Asks on the console; TRUE for an answer starting with 'y'. End of input
 * is "no". */
static BOOL confirm(const WCHAR *question, const WCHAR *subject, const WCHAR *tail) {
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    for (;;) {
        reg_out(question);
        if (subject) reg_out(subject);
        reg_out(tail);
        char line[64];
        DWORD used = 0;
        for (;;) {
            char c;
            DWORD got = 0;
            if (!ReadFile(in, &c, 1, &got, NULL) || !got) {
                if (!used) return FALSE;
                break;
            }
            if (c == '\n') break;
            if (used < sizeof(line) - 1) line[used++] = c;
        }
        line[used] = 0;
        if (line[0] == 'y' || line[0] == 'Y') return TRUE;
        if (line[0] == 'n' || line[0] == 'N') return FALSE;
    }
}

/* ---- types ---- */
static const struct {
    const WCHAR *name;
    DWORD type;
} type_names[] = {
    {L"REG_NONE", REG_NONE},
    {L"REG_SZ", REG_SZ},
    {L"REG_EXPAND_SZ", REG_EXPAND_SZ},
    {L"REG_BINARY", REG_BINARY},
    {L"REG_DWORD", REG_DWORD},
    {L"REG_DWORD_BIG_ENDIAN", REG_DWORD_BIG_ENDIAN},
    {L"REG_LINK", REG_LINK},
    {L"REG_MULTI_SZ", REG_MULTI_SZ},
    {L"REG_RESOURCE_LIST", REG_RESOURCE_LIST},
    {L"REG_FULL_RESOURCE_DESCRIPTOR", REG_FULL_RESOURCE_DESCRIPTOR},
    {L"REG_RESOURCE_REQUIREMENTS_LIST", REG_RESOURCE_REQUIREMENTS_LIST},
    {L"REG_QWORD", REG_QWORD},
    {L"REG_DWORD_LITTLE_ENDIAN", REG_DWORD}, /* aliases: parsed, never printed */
    {L"REG_QWORD_LITTLE_ENDIAN", REG_QWORD},
};

static const WCHAR *type_name(DWORD type) {
    for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); ++i)
        if (type_names[i].type == type) return type_names[i].name;
    return L"REG_UNKNOWN";
}

static BOOL parse_type(const WCHAR *name, DWORD *type) {
    for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); ++i)
        if (equal_nocase(name, type_names[i].name)) {
            *type = type_names[i].type;
            return TRUE;
        }
    return FALSE;
}

/* ---- text building ---- */
typedef struct {
    WCHAR *s;
    size_t length, capacity;
} text;

static void text_add_n(text *t, const WCHAR *s, size_t n) {
    if (t->length + n + 1 > t->capacity) {
        size_t capacity = t->capacity ? t->capacity : 64;
        while (capacity < t->length + n + 1) capacity *= 2;
        WCHAR *grown = realloc(t->s, capacity * sizeof(WCHAR));
        if (!grown) return;
        t->s = grown;
        t->capacity = capacity;
    }
    if (n) memcpy(t->s + t->length, s, n * sizeof(WCHAR));
    t->length += n;
    t->s[t->length] = 0;
}

static void text_add(text *t, const WCHAR *s) { text_add_n(t, s, wcslen(s)); }

static void text_add_hex(text *t, unsigned long long value, int digits, BOOL upper_case) {
    WCHAR buffer[17];
    int n = 0;
    const char *set = upper_case ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        buffer[16 - ++n] = (WCHAR)set[value & 15];
        value >>= 4;
    } while (value || n < digits);
    text_add_n(t, buffer + 16 - n, (size_t)n);
}

/* reg query's /se (the text between the strings of a REG_MULTI_SZ) and /z
 * (the type's number after its name). */
static const WCHAR *multi_separator = L"\\0";
static BOOL numbered_types = FALSE;

/* The data as reg query prints it. */
static void format_data(text *t, DWORD type, const BYTE *data, DWORD size) {
    const WCHAR *w = (const WCHAR *)data;
    size_t units = size / sizeof(WCHAR);
    switch (type) {
    case REG_SZ:
    case REG_EXPAND_SZ: {
        size_t n = 0;
        while (n < units && w[n]) ++n;
        text_add_n(t, w, n);
        return;
    }
    case REG_MULTI_SZ: {
        while (units && !w[units - 1]) --units; /* the list's terminating NULs */
        for (size_t i = 0; i < units; ++i) {
            if (w[i]) text_add_n(t, &w[i], 1);
            else text_add(t, multi_separator);
        }
        return;
    }
    case REG_DWORD:
    case REG_DWORD_BIG_ENDIAN:
        if (size == 4) {
            /* REG_DWORD_BIG_ENDIAN too: reg add stores it little-endian, as Windows' does */
            DWORD v = (DWORD)data[0] | (DWORD)data[1] << 8 | (DWORD)data[2] << 16 | (DWORD)data[3] << 24;
            text_add(t, L"0x");
            text_add_hex(t, v, 1, FALSE);
            return;
        }
        break;
    case REG_QWORD:
        if (size == 8) {
            unsigned long long v = 0;
            for (int i = 7; i >= 0; --i) v = v << 8 | data[i];
            text_add(t, L"0x");
            text_add_hex(t, v, 1, FALSE);
            return;
        }
        break;
    }
    for (DWORD i = 0; i < size; ++i) text_add_hex(t, data[i], 2, TRUE);
}

/* "    NAME    TYPE    DATA\r\n" */
static void add_value_line(text *line, const WCHAR *name, DWORD type, const BYTE *data, DWORD size) {
    text_add(line, L"    ");
    text_add(line, name && name[0] ? name : L"(Default)");
    text_add(line, L"    ");
    text_add(line, type_name(type));
    if (numbered_types) {
        WCHAR number[12];
        text_add(line, L" (");
        text_add(line, decimal(number, type));
        text_add(line, L")");
    }
    text_add(line, L"    ");
    format_data(line, type, data, size);
    text_add(line, L"\r\n");
}

static void print_value(const WCHAR *name, DWORD type, const BYTE *data, DWORD size) {
    text t = {0};
    add_value_line(&t, name, type, data, size);
    if (t.s) reg_out(t.s);
    free(t.s);
}

/* The value's type and data (malloc'ed), or a registry error. */
static LONG read_value(HKEY key, const WCHAR *name, DWORD *type, BYTE **data, DWORD *size) {
    *data = NULL;
    for (DWORD capacity = 256;; capacity *= 2) {
        BYTE *buffer = malloc(capacity);
        if (!buffer) return ERROR_NOT_ENOUGH_MEMORY;
        DWORD got = capacity;
        LONG status = RegQueryValueExW(key, name, NULL, type, buffer, &got);
        if (status == ERROR_SUCCESS) {
            *data = buffer;
            *size = got;
            return status;
        }
        free(buffer);
        if (status != ERROR_MORE_DATA) return status;
        if (got > capacity) capacity = got / 2 + 1;
    }
}

/* ---- query ---- */
static BOOL print_one(void *context, const WCHAR *name, DWORD name_length, DWORD type, const BYTE *data,
                      DWORD size) {
    print_value(name, type, data, size);
    ++*(DWORD *)context;
    return TRUE;
}

static void print_values(HKEY key, DWORD *count) {
    *count = 0;
    reg_for_each_value(key, print_one, count);
}

/* The subkeys of a key: each path on its line, or with /s each with its
 * values and its own subkeys. */
typedef struct {
    const WCHAR *path;
    BOOL recurse;
} subkey_listing;

static BOOL print_subkey(void *context, HKEY key, const WCHAR *name) {
    const subkey_listing *listing = context;
    WCHAR *sub_path = reg_join(listing->path, name);
    if (!sub_path) return FALSE;
    reg_out(sub_path);
    reg_out(L"\r\n");
    HKEY child;
    if (listing->recurse && RegOpenKeyExW(key, name, 0, KEY_READ, &child) == ERROR_SUCCESS) {
        DWORD count;
        print_values(child, &count);
        reg_out(L"\r\n"); /* after each key of /s, with values or without */
        subkey_listing below = {sub_path, TRUE};
        reg_for_each_subkey(child, print_subkey, &below);
        RegCloseKey(child);
    }
    free(sub_path);
    return TRUE;
}

/* /v or /ve with /s: the value in the key and every key below it. */
typedef struct {
    const WCHAR *path, *value_name;
    DWORD *matches;
} value_search;

static void search_value(HKEY key, const WCHAR *path, const WCHAR *value_name, DWORD *matches);

static BOOL search_subkey(void *context, HKEY key, const WCHAR *name) {
    const value_search *search = context;
    HKEY child;
    if (RegOpenKeyExW(key, name, 0, KEY_READ, &child) != ERROR_SUCCESS) return TRUE;
    WCHAR *sub_path = reg_join(search->path, name);
    if (sub_path) search_value(child, sub_path, search->value_name, search->matches);
    free(sub_path);
    RegCloseKey(child);
    return TRUE;
}

static void search_value(HKEY key, const WCHAR *path, const WCHAR *value_name, DWORD *matches) {
    DWORD type, size;
    BYTE *data;
    if (read_value(key, value_name, &type, &data, &size) == ERROR_SUCCESS) {
        reg_out(L"\r\n");
        reg_out(path);
        reg_out(L"\r\n");
        print_value(value_name, type, data, size);
        free(data);
        ++*matches;
    }
    value_search search = {path, value_name, matches};
    reg_for_each_subkey(key, search_subkey, &search);
}

/* /f: what reg query looks for, and where. */
typedef struct {
    const WCHAR *pattern;          /* NULL: everything (no /f, or /f "*") */
    BOOL keys, names, data;        /* /k, /v, /d; none of them: all three */
    BOOL case_sensitive, exact;    /* /c, /e */
    BOOL any_type;
    DWORD type;                    /* /t */
    BOOL recurse;                  /* /s */
    DWORD matches;
} search_spec;

static BOOL same_char(WCHAR a, WCHAR b, BOOL case_sensitive) {
    return case_sensitive ? a == b : upper(a) == upper(b);
}

/* Whether `subject` matches: equal with /e, else containing the pattern. */
static BOOL search_match(const search_spec *spec, const WCHAR *subject) {
    if (!spec->pattern) return TRUE;
    size_t n = wcslen(spec->pattern), length = wcslen(subject);
    if (spec->exact && n != length) return FALSE;
    for (size_t at = 0; at + n <= length; ++at) {
        size_t i = 0;
        while (i < n && same_char(subject[at + i], spec->pattern[i], spec->case_sensitive)) ++i;
        if (i == n) return TRUE;
        if (spec->exact) return FALSE;
    }
    return FALSE;
}

typedef struct {
    search_spec *spec;
    text block; /* the matching values' lines */
    DWORD count;
} value_matches;

static BOOL match_value(void *context, const WCHAR *name, DWORD name_length, DWORD type, const BYTE *data,
                        DWORD size) {
    value_matches *found = context;
    const search_spec *spec = found->spec;
    if (!spec->any_type && type != spec->type) return TRUE;
    BOOL match = spec->names && search_match(spec, name);
    if (!match && spec->data) {
        text shown = {0};
        format_data(&shown, type, data, size);
        match = search_match(spec, shown.s ? shown.s : L"");
        free(shown.s);
    }
    if (!match) return TRUE;
    add_value_line(&found->block, name, type, data, size);
    ++found->count;
    return TRUE;
}

static void search_key(HKEY key, const WCHAR *path, search_spec *spec);

typedef struct {
    search_spec *spec;
    const WCHAR *path;
} subkey_search;

static BOOL search_subkey_names(void *context, HKEY key, const WCHAR *name) {
    subkey_search *search = context;
    WCHAR *sub_path = reg_join(search->path, name);
    if (!sub_path) return FALSE;
    if (search->spec->keys && search_match(search->spec, name)) {
        reg_out(sub_path);
        reg_out(L"\r\n");
        ++search->spec->matches;
    }
    HKEY child;
    if (search->spec->recurse && RegOpenKeyExW(key, name, 0, KEY_READ, &child) == ERROR_SUCCESS) {
        search_key(child, sub_path, search->spec);
        RegCloseKey(child);
    }
    free(sub_path);
    return TRUE;
}

/* A key's matching values (its path, their lines, a blank line), then each
 * subkey whose name matches (its path), and with /s the same below. */
static void search_key(HKEY key, const WCHAR *path, search_spec *spec) {
    value_matches found = {spec, {0}, 0};
    if (spec->names || spec->data) reg_for_each_value(key, match_value, &found);
    if (found.count) {
        reg_out(path);
        reg_out(L"\r\n");
        reg_out(found.block.s);
        reg_out(L"\r\n");
        spec->matches += found.count;
    }
    free(found.block.s);
    subkey_search search = {spec, path};
    reg_for_each_subkey(key, search_subkey_names, &search);
}

static int query(int argc, WCHAR **argv) {
    if (argc < 3) return syntax_error();
    BOOL view = FALSE;
    const WCHAR *value_name = NULL, *pattern = NULL, *type_text = NULL, *separator = NULL;
    BOOL value_names = FALSE, default_value = FALSE, recurse = FALSE, numbered = FALSE;
    BOOL keys = FALSE, data = FALSE, case_sensitive = FALSE, exact = FALSE;
    for (int i = 3; i < argc; ++i) {
        BOOL value_given = value_names || default_value;
        if (is_switch(argv[i], L"v") && !value_given) {
            value_names = TRUE;
            /* the name is optional with /f: a switch after /v is no name */
            if (i + 1 < argc && argv[i + 1][0] != '/' && argv[i + 1][0] != '-') value_name = argv[++i];
        } else if (is_switch(argv[i], L"ve") && !value_given) default_value = TRUE;
        else if (is_switch(argv[i], L"s") && !recurse) recurse = TRUE;
        else if (is_switch(argv[i], L"se") && i + 1 < argc && !separator) separator = argv[++i];
        else if (is_switch(argv[i], L"f") && i + 1 < argc && !pattern) pattern = argv[++i];
        else if (is_switch(argv[i], L"k") && !keys) keys = TRUE;
        else if (is_switch(argv[i], L"d") && !data) data = TRUE;
        else if (is_switch(argv[i], L"c") && !case_sensitive) case_sensitive = TRUE;
        else if (is_switch(argv[i], L"e") && !exact) exact = TRUE;
        else if (is_switch(argv[i], L"t") && i + 1 < argc && !type_text) type_text = argv[++i];
        else if (is_switch(argv[i], L"z") && !numbered) numbered = TRUE;
        else if (!view_switch(argv[i], &view)) return syntax_error();
    }
    /* /k /d /c /e refine /f; /v without a name needs it; /v NAME and /ve name
     * one value, which no search goes with */
    if (!pattern && (keys || data || case_sensitive || exact || (value_names && !value_name))) return syntax_error();
    if (pattern && (value_name || default_value)) return syntax_error();
    if (separator && wcslen(separator) != 1) return syntax_error();
    DWORD type = 0;
    if (type_text && !parse_type(type_text, &type)) return syntax_error();
    if (separator) multi_separator = separator;
    numbered_types = numbered;
    reg_path p;
    if (!reg_parse_path(argv[2], &p)) return key_name_error();
    HKEY key;
    LONG status = RegOpenKeyExW(p.root, p.subkey, 0, KEY_READ, &key);
    WCHAR *path = reg_path_full(&p);
    reg_path_free(&p);
    if (status != ERROR_SUCCESS || !path) {
        free(path);
        return not_found();
    }
    int result = 0;
    if (pattern || type_text) {
        /* without /k, /v or /d, the three are searched */
        search_spec spec = {pattern && wcscmp(pattern, L"*") ? pattern : NULL, keys, value_names, data,
                            case_sensitive, exact, !type_text, type, recurse, 0};
        if (!keys && !value_names && !data) spec.keys = spec.names = spec.data = TRUE;
        if (type_text && !pattern) spec.keys = FALSE; /* /t alone lists values of that type */
        reg_out(L"\r\n");
        search_key(key, path, &spec);
        WCHAR number[12];
        reg_out(L"End of search: ");
        reg_out(decimal(number, spec.matches));
        reg_out(L" match(es) found.\r\n");
        result = spec.matches ? 0 : 1;
    } else if (value_name || default_value) {
        const WCHAR *name = default_value ? L"" : value_name;
        if (recurse) {
            DWORD matches = 0;
            search_value(key, path, name, &matches);
            WCHAR number[12];
            reg_out(L"\r\nEnd of search: ");
            reg_out(decimal(number, matches));
            reg_out(L" match(es) found.\r\n");
            result = matches ? 0 : 1;
        } else {
            DWORD type, size;
            BYTE *data;
            status = read_value(key, name, &type, &data, &size);
            if (status == ERROR_SUCCESS) {
                reg_out(L"\r\n");
                reg_out(path);
                reg_out(L"\r\n");
                print_value(name, type, data, size);
                reg_out(L"\r\n");
                free(data);
            } else if (default_value && status == ERROR_FILE_NOT_FOUND) {
                /* a key always has a default value, if only an unset one */
                reg_out(L"\r\n");
                reg_out(path);
                reg_out(L"\r\n    (Default)    REG_SZ    (value not set)\r\n\r\n");
            } else {
                result = not_found();
            }
        }
    } else {
        /* the key's own name and values only when it has values; then its subkeys */
        DWORD values = 0;
        RegQueryInfoKeyW(key, NULL, NULL, NULL, NULL, NULL, NULL, &values, NULL, NULL, NULL, NULL);
        reg_out(L"\r\n");
        if (values) {
            reg_out(path);
            reg_out(L"\r\n");
            DWORD count;
            print_values(key, &count);
            reg_out(L"\r\n");
        }
        subkey_listing listing = {path, recurse};
        reg_for_each_subkey(key, print_subkey, &listing);
    }
    RegCloseKey(key);
    free(path);
    return result;
}

/* ---- add ---- */
static int hex_digit(WCHAR c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* decimal, or hexadecimal after 0x; FALSE past `max` or for other text */
static BOOL parse_number(const WCHAR *s, unsigned long long max, unsigned long long *out) {
    unsigned long long value = 0;
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) base = 16, s += 2;
    if (!*s) return FALSE;
    for (; *s; ++s) {
        int d = hex_digit(*s);
        if (d < 0 || d >= base) return FALSE;
        if (value > (max - (unsigned long long)d) / (unsigned long long)base) return FALSE;
        value = value * (unsigned long long)base + (unsigned long long)d;
    }
    *out = value;
    return TRUE;
}

/* The bytes RegSetValueEx is given for /t type /d data (data NULL when
 * there is no /d). FALSE for data the type cannot take. */
static BOOL make_data(DWORD type, const WCHAR *data, WCHAR separator, BYTE **out, DWORD *size) {
    *out = NULL;
    switch (type) {
    case REG_DWORD:
    case REG_DWORD_BIG_ENDIAN: /* Windows' reg.exe stores this one little-endian too */
    case REG_QWORD: {
        unsigned long long value = 0;
        BOOL quad = type == REG_QWORD;
        if (!data || !parse_number(data, quad ? ~0ULL : 0xffffffffULL, &value)) return FALSE;
        *size = quad ? 8 : 4;
        *out = malloc(*size);
        if (!*out) return FALSE;
        for (DWORD i = 0; i < *size; ++i) (*out)[i] = (BYTE)(value >> 8 * i);
        return TRUE;
    }
    default:
        break;
    }
    if (!data) data = L"";
    size_t length = wcslen(data);
    switch (type) {
    case REG_MULTI_SZ: {
        /* strings split at the separator (the two characters \0 by default);
         * a separator at the end only ends the last string, and an empty
         * string is refused unless it is the only one */
        WCHAR *list = malloc((length + 2) * sizeof(WCHAR));
        if (!list) return FALSE;
        size_t n = 0, strings = 0, empty = 0, i = 0;
        while (length) {
            size_t begin = n;
            while (i < length && !(separator ? data[i] == separator : data[i] == '\\' && data[i + 1] == '0'))
                list[n++] = data[i++];
            if (n == begin) ++empty;
            list[n++] = 0;
            ++strings;
            if (i == length) break;
            i += separator ? 1 : 2;
            if (i == length) break;
        }
        if (empty && strings > 1) {
            free(list);
            return FALSE;
        }
        list[n++] = 0;
        *out = (BYTE *)list;
        *size = (DWORD)(n * sizeof(WCHAR));
        return TRUE;
    }
    case REG_SZ:
    case REG_EXPAND_SZ:
    case REG_NONE:
    case REG_LINK: {
        *size = (DWORD)((length + 1) * sizeof(WCHAR));
        *out = malloc(*size);
        if (!*out) return FALSE;
        memcpy(*out, data, *size);
        return TRUE;
    }
    default: { /* binary: hex digits, two to a byte */
        size_t digits = length;
        *size = (DWORD)((digits + 1) / 2);
        *out = malloc(*size ? *size : 1);
        if (!*out) return FALSE;
        size_t at = 0;
        const WCHAR *p = data;
        if (digits % 2) { /* an odd count: the first digit is a byte alone */
            int d = hex_digit(*p++);
            if (d < 0) goto bad;
            (*out)[at++] = (BYTE)d;
        }
        for (; *p; p += 2) {
            int hi = hex_digit(p[0]), lo = hex_digit(p[1]);
            if (hi < 0 || lo < 0) goto bad;
            (*out)[at++] = (BYTE)(hi << 4 | lo);
        }
        return TRUE;
    bad:
        free(*out);
        *out = NULL;
        return FALSE;
    }
    }
}

static int add(int argc, WCHAR **argv) {
    if (argc < 3) return syntax_error();
    BOOL view = FALSE;
    const WCHAR *value_name = NULL, *data = NULL, *type_text = NULL, *separator = NULL;
    BOOL default_value = FALSE, force = FALSE;
    for (int i = 3; i < argc; ++i) {
        if (is_switch(argv[i], L"v") && i + 1 < argc && !value_name && !default_value) value_name = argv[++i];
        else if (is_switch(argv[i], L"ve") && !value_name && !default_value) default_value = TRUE;
        else if (is_switch(argv[i], L"t") && i + 1 < argc && !type_text) type_text = argv[++i];
        else if (is_switch(argv[i], L"s") && i + 1 < argc && !separator) separator = argv[++i];
        else if (is_switch(argv[i], L"d") && i + 1 < argc && !data) data = argv[++i];
        else if (is_switch(argv[i], L"f") && !force) force = TRUE;
        else if (!view_switch(argv[i], &view)) return syntax_error();
    }
    DWORD type = REG_SZ;
    if (type_text && !parse_type(type_text, &type)) {
        reg_err(L"ERROR: Invalid syntax.\r\n");
        reg_err(L"Unsupported registry data type: ");
        reg_err(type_text);
        reg_err(L"\r\n");
        return 1;
    }
    if (separator && (type != REG_MULTI_SZ || wcslen(separator) != 1)) return syntax_error();
    reg_path p;
    if (!reg_parse_path(argv[2], &p)) return key_name_error();
    BYTE *bytes = NULL;
    DWORD size = 0;
    /* without /v the default value is set (to an empty string without /d), as Windows' reg.exe does */
    BOOL set_value = TRUE;
    if (!make_data(type, data, separator ? separator[0] : 0, &bytes, &size)) {
        reg_path_free(&p);
        return syntax_error();
    }
    HKEY key;
    LONG status = RegCreateKeyExW(p.root, p.subkey, 0, NULL, 0, KEY_READ | KEY_WRITE, NULL, &key, NULL);
    reg_path_free(&p);
    if (status != ERROR_SUCCESS) {
        free(bytes);
        return error_text(status);
    }
    int result = 0;
    if (set_value) {
        const WCHAR *name = value_name ? value_name : L"";
        if (!force && RegQueryValueExW(key, name, NULL, NULL, NULL, NULL) == ERROR_SUCCESS &&
            !confirm(L"Value ", name[0] ? name : L"(Default)", L" exists, overwrite(Yes/No)? ")) {
            result = 1;
        } else {
            status = RegSetValueExW(key, name, 0, type, bytes, size);
            if (status != ERROR_SUCCESS) result = error_text(status);
        }
    }
    RegCloseKey(key);
    free(bytes);
    if (!result) reg_out(success_text);
    return result;
}

/* ---- delete ---- */
static int delete_(int argc, WCHAR **argv) {
    if (argc < 3) return syntax_error();
    BOOL view = FALSE;
    const WCHAR *value_name = NULL;
    BOOL default_value = FALSE, all_values = FALSE, force = FALSE;
    for (int i = 3; i < argc; ++i) {
        BOOL value_given = value_name || default_value || all_values;
        if (is_switch(argv[i], L"v") && i + 1 < argc && !value_given) value_name = argv[++i];
        else if (is_switch(argv[i], L"ve") && !value_given) default_value = TRUE;
        else if (is_switch(argv[i], L"va") && !value_given) all_values = TRUE;
        else if (is_switch(argv[i], L"f") && !force) force = TRUE;
        else if (!view_switch(argv[i], &view)) return syntax_error();
    }
    reg_path p;
    if (!reg_parse_path(argv[2], &p)) return key_name_error();
    WCHAR *path = reg_path_full(&p);
    HKEY key = NULL;
    LONG status = RegOpenKeyExW(p.root, p.subkey, 0, KEY_READ | KEY_WRITE, &key);
    if (status != ERROR_SUCCESS) key = NULL;
    int result = 0;
    if (status == ERROR_FILE_NOT_FOUND) {
        result = not_found();
    } else if (status != ERROR_SUCCESS) {
        result = error_text(status);
    } else if (value_name || default_value) {
        const WCHAR *name = value_name ? value_name : L"";
        if (RegQueryValueExW(key, name, NULL, NULL, NULL, NULL) != ERROR_SUCCESS) result = not_found();
        else if (!force && !confirm(L"Delete the registry value ", name[0] ? name : L"(Default)", L" (Yes/No)? "))
            result = 1;
        else if ((status = RegDeleteValueW(key, name)) != ERROR_SUCCESS) result = error_text(status);
    } else if (all_values) {
        if (!force && !confirm(L"Delete all values under the registry key ", path, L" (Yes/No)? ")) {
            result = 1;
        } else {
            WCHAR *name = malloc(MAX_NAME * sizeof(WCHAR));
            for (DWORD i = 0; name;) {
                DWORD length = MAX_NAME;
                if (RegEnumValueW(key, i, name, &length, NULL, NULL, NULL, NULL) != ERROR_SUCCESS) break;
                if (RegDeleteValueW(key, name) != ERROR_SUCCESS) ++i; /* keep going past one that stays */
            }
            free(name);
        }
    } else if (!p.subkey[0]) {
        reg_err(L"ERROR: Unable to delete a root key.\r\n"); /* the hives themselves cannot go */
        result = 1;
    } else if (!force && !confirm(L"Permanently delete the registry key ", path, L" (Yes/No)? ")) {
        result = 1;
    } else {
        status = RegDeleteTreeW(key, NULL);
        if (status == ERROR_SUCCESS) status = RegDeleteKeyW(p.root, p.subkey);
        if (status != ERROR_SUCCESS) result = error_text(status);
    }
    if (key) RegCloseKey(key);
    if (!result) reg_out(success_text);
    free(path);
    reg_path_free(&p);
    return result;
}

/* ---- copy ---- */
typedef struct {
    HKEY to;
    BOOL recurse, force, cancelled;
    LONG status;
} key_copy;

static LONG copy_key(HKEY from, key_copy *copy);

static BOOL copy_value(void *context, const WCHAR *name, DWORD name_length, DWORD type, const BYTE *data,
                       DWORD size) {
    key_copy *copy = context;
    if (!copy->force && RegQueryValueExW(copy->to, name, NULL, NULL, NULL, NULL) == ERROR_SUCCESS &&
        !confirm(L"Value ", name[0] ? name : L"(Default)", L" exists, overwrite(Yes/No)? ")) {
        copy->cancelled = TRUE;
        return TRUE;
    }
    copy->status = RegSetValueExW(copy->to, name, 0, type, data, size);
    return copy->status == ERROR_SUCCESS;
}

static BOOL copy_subkey(void *context, HKEY from, const WCHAR *name) {
    key_copy *copy = context;
    HKEY child_from;
    key_copy below = *copy;
    copy->status = RegOpenKeyExW(from, name, 0, KEY_READ, &child_from);
    if (copy->status != ERROR_SUCCESS) return FALSE;
    copy->status = RegCreateKeyExW(copy->to, name, 0, NULL, 0, KEY_READ | KEY_WRITE, NULL, &below.to, NULL);
    if (copy->status == ERROR_SUCCESS) {
        copy->status = copy_key(child_from, &below);
        copy->cancelled |= below.cancelled;
        RegCloseKey(below.to);
    }
    RegCloseKey(child_from);
    return copy->status == ERROR_SUCCESS;
}

/* The values of `from` (and with /s its subkeys) into copy->to. */
static LONG copy_key(HKEY from, key_copy *copy) {
    copy->status = ERROR_SUCCESS;
    LONG status = reg_for_each_value(from, copy_value, copy);
    if (status == ERROR_SUCCESS) status = copy->status;
    if (status != ERROR_SUCCESS || !copy->recurse) return status;
    status = reg_for_each_subkey(from, copy_subkey, copy);
    return status == ERROR_SUCCESS ? copy->status : status;
}

static int copy(int argc, WCHAR **argv) {
    if (argc < 4) return syntax_error();
    BOOL view = FALSE;
    BOOL recurse = FALSE, force = FALSE;
    for (int i = 4; i < argc; ++i) {
        if (is_switch(argv[i], L"s") && !recurse) recurse = TRUE;
        else if (is_switch(argv[i], L"f") && !force) force = TRUE;
        else if (!view_switch(argv[i], &view)) return syntax_error();
    }
    reg_path source, target;
    if (!reg_parse_path(argv[2], &source)) return key_name_error();
    if (!reg_parse_path(argv[3], &target)) {
        reg_path_free(&source);
        return key_name_error();
    }
    WCHAR *a = reg_path_full(&source), *b = reg_path_full(&target);
    BOOL same = a && b && equal_nocase(a, b);
    free(a);
    free(b);
    HKEY from = NULL, to = NULL;
    int result = 0;
    LONG status;
    if (same) {
        reg_err(L"ERROR: The source and destination keys cannot be the same.\r\n");
        result = 1;
    } else if ((status = RegOpenKeyExW(source.root, source.subkey, 0, KEY_READ, &from)) != ERROR_SUCCESS) {
        from = NULL;
        result = not_found();
    } else if ((status = RegCreateKeyExW(target.root, target.subkey, 0, NULL, 0, KEY_READ | KEY_WRITE, NULL, &to,
                                         NULL)) != ERROR_SUCCESS) {
        to = NULL;
        result = error_text(status);
    } else {
        key_copy copy_state = {to, recurse, force, FALSE, ERROR_SUCCESS};
        status = copy_key(from, &copy_state);
        if (status != ERROR_SUCCESS) result = error_text(status);
        else if (copy_state.cancelled) result = 1;
    }
    if (from) RegCloseKey(from);
    if (to) RegCloseKey(to);
    reg_path_free(&source);
    reg_path_free(&target);
    if (!result) reg_out(success_text);
    return result;
}

/* ---- export / import ---- */
/* Saving and restoring hives take SeBackupPrivilege and SeRestorePrivilege,
 * which an administrator's token holds disabled: reg.exe enables the one
 * it needs, as Windows' does. */
static void enable_privilege(const WCHAR *name) {
    HANDLE token;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &token)) return;
    TOKEN_PRIVILEGES privileges;
    privileges.PrivilegeCount = 1;
    privileges.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
    if (LookupPrivilegeValueW(NULL, name, &privileges.Privileges[0].Luid))
        AdjustTokenPrivileges(token, FALSE, &privileges, 0, NULL, NULL);
    CloseHandle(token);
}

/* reg export KEY FILE [/y] (a .reg file) and reg save KEY FILE [/y] (a
 * hive file, RegSaveKey's): the same checks, then the one or the other. */
static int key_to_file(int argc, WCHAR **argv, BOOL save) {
    if (argc < 4) return syntax_error();
    BOOL view = FALSE;
    BOOL overwrite = FALSE;
    for (int i = 4; i < argc; ++i) {
        if (is_switch(argv[i], L"y") && !overwrite) overwrite = TRUE;
        else if (!view_switch(argv[i], &view)) return syntax_error();
    }
    BOOL ignored = FALSE;
    if (is_switch(argv[3], L"y") || view_switch(argv[3], &ignored)) return syntax_error(); /* the file comes before them */
    reg_path p;
    if (!reg_parse_path(argv[2], &p)) return key_name_error();
    HKEY key;
    LONG status = RegOpenKeyExW(p.root, p.subkey, 0, KEY_READ, &key);
    if (status != ERROR_SUCCESS) {
        reg_path_free(&p);
        return not_found();
    }
    BOOL exists = GetFileAttributesW(argv[3]) != INVALID_FILE_ATTRIBUTES;
    if (exists && !overwrite && !confirm(L"File ", argv[3], L" already exists. Overwrite (Yes/No)? ")) {
        RegCloseKey(key);
        reg_path_free(&p);
        return 1;
    }
    if (save) {
        if (exists) DeleteFileW(argv[3]); /* RegSaveKey makes a new file */
        enable_privilege(L"SeBackupPrivilege");
        status = RegSaveKeyW(key, argv[3], NULL);
    } else {
        status = reg_export_file(argv[3], &p, TRUE);
    }
    RegCloseKey(key);
    reg_path_free(&p);
    if (status != ERROR_SUCCESS) return error_text(status);
    reg_out(success_text);
    return 0;
}

static int export_(int argc, WCHAR **argv) { return key_to_file(argc, argv, FALSE); }
static int save(int argc, WCHAR **argv) { return key_to_file(argc, argv, TRUE); }

/* reg restore KEY FILE: the key's values and subkeys replaced by a saved hive's */
static int restore(int argc, WCHAR **argv) {
    if (argc < 4) return syntax_error();
    BOOL view = FALSE;
    for (int i = 4; i < argc; ++i)
        if (!view_switch(argv[i], &view)) return syntax_error();
    reg_path p;
    if (!reg_parse_path(argv[2], &p)) return key_name_error();
    HKEY key;
    LONG status = RegOpenKeyExW(p.root, p.subkey, 0, KEY_ALL_ACCESS, &key);
    reg_path_free(&p);
    if (status == ERROR_FILE_NOT_FOUND) return not_found();
    if (status != ERROR_SUCCESS) return error_text(status);
    enable_privilege(L"SeRestorePrivilege");
    status = RegRestoreKeyW(key, argv[3], 0);
    RegCloseKey(key);
    if (status != ERROR_SUCCESS) return error_text(status);
    reg_out(success_text);
    return 0;
}

static int import(int argc, WCHAR **argv) {
    if (argc < 3) return syntax_error();
    BOOL view = FALSE;
    for (int i = 3; i < argc; ++i)
        if (!view_switch(argv[i], &view)) return syntax_error();
    LONG status = reg_import_file(argv[2]);
    if (status == ERROR_SUCCESS) {
        reg_out(success_text);
        return 0;
    }
    if (status == ERROR_BAD_FORMAT || status == ERROR_INVALID_DATA) reg_err(L"ERROR: Error accessing the registry.\r\n");
    else reg_err(L"ERROR: Error opening the file. There may be a disk or file system error.\r\n");
    return 1;
}

/* ---- compare ---- */
/* /oa /od /os /on: which lines reg compare prints (differences by default). */
typedef struct {
    BOOL show_same, show_different, recurse, different;
} comparison;

/* "< Value: PATH  NAME  TYPE  DATA" ('<' the first key's, '>' the second's,
 * '=' both alike), or "< Key: PATH" for a subkey only one side has. */
static void compare_line(WCHAR mark, const WCHAR *path, const WCHAR *name, DWORD type, const BYTE *data,
                         DWORD size, BOOL is_key) {
    text t = {0};
    WCHAR prefix[3] = {mark, ' ', 0};
    text_add(&t, prefix);
    text_add(&t, is_key ? L"Key: " : L"Value: ");
    text_add(&t, path);
    if (!is_key) {
        text_add(&t, L"  ");
        text_add(&t, name[0] ? name : L"(Default)");
        text_add(&t, L"  ");
        text_add(&t, type_name(type));
        text_add(&t, L"  ");
        format_data(&t, type, data, size);
    }
    text_add(&t, L"\r\n");
    if (t.s) reg_out(t.s);
    free(t.s);
}

/* One value of each key (either may be missing, not both). */
static void compare_value(comparison *c, HKEY a, const WCHAR *path_a, HKEY b, const WCHAR *path_b, const WCHAR *name) {
    DWORD type_a = 0, type_b = 0, size_a = 0, size_b = 0;
    BYTE *data_a = NULL, *data_b = NULL;
    BOOL in_a = read_value(a, name, &type_a, &data_a, &size_a) == ERROR_SUCCESS;
    BOOL in_b = read_value(b, name, &type_b, &data_b, &size_b) == ERROR_SUCCESS;
    BOOL same = in_a && in_b && type_a == type_b && size_a == size_b && !memcmp(data_a, data_b, size_a);
    if (same) {
        if (c->show_same) compare_line('=', path_a, name, type_a, data_a, size_a, FALSE);
    } else if (in_a || in_b) {
        c->different = TRUE;
        if (c->show_different && in_a) compare_line('<', path_a, name, type_a, data_a, size_a, FALSE);
        if (c->show_different && in_b) compare_line('>', path_b, name, type_b, data_b, size_b, FALSE);
    }
    free(data_a);
    free(data_b);
}

typedef struct {
    comparison *c;
    HKEY a, b;
    const WCHAR *path_a, *path_b;
    BOOL second_side; /* walking b: only what a lacks */
} compare_walk;

static BOOL compare_each_value(void *context, const WCHAR *name, DWORD name_length, DWORD type, const BYTE *data,
                               DWORD size) {
    compare_walk *walk = context;
    if (!walk->second_side) {
        compare_value(walk->c, walk->a, walk->path_a, walk->b, walk->path_b, name);
    } else if (RegQueryValueExW(walk->a, name, NULL, NULL, NULL, NULL) != ERROR_SUCCESS) {
        walk->c->different = TRUE;
        if (walk->c->show_different) compare_line('>', walk->path_b, name, type, data, size, FALSE);
    }
    return TRUE;
}

static void compare_keys(comparison *c, HKEY a, const WCHAR *path_a, HKEY b, const WCHAR *path_b);

static BOOL compare_each_subkey(void *context, HKEY key, const WCHAR *name) {
    compare_walk *walk = context;
    HKEY other_parent = walk->second_side ? walk->a : walk->b, child, other;
    if (RegOpenKeyExW(other_parent, name, 0, KEY_READ, &other) != ERROR_SUCCESS) {
        /* a subkey one side lacks is one difference; nothing below it is compared */
        WCHAR *sub_path = reg_join(walk->second_side ? walk->path_b : walk->path_a, name);
        walk->c->different = TRUE;
        if (walk->c->show_different && sub_path)
            compare_line(walk->second_side ? '>' : '<', sub_path, NULL, 0, NULL, 0, TRUE);
        free(sub_path);
        return TRUE;
    }
    if (!walk->second_side && RegOpenKeyExW(key, name, 0, KEY_READ, &child) == ERROR_SUCCESS) {
        WCHAR *sub_a = reg_join(walk->path_a, name), *sub_b = reg_join(walk->path_b, name);
        if (sub_a && sub_b) compare_keys(walk->c, child, sub_a, other, sub_b);
        free(sub_a);
        free(sub_b);
        RegCloseKey(child);
    }
    RegCloseKey(other);
    return TRUE;
}

/* The values of both keys, then with /s their subkeys. */
static void compare_keys(comparison *c, HKEY a, const WCHAR *path_a, HKEY b, const WCHAR *path_b) {
    compare_walk walk = {c, a, b, path_a, path_b, FALSE};
    reg_for_each_value(a, compare_each_value, &walk);
    walk.second_side = TRUE;
    reg_for_each_value(b, compare_each_value, &walk);
    if (!c->recurse) return;
    walk.second_side = FALSE;
    reg_for_each_subkey(a, compare_each_subkey, &walk);
    walk.second_side = TRUE;
    reg_for_each_subkey(b, compare_each_subkey, &walk);
}

static int compare(int argc, WCHAR **argv) {
    if (argc < 4) return syntax_error();
    BOOL view = FALSE, default_value = FALSE, output_given = FALSE;
    const WCHAR *value_name = NULL;
    comparison c = {FALSE, TRUE, FALSE, FALSE};
    for (int i = 4; i < argc; ++i) {
        BOOL value_given = value_name || default_value;
        if (is_switch(argv[i], L"v") && i + 1 < argc && !value_given) value_name = argv[++i];
        else if (is_switch(argv[i], L"ve") && !value_given) default_value = TRUE;
        else if (is_switch(argv[i], L"s") && !c.recurse) c.recurse = TRUE;
        else if (!output_given && (is_switch(argv[i], L"oa") || is_switch(argv[i], L"od") ||
                                   is_switch(argv[i], L"os") || is_switch(argv[i], L"on"))) {
            output_given = TRUE;
            WCHAR mode = upper(argv[i][2]);
            c.show_same = mode == 'A' || mode == 'S';
            c.show_different = mode == 'A' || mode == 'D';
        } else if (!view_switch(argv[i], &view)) return syntax_error();
    }
    if (c.recurse && (value_name || default_value)) return syntax_error(); /* /s compares whole keys */
    reg_path first, second;
    if (!reg_parse_path(argv[2], &first)) return key_name_error();
    if (!reg_parse_path(argv[3], &second)) {
        reg_path_free(&first);
        return key_name_error();
    }
    HKEY a = NULL, b = NULL;
    WCHAR *path_a = reg_path_full(&first), *path_b = reg_path_full(&second);
    int result;
    if (RegOpenKeyExW(first.root, first.subkey, 0, KEY_READ, &a) != ERROR_SUCCESS) {
        a = NULL;
        result = not_found();
    } else if (RegOpenKeyExW(second.root, second.subkey, 0, KEY_READ, &b) != ERROR_SUCCESS) {
        b = NULL;
        result = not_found();
    } else if ((value_name || default_value) &&
               RegQueryValueExW(a, value_name ? value_name : L"", NULL, NULL, NULL, NULL) != ERROR_SUCCESS &&
               RegQueryValueExW(b, value_name ? value_name : L"", NULL, NULL, NULL, NULL) != ERROR_SUCCESS) {
        result = not_found();
    } else {
        if (value_name || default_value) compare_value(&c, a, path_a, b, path_b, value_name ? value_name : L"");
        else compare_keys(&c, a, path_a, b, path_b);
        reg_out(c.different ? L"\r\nResult Compared: Different\r\n" : L"\r\nResult Compared: Identical\r\n");
        reg_out(success_text);
        result = c.different ? 2 : 0;
    }
    if (a) RegCloseKey(a);
    if (b) RegCloseKey(b);
    free(path_a);
    free(path_b);
    reg_path_free(&first);
    reg_path_free(&second);
    return result;
}

/* ---- load / unload ---- */
/* KEY below HKLM or HKU, which is where hives are mounted. */
static BOOL hive_key(const WCHAR *name, reg_path *p) {
    if (!reg_parse_path(name, p)) return FALSE;
    if ((p->root == HKEY_LOCAL_MACHINE || p->root == HKEY_USERS) && p->subkey[0] && !wcschr(p->subkey, '\\')) return TRUE;
    reg_path_free(p);
    return FALSE;
}

/* reg load KEY FILE: a hive file (what reg save writes) mounted at KEY. */
static int load(int argc, WCHAR **argv) {
    if (argc != 4) return syntax_error();
    reg_path p;
    if (!hive_key(argv[2], &p)) return key_name_error();
    enable_privilege(L"SeRestorePrivilege");
    enable_privilege(L"SeBackupPrivilege");
    LONG status = RegLoadKeyW(p.root, p.subkey, argv[3]);
    reg_path_free(&p);
    if (status != ERROR_SUCCESS) return error_text(status);
    reg_out(success_text);
    return 0;
}

static int unload(int argc, WCHAR **argv) {
    if (argc != 3) return syntax_error();
    reg_path p;
    if (!hive_key(argv[2], &p)) return key_name_error();
    enable_privilege(L"SeRestorePrivilege");
    enable_privilege(L"SeBackupPrivilege");
    LONG status = RegUnLoadKeyW(p.root, p.subkey);
    reg_path_free(&p);
    if (status != ERROR_SUCCESS) return error_text(status);
    reg_out(success_text);
    return 0;
}

/* ---- usage ---- */
static int usage(const WCHAR *operation) {
    if (!operation) {
        reg_out(L"\r\nREG Operation [Parameter List]\r\n\r\n"
                L"  Operation  [ QUERY   | ADD    | DELETE  | COPY    |\r\n"
                L"               SAVE    | LOAD    | UNLOAD  | RESTORE |\r\n"
                L"               COMPARE | EXPORT  | IMPORT ]\r\n\r\n"
                L"Return Code: (Except for REG COMPARE):\r\n\r\n"
                L"  0 - Successful\r\n"
                L"  1 - Failed\r\n\r\n"
                L"For help on a specific operation type:\r\n\r\n"
                L"  REG Operation /?\r\n");
    } else if (equal_nocase(operation, L"query")) {
        reg_out(L"\r\nREG QUERY KeyName [/v [ValueName] | /ve] [/s]\r\n"
                L"          [/f Data [/k] [/d] [/c] [/e]] [/t Type] [/z] [/se Separator]\r\n"
                L"          [/reg:32 | /reg:64]\r\n");
    } else if (equal_nocase(operation, L"compare")) {
        reg_out(L"\r\nREG COMPARE KeyName1 KeyName2 [/v ValueName | /ve] [Output] [/s]\r\n"
                L"        [/reg:32 | /reg:64]\r\n\r\n"
                L"  Output    [/oa | /od | /os | /on]\r\n\r\n"
                L"Return Code:\r\n\r\n"
                L"  0 - Successful and the result compared is identical\r\n"
                L"  1 - Failed\r\n"
                L"  2 - Successful and the result compared is different\r\n");
    } else if (equal_nocase(operation, L"load")) {
        reg_out(L"\r\nREG LOAD KeyName FileName [/reg:32 | /reg:64]\r\n");
    } else if (equal_nocase(operation, L"unload")) {
        reg_out(L"\r\nREG UNLOAD KeyName\r\n");
    } else if (equal_nocase(operation, L"add")) {
        reg_out(L"\r\nREG ADD KeyName [/v ValueName | /ve] [/t Type] [/s Separator] [/d Data] [/f]\r\n"
                L"        [/reg:32 | /reg:64]\r\n");
    } else if (equal_nocase(operation, L"delete")) {
        reg_out(L"\r\nREG DELETE KeyName [/v ValueName | /ve | /va] [/f] [/reg:32 | /reg:64]\r\n");
    } else if (equal_nocase(operation, L"copy")) {
        reg_out(L"\r\nREG COPY KeyName1 KeyName2 [/s] [/f] [/reg:32 | /reg:64]\r\n");
    } else if (equal_nocase(operation, L"export")) {
        reg_out(L"\r\nREG EXPORT KeyName FileName [/y] [/reg:32 | /reg:64]\r\n");
    } else if (equal_nocase(operation, L"save")) {
        reg_out(L"\r\nREG SAVE KeyName FileName [/y] [/reg:32 | /reg:64]\r\n");
    } else if (equal_nocase(operation, L"restore")) {
        reg_out(L"\r\nREG RESTORE KeyName FileName [/reg:32 | /reg:64]\r\n");
    } else {
        reg_out(L"\r\nREG IMPORT FileName [/reg:32 | /reg:64]\r\n");
    }
    return 0;
}

int wmain(int argc, WCHAR **argv) {
    static const struct {
        const WCHAR *name, *upper_name;
        int (*run)(int, WCHAR **);
    } operations[] = {
        {L"query", L"QUERY", query},   {L"add", L"ADD", add},          {L"delete", L"DELETE", delete_},
        {L"copy", L"COPY", copy},      {L"export", L"EXPORT", export_}, {L"import", L"IMPORT", import},
        {L"save", L"SAVE", save},      {L"restore", L"RESTORE", restore}, {L"compare", L"COMPARE", compare},
        {L"load", L"LOAD", load},      {L"unload", L"UNLOAD", unload},
    };
    if (argc < 2) {
        reg_err(L"ERROR: Invalid syntax.\r\nType \"REG /?\" for usage.\r\n");
        return 1;
    }
    if (is_switch(argv[1], L"?") || is_switch(argv[1], L"h")) return usage(NULL);
    for (size_t i = 0; i < sizeof(operations) / sizeof(operations[0]); ++i) {
        if (!equal_nocase(argv[1], operations[i].name)) continue;
        operation_name = operations[i].upper_name;
        for (int j = 2; j < argc; ++j)
            if (is_switch(argv[j], L"?") || (j == 2 && is_switch(argv[j], L"h"))) return usage(operations[i].name);
        return operations[i].run(argc, argv);
    }
    reg_err(L"ERROR: Invalid argument/option - '");
    reg_err(argv[1]);
    reg_err(L"'.\r\nType \"REG /?\" for usage.\r\n");
    return 1;
}
