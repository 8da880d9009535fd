/* Growable wide strings and console output for cmd, on kernel32 alone. */
#include "cmd.h"

void *mem_alloc(size_t size) { return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size ? size : 1); }
void mem_free(void *p) {
    if (p) HeapFree(GetProcessHeap(), 0, p);
}

void text_init(Text *t) {
    t->data = NULL;
    t->length = t->capacity = 0;
}

void text_free(Text *t) {
    mem_free(t->data);
    text_init(t);
}

static void text_reserve(Text *t, int more) {
    if (t->length + more + 1 <= t->capacity) return;
    int capacity = t->capacity ? t->capacity * 2 : 64;
    while (capacity < t->length + more + 1) capacity *= 2;
    WCHAR *data = mem_alloc(capacity * sizeof(WCHAR));
    if (t->data) {
        CopyMemory(data, t->data, t->length * sizeof(WCHAR));
        mem_free(t->data);
    }
    t->data = data;
    t->capacity = capacity;
}

void text_add(Text *t, const WCHAR *s, int n) {
    text_reserve(t, n);
    CopyMemory(t->data + t->length, s, n * sizeof(WCHAR));
    t->length += n;
    t->data[t->length] = 0;
}

void text_adds(Text *t, const WCHAR *s) { text_add(t, s, wlen(s)); }
void text_addc(Text *t, WCHAR c) { text_add(t, &c, 1); }

void text_adda(Text *t, const char *ascii) {
    while (*ascii) text_addc(t, (WCHAR)(unsigned char)*ascii++);
}

void text_addint(Text *t, long long value) {
    char digits[24];
    int n = 0;
    unsigned long long magnitude = value < 0 ? 0ull - (unsigned long long)value : (unsigned long long)value;
    do {
        digits[n++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0) text_addc(t, L'-');
    while (n) text_addc(t, (WCHAR)digits[--n]);
}

WCHAR *text_take(Text *t) {
    if (!t->data) text_reserve(t, 0), t->data[0] = 0;
    WCHAR *data = t->data;
    text_init(t);
    return data;
}

int wlen(const WCHAR *s) {
    int n = 0;
    while (s[n]) ++n;
    return n;
}

WCHAR *wdupn(const WCHAR *s, int n) {
    WCHAR *copy = mem_alloc((n + 1) * sizeof(WCHAR));
    CopyMemory(copy, s, n * sizeof(WCHAR));
    copy[n] = 0;
    return copy;
}

WCHAR *wdup(const WCHAR *s) { return wdupn(s, wlen(s)); }

WCHAR wupper(WCHAR c) { return c >= L'a' && c <= L'z' ? (WCHAR)(c - L'a' + L'A') : c; }

int wieqn(const WCHAR *a, const WCHAR *b, int n) {
    for (int i = 0; i < n; ++i) {
        if (wupper(a[i]) != wupper(b[i])) return 0;
        if (!a[i]) return 1;
    }
    return 1;
}

int wieq(const WCHAR *a, const WCHAR *b) {
    while (*a && wupper(*a) == wupper(*b)) ++a, ++b;
    return !*a && !*b;
}

int weq(const WCHAR *a, const WCHAR *b) {
    while (*a && *a == *b) ++a, ++b;
    return !*a && !*b;
}

int is_blank(WCHAR c) { return c == L' ' || c == L'\t' || c == L',' || c == L';' || c == L'='; }

int wcontains(const WCHAR *set, WCHAR c) {
    for (; *set; ++set)
        if (*set == c) return 1;
    return 0;
}

const WCHAR *skip_blanks(const WCHAR *s) {
    while (*s == L' ' || *s == L'\t') ++s;
    return s;
}

int parse_int(const WCHAR *s, long long *value) {
    int negative = 0, base = 10, digits = 0;
    long long result = 0;
    if (*s == L'-' || *s == L'+') negative = *s++ == L'-';
    if (s[0] == L'0' && (s[1] == L'x' || s[1] == L'X')) base = 16, s += 2;
    else if (s[0] == L'0' && s[1]) base = 8, ++s;
    for (; *s; ++s, ++digits) {
        int d;
        if (*s >= L'0' && *s <= L'9') d = *s - L'0';
        else if (base == 16 && wupper(*s) >= L'A' && wupper(*s) <= L'F') d = wupper(*s) - L'A' + 10;
        else return 0;
        if (d >= base) return 0;
        result = result * base + d;
    }
    if (!digits && base != 8) return 0;
    *value = negative ? -result : result;
    return 1;
}

/* Text goes out in the console's code page, as cmd writes to files and
 * pipes. */
void out_text(HANDLE h, const WCHAR *s, int n) {
    if (!n || !h || h == INVALID_HANDLE_VALUE) return;
    UINT cp = GetConsoleOutputCP();
    int size = WideCharToMultiByte(cp, 0, s, n, NULL, 0, NULL, NULL);
    if (size <= 0) return;
    char *bytes = mem_alloc(size);
    WideCharToMultiByte(cp, 0, s, n, bytes, size, NULL, NULL);
    DWORD written;
    WriteFile(h, bytes, size, &written, NULL);
    mem_free(bytes);
}

void out_str(HANDLE h, const WCHAR *s) { out_text(h, s, wlen(s)); }

void out_ascii(HANDLE h, const char *s) {
    DWORD written, n = 0;
    while (s[n]) ++n;
    if (n && h && h != INVALID_HANDLE_VALUE) WriteFile(h, s, n, &written, NULL);
}
