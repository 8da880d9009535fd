/* The .reg file format, read and written by reg.exe and regedit.exe:
 * "REGEDIT4" files in the ANSI code page and "Windows Registry Editor
 * Version 5.00" files in UTF-16LE with a byte-order mark. Plain C on the
 * C library alone (no Windows headers), so the same file builds into the
 * Windows programs and into the host's libFuzzer target
 * (tests/fuzz/regfile_fuzz.cpp). Code-page conversions come from the caller
 * (rf_codec); Latin-1 stands in when there is none. */
#ifndef VINE_REGFILE_H
#define VINE_REGFILE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint16_t rf_char; /* one UTF-16 code unit */

enum {
    RF_REG_NONE = 0,
    RF_REG_SZ = 1,
    RF_REG_EXPAND_SZ = 2,
    RF_REG_BINARY = 3,
    RF_REG_DWORD = 4,
    RF_REG_MULTI_SZ = 7,
};

/* ANSI <-> UTF-16 for REGEDIT4 files. Each returns the number of units
 * written to out (at most cap); out may be NULL to measure. */
typedef struct {
    void *context;
    size_t (*to_utf16)(void *context, const uint8_t *in, size_t n, rf_char *out, size_t cap);
    size_t (*to_ansi)(void *context, const rf_char *in, size_t n, uint8_t *out, size_t cap);
} rf_codec;

/* What the parser found, in file order. A NULL name is the default value
 * ("@"). key() returns nonzero when the key cannot be used: the values
 * after it are then skipped (the sink has reported why). */
typedef struct {
    void *context;
    int (*key)(void *context, const rf_char *path, size_t length, int deleting, int line);
    void (*value)(void *context, const rf_char *name, size_t name_length, uint32_t type, const uint8_t *data,
                  size_t size, int line);
    void (*delete_value)(void *context, const rf_char *name, size_t name_length, int line);
    /* a line that was skipped, and why (ASCII) */
    void (*warning)(void *context, int line, const char *message);
} rf_sink;

/* RF_NOT_REGISTRY_FILE: the first line is not a header; nothing was
 * reported to the sink but the warning. Otherwise the number of lines
 * skipped (0 when the whole file was understood). */
#define RF_NOT_REGISTRY_FILE (-1)
#define RF_NO_MEMORY (-2)
int rf_parse(const uint8_t *bytes, size_t size, const rf_codec *codec, const rf_sink *sink);

/* ---- writing ---- */
typedef struct {
    rf_char *data;
    size_t length, capacity;
    int unicode;     /* Version 5.00 (UTF-16) or REGEDIT4 (ANSI) */
    int out_of_memory;
    const rf_codec *codec;
} rf_writer;

void rf_writer_init(rf_writer *w, int unicode, const rf_codec *codec);
void rf_writer_free(rf_writer *w);
void rf_write_header(rf_writer *w);                                      /* the header and a blank line */
void rf_write_key(rf_writer *w, const rf_char *path, size_t length);    /* "[path]" */
void rf_write_value(rf_writer *w, const rf_char *name, size_t name_length, uint32_t type, const uint8_t *data,
                    size_t size);
void rf_write_key_end(rf_writer *w); /* the blank line after a key's values */
/* The file's bytes (BOM + UTF-16LE, or ANSI), malloc'ed; NULL when out of memory. */
uint8_t *rf_writer_bytes(rf_writer *w, size_t *size);
/* Whether a REG_SZ is written as a quoted string that reads back the same
 * (one terminating NUL, no NUL, CR or LF before it). */
int rf_string_round_trips(const uint8_t *data, size_t size);

#ifdef __cplusplus
}
#endif

#endif
