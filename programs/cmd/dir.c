/* DIR: Windows' listing layout (en-US dates and times, thousands
 * separators), the switches programs and scripts use: /B (bare names; with
 * /S full paths), /S (subdirectories, then the totals), /A[[:]attributes]
 * (D directories, H hidden, S system, R read-only, A archive, - for "not";
 * /A alone: everything). Without /A hidden and system entries are left
 * out, as Windows does. Entries come sorted by name, ignoring case, as
 * NTFS gives them. */
#include "cmd.h"

typedef struct {
    int bare, recurse;
    DWORD want, refuse; /* attributes an entry must have, must not have */
    long long files, bytes, dirs;  /* over everything listed */
    int listed_any;
} DirOptions;

typedef struct {
    WIN32_FIND_DATAW data;
} Entry; /* one find_sorted result */

static void add_padded(Text *t, const WCHAR *s, int width) {
    for (int n = wlen(s); n < width; ++n) text_addc(t, L' ');
    text_adds(t, s);
}

/* 1234567 as "1,234,567". */
static void add_grouped(Text *t, unsigned long long value, int width) {
    WCHAR digits[32], out[40];
    int n = 0, m = 0;
    do digits[n++] = (WCHAR)(L'0' + value % 10); while ((value /= 10) && n < 30);
    for (int i = n - 1; i >= 0; --i) {
        out[m++] = digits[i];
        if (i && i % 3 == 0) out[m++] = L',';
    }
    out[m] = 0;
    add_padded(t, out, width);
}

static void add_two(Text *t, int v) {
    text_addc(t, (WCHAR)(L'0' + v / 10 % 10));
    text_addc(t, (WCHAR)(L'0' + v % 10));
}

/* "12/03/2026  07:39 AM" from the last write time, in local time. */
static void add_time(Text *t, const FILETIME *utc) {
    FILETIME local;
    SYSTEMTIME st;
    FileTimeToLocalFileTime(utc, &local);
    FileTimeToSystemTime(&local, &st);
    add_two(t, st.wMonth);
    text_addc(t, L'/');
    add_two(t, st.wDay);
    text_addc(t, L'/');
    text_addint(t, st.wYear);
    text_adda(t, "  ");
    int hour = st.wHour % 12;
    add_two(t, hour ? hour : 12);
    text_addc(t, L':');
    add_two(t, st.wMinute);
    text_adda(t, st.wHour < 12 ? " AM" : " PM");
}

static void line(Handles *h, Text *t) {
    text_adda(t, "\r\n");
    out_text(h->out, t->data, t->length);
    text_free(t);
}

static int wanted(const DirOptions *o, const WIN32_FIND_DATAW *d) {
    return (d->dwFileAttributes & o->want) == o->want && !(d->dwFileAttributes & o->refuse);
}

int is_dots(const WCHAR *name) {
    return name[0] == L'.' && (!name[1] || (name[1] == L'.' && !name[2]));
}

WIN32_FIND_DATAW *find_sorted(const WCHAR *pattern, int *count) {
    int n = 0, capacity = 16;
    WIN32_FIND_DATAW *entries = mem_alloc(capacity * sizeof(WIN32_FIND_DATAW));
    WIN32_FIND_DATAW data;
    HANDLE find = FindFirstFileW(pattern, &data);
    if (find != INVALID_HANDLE_VALUE) {
        do {
            if (n == capacity) {
                WIN32_FIND_DATAW *bigger = mem_alloc(capacity * 2 * sizeof(WIN32_FIND_DATAW));
                CopyMemory(bigger, entries, n * sizeof(WIN32_FIND_DATAW));
                mem_free(entries);
                entries = bigger;
                capacity *= 2;
            }
            entries[n++] = data;
        } while (FindNextFileW(find, &data));
        FindClose(find);
    }
    /* Insertion sort: directories are small, and it keeps "." and ".." first. */
    for (int i = 1; i < n; ++i) {
        WIN32_FIND_DATAW e = entries[i];
        int j = i;
        while (j > 0 && CompareStringOrdinal(entries[j - 1].cFileName, -1, e.cFileName, -1, TRUE) == CSTR_GREATER_THAN) {
            entries[j] = entries[j - 1];
            --j;
        }
        entries[j] = e;
    }
    *count = n;
    return entries;
}

/* The entries of `directory` matching `pattern`. */
static Entry *read_entries(const WCHAR *directory, const WCHAR *pattern, int *count) {
    Text path;
    text_init(&path);
    text_adds(&path, directory);
    text_adds(&path, pattern);
    Entry *entries = (Entry *)find_sorted(path.data, count);
    text_free(&path);
    return entries;
}

static void summary(Handles *h, long long files, long long bytes) {
    Text t;
    text_init(&t);
    Text number;
    text_init(&number);
    text_addint(&number, files);
    add_padded(&t, number.data, 16);
    text_free(&number);
    text_adda(&t, " File(s) ");
    add_grouped(&t, (unsigned long long)bytes, 14);
    text_adda(&t, " bytes");
    line(h, &t);
}

static void free_space(Handles *h, const WCHAR *directory, long long dirs) {
    ULARGE_INTEGER available;
    available.QuadPart = 0;
    GetDiskFreeSpaceExW(directory, &available, NULL, NULL);
    Text t, number;
    text_init(&t);
    text_init(&number);
    text_addint(&number, dirs);
    add_padded(&t, number.data, 16);
    text_free(&number);
    text_adda(&t, " Dir(s) ");
    add_grouped(&t, available.QuadPart, 15);
    text_adda(&t, " bytes free");
    line(h, &t);
}

/* Lists one directory (full path with a trailing '\'), then, with /S, its
 * subdirectories. */
static void list_directory(DirOptions *o, const WCHAR *directory, const WCHAR *pattern, Handles *h) {
    int count;
    Entry *entries = read_entries(directory, pattern, &count);
    long long files = 0, bytes = 0, dirs = 0;
    int shown = 0;
    for (int i = 0; i < count; ++i) {
        const WIN32_FIND_DATAW *d = &entries[i].data;
        if (!wanted(o, d)) continue;
        if (o->bare && is_dots(d->cFileName)) continue;
        if (!shown && !o->bare) {
            Text t;
            text_init(&t);
            line(h, &t);
            text_adda(&t, " Directory of ");
            int n = wlen(directory);
            /* "C:\" keeps its backslash; "C:\dir\" loses it. */
            text_add(&t, directory, n > 3 ? n - 1 : n);
            line(h, &t);
            line(h, &t);
        }
        shown = 1;
        Text t;
        text_init(&t);
        int is_dir = (d->dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
        if (o->bare) {
            if (o->recurse) text_adds(&t, directory);
            text_adds(&t, d->cFileName);
        } else {
            add_time(&t, &d->ftLastWriteTime);
            if (is_dir) {
                text_adda(&t, "    <DIR>          ");
            } else {
                add_grouped(&t, ((unsigned long long)d->nFileSizeHigh << 32) | d->nFileSizeLow, 18);
                text_addc(&t, L' ');
            }
            text_adds(&t, d->cFileName);
        }
        line(h, &t);
        if (is_dir) {
            ++dirs;
        } else {
            ++files;
            bytes += ((long long)d->nFileSizeHigh << 32) | d->nFileSizeLow;
        }
    }
    mem_free(entries);
    if (shown) {
        o->listed_any = 1;
        o->files += files;
        o->bytes += bytes;
        o->dirs += dirs;
        if (!o->bare) summary(h, files, bytes);
    }
    if (!o->recurse) return;
    int sub_count;
    Entry *subs = read_entries(directory, L"*", &sub_count);
    for (int i = 0; i < sub_count; ++i) {
        const WIN32_FIND_DATAW *d = &subs[i].data;
        if (!(d->dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || is_dots(d->cFileName)) continue;
        if ((d->dwFileAttributes & (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM)) && !o->want && !o->refuse) continue;
        Text path;
        text_init(&path);
        text_adds(&path, directory);
        text_adds(&path, d->cFileName);
        text_addc(&path, L'\\');
        list_directory(o, path.data, pattern, h);
        text_free(&path);
    }
    mem_free(subs);
}

static void volume_header(Handles *h, const WCHAR *directory) {
    WCHAR root[4] = {directory[0], L':', L'\\', 0};
    WCHAR label[MAX_PATH + 1];
    DWORD serial = 0;
    label[0] = 0;
    GetVolumeInformationW(root, label, MAX_PATH + 1, &serial, NULL, NULL, NULL, 0);
    Text t;
    text_init(&t);
    text_adda(&t, " Volume in drive ");
    text_addc(&t, directory[0]);
    if (label[0]) {
        text_adda(&t, " is ");
        text_adds(&t, label);
    } else {
        text_adda(&t, " has no label.");
    }
    line(h, &t);
    text_adda(&t, " Volume Serial Number is ");
    static const char hex[] = "0123456789ABCDEF";
    for (int i = 7; i >= 0; --i) {
        text_addc(&t, (WCHAR)hex[(serial >> (i * 4)) & 15]);
        if (i == 4) text_addc(&t, L'-');
    }
    line(h, &t);
}

static int parse_attributes(DirOptions *o, const WCHAR *spec) {
    o->want = o->refuse = 0;
    if (*spec == L':') ++spec;
    for (int negate = 0; *spec; ++spec) {
        DWORD bit = 0;
        switch (*spec | 0x20) {
        case L'-': negate = 1; continue;
        case L'd': bit = FILE_ATTRIBUTE_DIRECTORY; break;
        case L'h': bit = FILE_ATTRIBUTE_HIDDEN; break;
        case L's': bit = FILE_ATTRIBUTE_SYSTEM; break;
        case L'r': bit = FILE_ATTRIBUTE_READONLY; break;
        case L'a': bit = FILE_ATTRIBUTE_ARCHIVE; break;
        default: return 0;
        }
        if (negate) o->refuse |= bit;
        else o->want |= bit;
        negate = 0;
    }
    return 1;
}

int builtin_dir(const WCHAR *args, Handles *h) {
    DirOptions o;
    ZeroMemory(&o, sizeof(o));
    o.refuse = FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM;
    WCHAR *target = NULL;
    for (const WCHAR *p = args; *p;) {
        while (*p == L' ' || *p == L'\t') ++p;
        if (!*p) break;
        int quoted = 0;
        Text word;
        text_init(&word);
        for (; *p && (quoted || (*p != L' ' && *p != L'\t')); ++p) {
            if (*p == L'"') quoted = !quoted;
            else text_addc(&word, *p);
        }
        if (word.data && word.data[0] == L'/') {
            WCHAR s = word.data[1] | 0x20;
            if (s == L'b') o.bare = 1;
            else if (s == L's') o.recurse = 1;
            else if (s == L'a' && !parse_attributes(&o, word.data + 2)) {
                print_error(h, "Parameter format not correct - \"a\".");
                text_free(&word);
                mem_free(target);
                errorlevel = 1;
                return 1;
            }
            /* /O (sorted already), /P, /W, /N, /-C, /Q...: the default layout. */
        } else if (word.data) {
            mem_free(target);
            target = wdupn(word.data, word.length);
        }
        text_free(&word);
    }
    /* The directory (full, with '\') and the pattern within it. */
    WCHAR full[MAX_PATH * 2];
    WCHAR *file_part = NULL;
    DWORD attributes;
    if (!GetFullPathNameW(target ? target : L".", MAX_PATH * 2, full, &file_part)) {
        mem_free(target);
        print_error(h, "The filename, directory name, or volume label syntax is incorrect.");
        errorlevel = 1;
        return 1;
    }
    mem_free(target);
    Text directory;
    text_init(&directory);
    const WCHAR *pattern = L"*";
    attributes = GetFileAttributesW(full);
    int n = wlen(full);
    if (attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY)) {
        text_adds(&directory, full);
        if (n && full[n - 1] != L'\\') text_addc(&directory, L'\\');
    } else {
        int cut = file_part ? (int)(file_part - full) : n;
        text_add(&directory, full, cut);
        pattern = file_part ? file_part : L"*";
    }
    if (!o.bare) volume_header(h, directory.data);
    list_directory(&o, directory.data, pattern, h);
    int failed = 0;
    if (!o.listed_any) {
        if (!o.bare) {
            Text t;
            text_init(&t);
            line(h, &t);
            text_adda(&t, " Directory of ");
            int m = directory.length;
            text_add(&t, directory.data, m > 3 ? m - 1 : m);
            line(h, &t);
            line(h, &t);
        }
        print_error(h, "File Not Found");
        failed = 1;
    } else if (!o.bare) {
        if (o.recurse) {
            Text t;
            text_init(&t);
            line(h, &t);
            text_adda(&t, "     Total Files Listed:");
            line(h, &t);
            summary(h, o.files, o.bytes);
            free_space(h, directory.data, o.dirs);
        } else {
            free_space(h, directory.data, o.dirs);
        }
    }
    text_free(&directory);
    errorlevel = failed;
    return failed;
}
