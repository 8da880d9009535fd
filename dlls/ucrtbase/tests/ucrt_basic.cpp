// A program linked as MSVC links /MD programs: the Universal CRT through
// api-ms-win-crt-*.dll import libraries (so also the loader's API set
// table), its start-up done by hand the way MSVC's mainCRTStartup does it,
// printf/snprintf/sscanf through the __stdio_common_* functions as the
// UCRT headers' inline functions call them.
typedef char* va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_end(ap) __builtin_va_end(ap)

// Defined by the static part of the CRT in MSVC programs that use floating point.
extern "C" int _fltused = 0x9875;

struct FILE;
extern "C" {
FILE* __acrt_iob_func(unsigned index);
int __stdio_common_vfprintf(unsigned long long options, FILE* file, const char* format, void* locale, va_list ap);
int __stdio_common_vsprintf(unsigned long long options, char* buffer, unsigned long long count, const char* format,
                            void* locale, va_list ap);
int __stdio_common_vsscanf(unsigned long long options, const char* buffer, unsigned long long count,
                           const char* format, void* locale, va_list ap);
int _configure_narrow_argv(int mode);
int _initialize_narrow_environment();
char** _get_initial_narrow_environment();
int* __p___argc();
char*** __p___argv();
int _crt_atexit(void (*function)());
void _set_app_type(int type);
void* malloc(unsigned long long size);
void* calloc(unsigned long long count, unsigned long long size);
void free(void* block);
FILE* fopen(const char* name, const char* mode);
unsigned long long fwrite(const void* data, unsigned long long size, unsigned long long count, FILE* file);
unsigned long long fread(void* data, unsigned long long size, unsigned long long count, FILE* file);
int fclose(FILE* file);
int remove(const char* name);
int fflush(FILE* file);
unsigned long long strlen(const char* s);
int strcmp(const char* a, const char* b);
char* getenv(const char* name);
double sqrt(double x);
__declspec(noreturn) void exit(int code);
}

// What <stdio.h>'s inline functions do (options 0 for printf, the C99
// snprintf bit for snprintf).
static int printf(const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = __stdio_common_vfprintf(0, __acrt_iob_func(1), format, nullptr, ap);
    va_end(ap);
    return r;
}
static int snprintf(char* buffer, unsigned long long count, const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = __stdio_common_vsprintf(2, buffer, count, format, nullptr, ap);
    va_end(ap);
    return r;
}
static int sscanf(const char* buffer, const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = __stdio_common_vsscanf(0, buffer, ~0ull, format, nullptr, ap);
    va_end(ap);
    return r;
}

static int passed, failed;
static void check(bool cond, const char* what) {
    if (cond) ++passed;
    else ++failed;
    printf("%s: %s\n", cond ? "ok" : "FAIL ucrt_basic.cpp", what);
}
static bool same(const char* a, const char* b) { return strcmp(a, b) == 0; }

static void at_exit() { printf("%d passed, %d failed\n", passed, failed); }

extern "C" void vt_entry() {
    _set_app_type(1);  // _crt_console_app
    check(_configure_narrow_argv(2) == 0, "_configure_narrow_argv");
    check(_initialize_narrow_environment() == 0, "_initialize_narrow_environment");
    int argc = *__p___argc();
    char** argv = *__p___argv();
    check(argc == 3, "argc counts the program and two arguments");
    check(argc == 3 && same(argv[1], "first") && same(argv[2], "second arg"), "argv holds the arguments");
    char** env = _get_initial_narrow_environment();
    check(env && env[0], "an initial environment");
    check(getenv("VT_UCRT_VALUE") && same(getenv("VT_UCRT_VALUE"), "42"), "getenv");
    check(_crt_atexit(at_exit) == 0, "_crt_atexit");

    char text[64];
    check(snprintf(text, sizeof text, "%d %s %5.2f", 7, "x", 3.14159) == 9 && same(text, "7 x  3.14"), "snprintf");
    check(snprintf(text, sizeof text, "%e", 1.0) == 12 && same(text, "1.000000e+00"), "two-digit exponents");
    check(snprintf(text, sizeof text, "%g", 1e-5) == 5 && same(text, "1e-05"), "%g with a two-digit exponent");
    check(snprintf(text, 4, "%s", "abcdef") == 6 && same(text, "abc"), "C99 snprintf: cut, terminated, full length");
    check(snprintf(nullptr, 0, "%d", 12345) == 5, "snprintf(NULL, 0): the length needed");
    check(snprintf(text, sizeof text, "%.0f %.0f", 0.5, 2.5) == 3 && same(text, "0 2"), "halfway cases round to even");
    double inf = 1e308 * 10;
    check(snprintf(text, sizeof text, "%f", inf) == 3 && same(text, "inf"), "inf");
    check(snprintf(text, sizeof text, "%.3f", sqrt(2.0)) == 5 && same(text, "1.414"), "sqrt");
    int a = 0;
    char word[16];
    check(sscanf("12 apples", "%d %15s", &a, word) == 2 && a == 12 && same(word, "apples"), "sscanf");

    void* block = malloc(100);
    check(block != nullptr, "malloc");
    free(block);
    int* zeros = static_cast<int*>(calloc(4, sizeof(int)));
    check(zeros && zeros[0] == 0 && zeros[3] == 0, "calloc");
    free(zeros);

    FILE* f = fopen("ucrt_basic.tmp", "wb");
    check(f != nullptr, "fopen for writing");
    if (f) {
        check(fwrite("hello", 1, 5, f) == 5, "fwrite");
        fclose(f);
    }
    char back[8] = {0};
    f = fopen("ucrt_basic.tmp", "rb");
    check(f && fread(back, 1, 8, f) == 5 && same(back, "hello"), "fread what was written");
    if (f) fclose(f);
    check(remove("ucrt_basic.tmp") == 0, "remove");

    fflush(nullptr);
    exit(0);  // runs at_exit, which prints the summary
}
