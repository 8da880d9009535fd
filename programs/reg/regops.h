/* What reg.exe and regedit.exe share on top of the .reg format
 * (regfile.h): key paths with their root names, console output, and
 * importing and exporting .reg files through advapi32. */
#ifndef VINE_REGOPS_H
#define VINE_REGOPS_H

#include <windows.h>

/* "HKLM\Software\X", "HKEY_LOCAL_MACHINE\Software\X", "HKLM" (any case, one
 * trailing '\' ignored; two, or a root and '\' alone, refused). The root's handle and long name, and where the
 * subkey begins in path (an empty string for a root alone). FALSE for a
 * name with no known root (or a remote "\\machine\..." one). */
typedef struct {
    HKEY root;
    const WCHAR *root_name; /* HKEY_LOCAL_MACHINE ... */
    WCHAR *subkey;          /* malloc'ed, no trailing '\' */
} reg_path;
BOOL reg_parse_path(const WCHAR *path, reg_path *out);
void reg_path_free(reg_path *p);
/* "HKEY_LOCAL_MACHINE\Software\X" (malloc'ed) */
WCHAR *reg_path_full(const reg_path *p);

/* "a\b" (malloc'ed) */
WCHAR *reg_join(const WCHAR *a, const WCHAR *b);

/* Calls fn for each value of key, in the registry's order, until it
 * returns FALSE. name is NUL-terminated ("" for the default value). */
typedef BOOL (*reg_value_fn)(void *context, const WCHAR *name, DWORD name_length, DWORD type, const BYTE *data,
                             DWORD size);
LONG reg_for_each_value(HKEY key, reg_value_fn fn, void *context);
/* Calls fn for each subkey name of key until it returns FALSE. */
typedef BOOL (*reg_subkey_fn)(void *context, HKEY key, const WCHAR *name);
LONG reg_for_each_subkey(HKEY key, reg_subkey_fn fn, void *context);

/* Text to standard output or error, as given (callers write Windows'
 * "\r\n"): to a console as text, redirected in the console's output
 * code page (OEM), as Windows' reg.exe writes it. */
void reg_out(const WCHAR *text);
void reg_err(const WCHAR *text);

/* Reads a .reg file (REGEDIT4 or Version 5.00) into the registry; lines
 * it does not understand, and keys under no known root, are skipped.
 * ERROR_SUCCESS; ERROR_FILE_NOT_FOUND (or another open error) when it
 * cannot be read; ERROR_BAD_FORMAT when it is not a registry file;
 * ERROR_INVALID_DATA when the registry refused some keys or values (the
 * rest is imported). */
LONG reg_import_file(const WCHAR *file_name);

/* Writes the key `p` and all its subkeys to file_name: Version 5.00
 * (UTF-16LE with a BOM) when unicode, else REGEDIT4. A NULL p writes the
 * whole registry (every root). ERROR_FILE_NOT_FOUND when the key does not
 * exist; a file error from CreateFile/WriteFile otherwise. */
LONG reg_export_file(const WCHAR *file_name, const reg_path *p, BOOL unicode);

#endif
