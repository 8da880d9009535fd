/* The .reg file parser and writer (regfile.h). Valid C and C++: the fuzz
 * target compiles it with clang++. */
#include "regfile.h"

#include <stdlib.h>
#include <string.h>

/* ---- growable buffers ---- */
typedef struct {
    uint8_t *data;
    size_t size, capacity;
    int failed;
} Bytes;

static void bytes_add(Bytes *b, const void *p, size_t n) {
    if (b->failed) return;
    if (b->size + n > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 64;
        while (capacity < b->size + n) capacity *= 2;
        uint8_t *data = (uint8_t *)realloc(b->data, capacity);
        if (!data) {
            b->failed = 1;
            return;
        }
        b->data = data;
        b->capacity = capacity;
    }
    if (n) memcpy(b->data + b->size, p, n);
    b->size += n;
}

static void bytes_add_unit(Bytes *b, rf_char c) {
    uint8_t le[2] = {(uint8_t)(c & 0xff), (uint8_t)(c >> 8)};
    bytes_add(b, le, 2);
}

/* ---- Latin-1, when the caller gives no code page ---- */
static size_t latin1_to_utf16(void *context, const uint8_t *in, size_t n, rf_char *out, size_t cap) {
    (void)context;
    if (!out) return n;
    size_t count = n < cap ? n : cap;
    for (size_t i = 0; i < count; ++i) out[i] = in[i];
    return count;
}

static size_t latin1_from_utf16(void *context, const rf_char *in, size_t n, uint8_t *out, size_t cap) {
    (void)context;
    if (!out) return n;
    size_t count = n < cap ? n : cap;
    for (size_t i = 0; i < count; ++i) out[i] = in[i] < 0x100 ? (uint8_t)in[i] : (uint8_t)'?';
    return count;
}

static const rf_codec latin1_codec = {NULL, latin1_to_utf16, latin1_from_utf16};

static const rf_codec *codec_or_default(const rf_codec *codec) {
    return codec && codec->to_utf16 && codec->to_ansi ? codec : &latin1_codec;
}

/* ---- reading ---- */
static int is_blank(rf_char c) { return c == ' ' || c == '\t'; }

static int hex_digit(rf_char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static rf_char lower(rf_char c) { return c >= 'A' && c <= 'Z' ? (rf_char)(c + 32) : c; }

/* [p, end) starts with the ASCII word, ignoring case */
static int starts_with(const rf_char *p, const rf_char *end, const char *word) {
    for (; *word; ++word, ++p)
        if (p >= end || lower(*p) != (rf_char)*word) return 0;
    return 1;
}

static const rf_char *skip_blanks(const rf_char *p, const rf_char *end) {
    while (p < end && is_blank(*p)) ++p;
    return p;
}

/* Only blanks, or a ';' comment, are left. */
static int rest_is_empty(const rf_char *p, const rf_char *end) {
    p = skip_blanks(p, end);
    return p == end || *p == ';';
}

static int equals_ascii(const rf_char *p, const rf_char *end, const char *text) {
    size_t n = strlen(text);
    if ((size_t)(end - p) != n) return 0;
    for (size_t i = 0; i < n; ++i)
        if (p[i] != (rf_char)(unsigned char)text[i]) return 0;
    return 1;
}

typedef struct {
    const rf_codec *codec;
    const rf_sink *sink;
    int unicode;    /* Version 5.00: hex string data is UTF-16 as it stands */
    int have_key;   /* a [key] line was taken, and its values go to it */
    int key_failed; /* the last [key] line was refused: its values are dropped quietly */
    int skipped;
    /* a hex value continued on the next line */
    int continuing, value_line;
    uint32_t type;
    int default_name;
    Bytes name, data;
} Parser;

static void warn(Parser *ps, int line, const char *message) {
    ++ps->skipped;
    if (ps->sink->warning) ps->sink->warning(ps->sink->context, line, message);
}

/* A quoted string from just after its opening quote: \\ and \" are escapes
 * (another backslash stays as it is). Returns the position after the
 * closing quote, or NULL when the line ends first. */
static const rf_char *read_quoted(const rf_char *p, const rf_char *end, Bytes *out) {
    while (p < end) {
        rf_char c = *p++;
        if (c == '"') return p;
        if (c == '\\' && p < end && (*p == '\\' || *p == '"')) c = *p++;
        bytes_add_unit(out, c);
    }
    return NULL;
}

static void emit_value(Parser *ps, int line) {
    if (ps->name.failed || ps->data.failed) {
        warn(ps, line, "out of memory");
        return;
    }
    if (!ps->have_key) return;
    const rf_char *name = ps->default_name ? NULL : (const rf_char *)ps->name.data;
    size_t name_length = ps->default_name ? 0 : ps->name.size / 2;
    static const rf_char empty = 0;
    if (!name && !ps->default_name) name = &empty;
    ps->sink->value(ps->sink->context, name, name_length, ps->type, ps->data.data, ps->data.size, line);
}

/* REGEDIT4 keeps the string types' hex data in the ANSI code page. */
static void finish_hex_value(Parser *ps, int line) {
    ps->continuing = 0;
    if (!ps->unicode && (ps->type == RF_REG_SZ || ps->type == RF_REG_EXPAND_SZ || ps->type == RF_REG_MULTI_SZ) &&
        ps->data.size) {
        size_t units = ps->codec->to_utf16(ps->codec->context, ps->data.data, ps->data.size, NULL, 0);
        rf_char *wide = (rf_char *)malloc((units ? units : 1) * sizeof(rf_char));
        if (!wide) {
            warn(ps, line, "out of memory");
            return;
        }
        units = ps->codec->to_utf16(ps->codec->context, ps->data.data, ps->data.size, wide, units);
        ps->data.size = 0;
        for (size_t i = 0; i < units; ++i) bytes_add_unit(&ps->data, wide[i]);
        free(wide);
    }
    emit_value(ps, ps->value_line);
}

/* Bytes "xx,xx,..." of a hex value; a final "\" continues on the next line. */
static void read_hex_bytes(Parser *ps, const rf_char *p, const rf_char *end, int line) {
    for (;;) {
        p = skip_blanks(p, end);
        if (p == end || *p == ';') break;
        if (*p == '\\' && rest_is_empty(p + 1, end)) {
            ps->continuing = 1;
            return;
        }
        int high = hex_digit(*p);
        if (high < 0) {
            ps->continuing = 0;
            warn(ps, line, "a hex value has a character that is not a hex digit");
            return;
        }
        ++p;
        int low = p < end ? hex_digit(*p) : -1;
        uint8_t byte = (uint8_t)high;
        if (low >= 0) byte = (uint8_t)(high << 4 | low), ++p;
        bytes_add(&ps->data, &byte, 1);
        p = skip_blanks(p, end);
        if (p == end || *p == ';') break;
        if (*p == '\\' && rest_is_empty(p + 1, end)) {
            ps->continuing = 1;
            return;
        }
        if (*p != ',') {
            ps->continuing = 0;
            warn(ps, line, "the bytes of a hex value are not separated by commas");
            return;
        }
        ++p;
    }
    finish_hex_value(ps, line);
}

static void parse_key_line(Parser *ps, const rf_char *p, const rf_char *end, int line) {
    const rf_char *close = end;
    while (close > p && close[-1] != ']') --close;
    ps->have_key = 0;
    ps->key_failed = 1;
    if (close == p) {
        warn(ps, line, "a key line has no closing ']'");
        return;
    }
    const rf_char *path = p + 1, *path_end = close - 1;
    int deleting = path < path_end && *path == '-';
    if (deleting) ++path;
    if (path == path_end) {
        warn(ps, line, "a key line names no key");
        return;
    }
    if (ps->sink->key(ps->sink->context, path, (size_t)(path_end - path), deleting, line)) return;
    ps->key_failed = 0;
    ps->have_key = !deleting;
    if (deleting) ps->key_failed = 1; /* values after [-key] go nowhere, quietly */
}

static void parse_value_line(Parser *ps, const rf_char *p, const rf_char *end, int line) {
    ps->name.size = ps->data.size = 0;
    ps->default_name = 0;
    if (*p == '@') {
        ps->default_name = 1;
        ++p;
    } else {
        p = read_quoted(p + 1, end, &ps->name);
        if (!p) {
            warn(ps, line, "a value name has no closing quote");
            return;
        }
    }
    p = skip_blanks(p, end);
    if (p == end || *p != '=') {
        warn(ps, line, "a value name is not followed by '='");
        return;
    }
    p = skip_blanks(p + 1, end);
    if (!ps->have_key) {
        if (!ps->key_failed) warn(ps, line, "a value comes before any key");
        return;
    }
    if (p < end && *p == '-') {
        if (!rest_is_empty(p + 1, end)) {
            warn(ps, line, "text follows the '-' of a value deletion");
            return;
        }
        const rf_char *name = ps->default_name ? NULL : (const rf_char *)ps->name.data;
        static const rf_char empty = 0;
        if (!name && !ps->default_name) name = &empty;
        ps->sink->delete_value(ps->sink->context, name, ps->default_name ? 0 : ps->name.size / 2, line);
        return;
    }
    if (p < end && *p == '"') {
        p = read_quoted(p + 1, end, &ps->data);
        if (!p || !rest_is_empty(p, end)) {
            warn(ps, line, p ? "text follows a string value" : "a string value has no closing quote");
            return;
        }
        bytes_add_unit(&ps->data, 0);
        ps->type = RF_REG_SZ;
        emit_value(ps, line);
        return;
    }
    if (starts_with(p, end, "dword:")) {
        p += 6;
        uint32_t value = 0;
        int digits = 0;
        for (; p < end && hex_digit(*p) >= 0; ++p, ++digits) value = value << 4 | (uint32_t)hex_digit(*p);
        if (!digits || digits > 8 || !rest_is_empty(p, end)) {
            warn(ps, line, "a dword value is not 1 to 8 hex digits");
            return;
        }
        uint8_t le[4] = {(uint8_t)value, (uint8_t)(value >> 8), (uint8_t)(value >> 16), (uint8_t)(value >> 24)};
        bytes_add(&ps->data, le, 4);
        ps->type = RF_REG_DWORD;
        emit_value(ps, line);
        return;
    }
    if (starts_with(p, end, "hex:")) {
        ps->type = RF_REG_BINARY;
        p += 4;
    } else if (starts_with(p, end, "hex(")) {
        p += 4;
        uint32_t type = 0;
        int digits = 0;
        for (; p < end && hex_digit(*p) >= 0; ++p, ++digits) type = type << 4 | (uint32_t)hex_digit(*p);
        if (!digits || digits > 8 || end - p < 2 || p[0] != ')' || p[1] != ':') {
            warn(ps, line, "a hex(type) value has a malformed type");
            return;
        }
        p += 2;
        ps->type = type;
    } else {
        warn(ps, line, "a value's data is none of \"string\", dword:, hex:, hex(type): or -");
        return;
    }
    ps->value_line = line;
    read_hex_bytes(ps, p, end, line);
}

static void parse_line(Parser *ps, const rf_char *p, const rf_char *end, int line) {
    if (ps->continuing) {
        p = skip_blanks(p, end);
        if (p < end && *p == ';') return; /* a comment between continued lines */
        if (p == end) {
            finish_hex_value(ps, line);
            return;
        }
        read_hex_bytes(ps, p, end, line);
        return;
    }
    p = skip_blanks(p, end);
    if (p == end || *p == ';') return;
    if (*p == '[') parse_key_line(ps, p, end, line);
    else if (*p == '"' || *p == '@') parse_value_line(ps, p, end, line);
    else warn(ps, line, "a line is neither a [key], a value nor a comment");
}

static int is_header(const rf_char *p, const rf_char *end) {
    p = skip_blanks(p, end);
    while (end > p && is_blank(end[-1])) --end;
    return equals_ascii(p, end, "REGEDIT4") || equals_ascii(p, end, "Windows Registry Editor Version 5.00");
}

int rf_parse(const uint8_t *bytes, size_t size, const rf_codec *codec, const rf_sink *sink) {
    codec = codec_or_default(codec);
    rf_char *text;
    size_t length;
    if (size >= 2 && bytes[0] == 0xff && bytes[1] == 0xfe) {
        length = (size - 2) / 2;
        text = (rf_char *)malloc((length + 1) * sizeof(rf_char));
        if (!text) return RF_NO_MEMORY;
        for (size_t i = 0; i < length; ++i) text[i] = (rf_char)(bytes[2 + 2 * i] | bytes[3 + 2 * i] << 8);
    } else {
        length = codec->to_utf16(codec->context, bytes, size, NULL, 0);
        text = (rf_char *)malloc((length + 1) * sizeof(rf_char));
        if (!text) return RF_NO_MEMORY;
        length = codec->to_utf16(codec->context, bytes, size, text, length);
    }
    Parser ps;
    memset(&ps, 0, sizeof(ps));
    ps.codec = codec;
    ps.sink = sink;
    const rf_char *p = text, *end = text + length;
    int line = 0, header_seen = 0;
    for (;;) {
        const rf_char *eol = p;
        while (eol < end && *eol != '\n' && *eol != '\r') ++eol;
        ++line;
        if (!header_seen) {
            if (skip_blanks(p, eol) == eol && eol < end) {
                /* blank lines before the header */
            } else if (!is_header(p, eol)) {
                if (sink->warning)
                    sink->warning(sink->context, line,
                                  "not a registry file: the first line is neither REGEDIT4 nor "
                                  "Windows Registry Editor Version 5.00");
                free(text);
                return RF_NOT_REGISTRY_FILE;
            } else {
                header_seen = 1;
                ps.unicode = !equals_ascii(skip_blanks(p, eol), skip_blanks(p, eol) + 8, "REGEDIT4");
            }
        } else {
            parse_line(&ps, p, eol, line);
        }
        if (eol == end) {
            if (ps.continuing) finish_hex_value(&ps, line); /* the file ends inside a continued value */
            break;
        }
        p = eol + (eol[0] == '\r' && eol + 1 < end && eol[1] == '\n' ? 2 : 1);
    }
    free(text);
    free(ps.name.data);
    free(ps.data.data);
    if (!header_seen) {
        if (sink->warning) sink->warning(sink->context, line ? line : 1, "not a registry file: it is empty");
        return RF_NOT_REGISTRY_FILE;
    }
    return ps.skipped;
}

/* ---- writing ---- */
void rf_writer_init(rf_writer *w, int unicode, const rf_codec *codec) {
    memset(w, 0, sizeof(*w));
    w->unicode = unicode;
    w->codec = codec_or_default(codec);
}

void rf_writer_free(rf_writer *w) {
    free(w->data);
    w->data = NULL;
    w->length = w->capacity = 0;
}

static void put(rf_writer *w, const rf_char *s, size_t n) {
    if (w->out_of_memory) return;
    if (w->length + n > w->capacity) {
        size_t capacity = w->capacity ? w->capacity : 256;
        while (capacity < w->length + n) capacity *= 2;
        rf_char *data = (rf_char *)realloc(w->data, capacity * sizeof(rf_char));
        if (!data) {
            w->out_of_memory = 1;
            return;
        }
        w->data = data;
        w->capacity = capacity;
    }
    if (n) memcpy(w->data + w->length, s, n * sizeof(rf_char));
    w->length += n;
}

static void put_char(rf_writer *w, rf_char c) { put(w, &c, 1); }

static void put_ascii(rf_writer *w, const char *s) {
    for (; *s; ++s) put_char(w, (rf_char)(unsigned char)*s);
}

static void put_escaped(rf_writer *w, const rf_char *s, size_t n) {
    for (size_t i = 0; i < n; ++i) {
        if (s[i] == '\\' || s[i] == '"') put_char(w, '\\');
        put_char(w, s[i]);
    }
}

static void put_hex(rf_writer *w, uint32_t value, int digits) {
    static const char hex[] = "0123456789abcdef";
    char text[9];
    int n = 0;
    if (digits) {
        for (int i = digits - 1; i >= 0; --i) text[n++] = hex[(value >> (4 * i)) & 15];
    } else {
        int shift = 28;
        while (shift > 0 && !((value >> shift) & 15)) shift -= 4;
        for (; shift >= 0; shift -= 4) text[n++] = hex[(value >> shift) & 15];
    }
    text[n] = 0;
    put_ascii(w, text);
}

void rf_write_header(rf_writer *w) {
    put_ascii(w, w->unicode ? "Windows Registry Editor Version 5.00\r\n\r\n" : "REGEDIT4\r\n\r\n");
}

void rf_write_key(rf_writer *w, const rf_char *path, size_t length) {
    put_char(w, '[');
    put(w, path, length);
    put_ascii(w, "]\r\n");
}

void rf_write_key_end(rf_writer *w) { put_ascii(w, "\r\n"); }

static rf_char unit_at(const uint8_t *data, size_t i) { return (rf_char)(data[2 * i] | data[2 * i + 1] << 8); }

/* The string up to its first NUL, as Windows' export writes a REG_SZ. */
static size_t string_units(const uint8_t *data, size_t size) {
    size_t n = 0;
    while (n < size / 2 && unit_at(data, n)) ++n;
    return n;
}

static int has_line_break(const uint8_t *data, size_t units) {
    for (size_t i = 0; i < units; ++i)
        if (unit_at(data, i) == '\r' || unit_at(data, i) == '\n') return 1;
    return 0;
}

int rf_string_round_trips(const uint8_t *data, size_t size) {
    size_t units = string_units(data, size);
    return size % 2 == 0 && units + 1 == size / 2 && !has_line_break(data, units);
}

/* Hex bytes wrapped as Windows wraps them: a line is broken after the
 * comma that brings it to 77 characters or more, with "\" at its end and
 * two blanks before the next. column: the line's length so far. */
static void put_hex_bytes(rf_writer *w, const uint8_t *data, size_t size, size_t column) {
    for (size_t i = 0; i < size; ++i) {
        put_hex(w, data[i], 2);
        if (i + 1 == size) break;
        put_char(w, ',');
        column += 3;
        if (column >= 77) {
            put_ascii(w, "\\\r\n  ");
            column = 2;
        }
    }
}

void rf_write_value(rf_writer *w, const rf_char *name, size_t name_length, uint32_t type, const uint8_t *data,
                    size_t size) {
    size_t start = w->length;
    if (name) {
        put_char(w, '"');
        put_escaped(w, name, name_length);
        put_ascii(w, "\"=");
    } else {
        put_char(w, '@');
        put_char(w, '=');
    }
    size_t units = type == RF_REG_SZ ? string_units(data, size) : 0;
    if (type == RF_REG_SZ && !has_line_break(data, units)) {
        put_char(w, '"');
        for (size_t i = 0; i < units; ++i) {
            rf_char c = unit_at(data, i);
            if (c == '\\' || c == '"') put_char(w, '\\');
            put_char(w, c);
        }
        put_ascii(w, "\"\r\n");
        return;
    }
    if (type == RF_REG_DWORD && size == 4) {
        put_ascii(w, "dword:");
        put_hex(w, (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 | (uint32_t)data[3] << 24, 8);
        put_ascii(w, "\r\n");
        return;
    }
    if (type == RF_REG_BINARY) {
        put_ascii(w, "hex:");
    } else {
        put_ascii(w, "hex(");
        put_hex(w, type, 0);
        put_ascii(w, "):");
    }
    uint8_t *converted = NULL;
    if (!w->unicode && (type == RF_REG_SZ || type == RF_REG_EXPAND_SZ || type == RF_REG_MULTI_SZ) && size >= 2) {
        /* REGEDIT4: the string types' bytes in the ANSI code page */
        size_t n = size / 2;
        rf_char *wide = (rf_char *)malloc(n * sizeof(rf_char));
        if (wide) {
            for (size_t i = 0; i < n; ++i) wide[i] = unit_at(data, i);
            size_t bytes = w->codec->to_ansi(w->codec->context, wide, n, NULL, 0);
            converted = (uint8_t *)malloc(bytes ? bytes : 1);
            if (converted) size = w->codec->to_ansi(w->codec->context, wide, n, converted, bytes), data = converted;
            free(wide);
        }
        if (!converted) w->out_of_memory = 1;
    }
    put_hex_bytes(w, data, size, w->length - start);
    put_ascii(w, "\r\n");
    free(converted);
}

uint8_t *rf_writer_bytes(rf_writer *w, size_t *size) {
    if (w->out_of_memory) return NULL;
    uint8_t *out;
    if (w->unicode) {
        out = (uint8_t *)malloc(2 + 2 * w->length);
        if (!out) return NULL;
        out[0] = 0xff, out[1] = 0xfe;
        for (size_t i = 0; i < w->length; ++i) out[2 + 2 * i] = (uint8_t)w->data[i], out[3 + 2 * i] = (uint8_t)(w->data[i] >> 8);
        *size = 2 + 2 * w->length;
        return out;
    }
    size_t n = w->codec->to_ansi(w->codec->context, w->data, w->length, NULL, 0);
    out = (uint8_t *)malloc(n ? n : 1);
    if (!out) return NULL;
    *size = w->codec->to_ansi(w->codec->context, w->data, w->length, out, n);
    return out;
}
