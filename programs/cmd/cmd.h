/* Vine's cmd.exe: shared declarations of its parts (a Windows program,
 * built with mingw-w64; it uses kernel32 only). */
#ifndef VINE_CMD_H
#define VINE_CMD_H

#include <windows.h>

/* ---- text (text.c): wide strings without the C runtime ---- */
typedef struct {
    WCHAR *data;
    int length, capacity;
} Text;

void text_init(Text *t);
void text_free(Text *t);
void text_add(Text *t, const WCHAR *s, int n);
void text_adds(Text *t, const WCHAR *s);
void text_addc(Text *t, WCHAR c);
void text_adda(Text *t, const char *ascii);
void text_addint(Text *t, long long value);
WCHAR *text_take(Text *t); /* the buffer (NUL-terminated); t is empty after */
int wlen(const WCHAR *s);
WCHAR *wdup(const WCHAR *s);
WCHAR *wdupn(const WCHAR *s, int n);
WCHAR wupper(WCHAR c);
int wieq(const WCHAR *a, const WCHAR *b);      /* equal ignoring ASCII case */
int wieqn(const WCHAR *a, const WCHAR *b, int n);
int weq(const WCHAR *a, const WCHAR *b);
int is_blank(WCHAR c);
int wcontains(const WCHAR *set, WCHAR c);
const WCHAR *skip_blanks(const WCHAR *s);
int parse_int(const WCHAR *s, long long *value); /* decimal, 0x hex, 0 octal; whole string */
void *mem_alloc(size_t size);
void mem_free(void *p);

/* ---- output (text.c) ---- */
void out_text(HANDLE h, const WCHAR *s, int n);
void out_str(HANDLE h, const WCHAR *s);
void out_ascii(HANDLE h, const char *s);

/* ---- the interpreter (cmd.c) ---- */
typedef struct Batch Batch;
struct Batch {
    WCHAR **lines;
    int count, next;
    WCHAR *path;     /* the batch file's full path (%~f0) */
    WCHAR *args[64]; /* %0 ... ; args_count of them */
    int args_count, shift;
    Batch *parent;
    int is_call_label; /* a "call :label" context sharing its file's lines */
    WCHAR *env_saved[8]; /* setlocal snapshots: environment blocks */
    int delayed_saved[8]; /* and whether delayed expansion was on */
    int env_depth;
};

typedef struct {
    HANDLE in, out, err;
} Handles;

extern int errorlevel;
extern int echo_on;
extern int delayed_expansion; /* !VAR! */
extern Batch *batch;
extern int exit_requested; /* exit (not /b): the whole cmd ends */
extern int batch_exit;     /* exit /b or goto :eof: the current batch ends */
extern int in_call;        /* CALL of a batch file: it returns to its caller */

int run_line(const WCHAR *line, Handles *h);
int run_batch_file(const WCHAR *path, const WCHAR *arguments, Handles *h, int replace);

/* ---- builtins (builtins.c) ---- */
/* Runs the builtin named by `name` with its argument text: 0 when it
 * succeeded, 1 when it failed, -1 when `name` is not a builtin. Builtins
 * set the errorlevel where cmd's do. */
int run_builtin(const WCHAR *name, const WCHAR *args, Handles *h);
void environment_restore_all(Batch *b);
int batch_goto(const WCHAR *label, Handles *h);
int builtin_start(const WCHAR *args, Handles *h); /* in cmd.c: it finds programs as cmd does */
int builtin_dir(const WCHAR *args, Handles *h);   /* dir.c */
/* FindFirstFileW's matches of `pattern`, sorted by name ignoring case (as
 * NTFS lists them); mem_free the array. */
WIN32_FIND_DATAW *find_sorted(const WCHAR *pattern, int *count);
int is_dots(const WCHAR *name); /* "." or ".." */
int batch_call_label(const WCHAR *label, const WCHAR *arguments, Handles *h);
void print_error(Handles *h, const char *message);
/* before + name + after, a line on standard error */
void print_error_naming(Handles *h, const char *before, const WCHAR *name, const char *after);

/* ---- set /a (arith.c) ---- */
int arith_evaluate(const WCHAR *expression, long long *result);

#endif
