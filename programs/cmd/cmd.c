/* Vine's cmd.exe: the command interpreter's core. A line is expanded
 * (%VAR%, batch arguments) before it is parsed, as cmd does; the parsed
 * tree (sequences "&", conditionals "&&" "||", pipes "|", parenthesized
 * blocks, IF, simple commands with their redirections) is then run.
 * Simple commands are builtins (builtins.c), batch files (run here, in
 * this process) or programs started with CreateProcess. */
#include "cmd.h"

int errorlevel;
int echo_on = 1;
int delayed_expansion;
Batch *batch;
int exit_requested;
int batch_exit;

/* ==== expansion ==== */

static int is_digit(WCHAR c) { return c >= L'0' && c <= L'9'; }

/* A batch argument with %~ modifiers: f (full path), d, p, n, x; none
 * just removes the quotes. */
static void add_argument(Text *out, const WCHAR *arg, const WCHAR *modifiers, int nmod) {
    WCHAR *bare = wdup(arg);
    int n = wlen(bare);
    if (n && bare[0] == L'"') {
        CopyMemory(bare, bare + 1, n * sizeof(WCHAR));
        --n;
        if (n && bare[n - 1] == L'"') bare[--n] = 0;
    }
    int want_f = 0, want_d = 0, want_p = 0, want_n = 0, want_x = 0;
    for (int i = 0; i < nmod; ++i) {
        switch (wupper(modifiers[i])) {
        case L'F': want_f = 1; break;
        case L'D': want_d = 1; break;
        case L'P': want_p = 1; break;
        case L'N': want_n = 1; break;
        case L'X': want_x = 1; break;
        default: break; /* s, a, t, z: not kept by Vine; the path is still given */
        }
    }
    if (!want_f && !want_d && !want_p && !want_n && !want_x) {
        text_adds(out, bare);
        mem_free(bare);
        return;
    }
    WCHAR full[MAX_PATH * 2];
    WCHAR *file_part = NULL;
    DWORD len = *bare ? GetFullPathNameW(bare, MAX_PATH * 2, full, &file_part) : 0;
    mem_free(bare);
    if (!len || len >= MAX_PATH * 2) return;
    if (want_f && !want_d && !want_p && !want_n && !want_x) {
        text_adds(out, full);
        return;
    }
    int name_start = 0, ext_start;
    for (int i = 0; full[i]; ++i)
        if (full[i] == L'\\' || full[i] == L'/') name_start = i + 1;
    ext_start = wlen(full);
    for (int i = wlen(full) - 1; i >= name_start; --i)
        if (full[i] == L'.') {
            ext_start = i;
            break;
        }
    int drive_end = full[1] == L':' ? 2 : 0;
    if (want_f) want_d = want_p = want_n = want_x = 1;
    if (want_d) text_add(out, full, drive_end);
    if (want_p) text_add(out, full + drive_end, name_start - drive_end);
    if (want_n) text_add(out, full + name_start, ext_start - name_start);
    if (want_x) text_adds(out, full + ext_start);
}

static const WCHAR *batch_argument(int index) {
    if (!batch) return NULL;
    if (index == 0) return batch->args[0];
    index += batch->shift;
    return index < batch->args_count ? batch->args[index] : L"";
}

/* The dynamic variables, used when no variable of that name is set. */
static int dynamic_variable(const WCHAR *name, Text *out) {
    if (wieq(name, L"ERRORLEVEL")) {
        text_addint(out, errorlevel);
        return 1;
    }
    if (wieq(name, L"CD")) {
        WCHAR dir[MAX_PATH * 2];
        DWORD n = GetCurrentDirectoryW(MAX_PATH * 2, dir);
        if (n > 3 && dir[n - 1] == L'\\') dir[--n] = 0;
        text_adds(out, dir);
        return 1;
    }
    if (wieq(name, L"RANDOM")) {
        static unsigned seed;
        if (!seed) seed = GetTickCount() ^ GetCurrentProcessId();
        seed = seed * 214013 + 2531011;
        text_addint(out, (seed >> 16) & 0x7fff);
        return 1;
    }
    if (wieq(name, L"CMDCMDLINE")) {
        text_adds(out, GetCommandLineW());
        return 1;
    }
    if (wieq(name, L"CMDEXTVERSION")) {
        text_adds(out, L"2");
        return 1;
    }
    return 0;
}

/* %NAME%, %NAME:~start,length% and %NAME:old=new%; 0 when NAME is unset. */
static int add_variable(Text *out, const WCHAR *spec) {
    int colon = -1;
    for (int i = 0; spec[i]; ++i)
        if (spec[i] == L':') {
            colon = i;
            break;
        }
    WCHAR *name = colon >= 0 ? wdupn(spec, colon) : wdup(spec);
    Text value;
    text_init(&value);
    DWORD size = *name ? GetEnvironmentVariableW(name, NULL, 0) : 0;
    int found = 1;
    if (size) {
        WCHAR *buffer = mem_alloc(size * sizeof(WCHAR));
        DWORD n = GetEnvironmentVariableW(name, buffer, size);
        text_add(&value, buffer, (int)n);
        mem_free(buffer);
    } else if (!*name || !dynamic_variable(name, &value)) {
        found = 0;
    }
    mem_free(name);
    if (!found) {
        text_free(&value);
        return 0;
    }
    const WCHAR *v = value.data ? value.data : L"";
    int vlen = value.length;
    if (colon < 0) {
        text_add(out, v, vlen);
    } else if (spec[colon + 1] == L'~') {
        long long start = 0, length = vlen;
        const WCHAR *p = spec + colon + 2;
        WCHAR number[32];
        int n = 0;
        while (*p && *p != L',' && n < 31) number[n++] = *p++;
        number[n] = 0;
        if (n) parse_int(number, &start);
        if (*p == L',') {
            ++p;
            n = 0;
            while (*p && n < 31) number[n++] = *p++;
            number[n] = 0;
            parse_int(number, &length);
        }
        if (start < 0) start = vlen + start < 0 ? 0 : vlen + start;
        if (start > vlen) start = vlen;
        if (length < 0) length = vlen - start + length < 0 ? 0 : vlen - start + length;
        if (start + length > vlen) length = vlen - start;
        text_add(out, v + start, (int)length);
    } else {
        /* old=new, the old text matched ignoring case; "*old" replaces up to it */
        const WCHAR *pattern = spec + colon + 1;
        int eq = -1;
        for (int i = 0; pattern[i]; ++i)
            if (pattern[i] == L'=') {
                eq = i;
                break;
            }
        if (eq <= 0) {
            text_add(out, v, vlen);
        } else {
            int star = pattern[0] == L'*';
            const WCHAR *old = pattern + star;
            int oldlen = eq - star;
            const WCHAR *replacement = pattern + eq + 1;
            int i = 0, replaced = 0;
            while (i < vlen) {
                if (oldlen && i + oldlen <= vlen && wieqn(v + i, old, oldlen) && !(star && replaced)) {
                    text_adds(out, replacement);
                    i += oldlen;
                    replaced = 1;
                    continue;
                }
                if (star && !replaced) {
                    /* "*old": everything up to the first match goes too */
                    int j = i;
                    while (j + oldlen <= vlen && !wieqn(v + j, old, oldlen)) ++j;
                    if (j + oldlen > vlen) {
                        text_add(out, v + i, vlen - i);
                        break;
                    }
                    i = j;
                    continue;
                }
                text_addc(out, v[i++]);
            }
        }
    }
    text_free(&value);
    return 1;
}

/* Percent expansion, before the line is parsed. In a batch file, an unset
 * variable expands to nothing and "%%" is one "%"; at the command line,
 * both stay as written. */
static WCHAR *expand_line(const WCHAR *line) {
    Text out;
    text_init(&out);
    for (const WCHAR *p = line; *p;) {
        if (*p != L'%') {
            text_addc(&out, *p++);
            continue;
        }
        if (batch && p[1] == L'%') {
            text_addc(&out, L'%');
            p += 2;
            continue;
        }
        if (batch && (is_digit(p[1]) || p[1] == L'*')) {
            if (p[1] == L'*') {
                for (int i = 1 + batch->shift; i < batch->args_count; ++i) {
                    if (i > 1 + batch->shift) text_addc(&out, L' ');
                    text_adds(&out, batch->args[i]);
                }
            } else {
                text_adds(&out, batch_argument(p[1] - L'0'));
            }
            p += 2;
            continue;
        }
        if (batch && p[1] == L'~') {
            const WCHAR *m = p + 2;
            while (*m && !is_digit(*m) && wcontains(L"fdpnxsatzFDPNXSATZ", *m)) ++m;
            if (is_digit(*m)) {
                add_argument(&out, batch_argument(*m - L'0'), p + 2, (int)(m - (p + 2)));
                p = m + 1;
                continue;
            }
        }
        const WCHAR *close = p + 1;
        while (*close && *close != L'%') ++close;
        if (!*close) {
            if (!batch) text_adds(&out, p);
            break;
        }
        WCHAR *spec = wdupn(p + 1, (int)(close - p - 1));
        int found = add_variable(&out, spec);
        mem_free(spec);
        if (found) {
            p = close + 1;
        } else if (batch) {
            p = close + 1;
        } else {
            text_addc(&out, L'%');
            ++p;
        }
    }
    return text_take(&out);
}

/* Delayed expansion (SETLOCAL ENABLEDELAYEDEXPANSION, cmd /v:on): !NAME!
 * is replaced when the command runs, not when its line is read; ^! is a
 * "!". An unset name expands to nothing in a batch file. */
static WCHAR *expand_delayed(const WCHAR *text) {
    Text out;
    text_init(&out);
    for (const WCHAR *p = text; *p;) {
        if (p[0] == L'^' && p[1] == L'!') {
            text_addc(&out, L'!');
            p += 2;
            continue;
        }
        if (*p != L'!') {
            text_addc(&out, *p++);
            continue;
        }
        const WCHAR *close = p + 1;
        while (*close && *close != L'!') ++close;
        if (!*close) {
            if (!batch) text_adds(&out, p);
            break;
        }
        WCHAR *spec = wdupn(p + 1, (int)(close - p - 1));
        int found = *spec && add_variable(&out, spec);
        mem_free(spec);
        if (found || batch) {
            p = close + 1;
        } else {
            text_addc(&out, L'!');
            ++p;
        }
    }
    return text_take(&out);
}

/* ==== parsing ==== */

typedef enum { N_SIMPLE, N_BLOCK, N_SEQ, N_AND, N_OR, N_PIPE, N_IF, N_FOR } Kind;

typedef struct Redirect {
    int fd;     /* 0, 1, 2 */
    int mode;   /* 0 read, 1 write, 2 append, 3 duplicate dup_fd */
    int dup_fd;
    WCHAR *target;
    struct Redirect *next;
} Redirect;

typedef struct Node {
    Kind kind;
    struct Node *left, *right; /* operators; BLOCK: left */
    WCHAR *text;               /* SIMPLE */
    Redirect *redirects;       /* SIMPLE, BLOCK */
    /* IF */
    int negate, ignore_case;
    WCHAR *test, *a, *op, *b; /* FOR: a the variable letter, b the set, text the body's source */
    int numeric;              /* FOR: 1 /L, 2 /F, 3 /D, 4 /R (op: its root) */
    struct Node *then_part, *else_part;
} Node;

typedef struct {
    const WCHAR *p;
    int error;
} Parser;

static Node *parse_sequence(Parser *ps, int in_block);
static Node *parse_command(Parser *ps, int in_block);

static Node *new_node(Kind kind) {
    Node *n = mem_alloc(sizeof(Node));
    n->kind = kind;
    return n;
}

static void free_node(Node *n) {
    if (!n) return;
    free_node(n->left);
    free_node(n->right);
    free_node(n->then_part);
    free_node(n->else_part);
    for (Redirect *r = n->redirects; r;) {
        Redirect *next = r->next;
        mem_free(r->target);
        mem_free(r);
        r = next;
    }
    mem_free(n->text);
    mem_free(n->test);
    mem_free(n->a);
    mem_free(n->op);
    mem_free(n->b);
    mem_free(n);
}

static void skip_spaces(Parser *ps) {
    while (*ps->p == L' ' || *ps->p == L'\t') ++ps->p;
}

static int at_operator(Parser *ps, int in_block) {
    WCHAR c = *ps->p;
    return !c || c == L'&' || c == L'|' || c == L'\n' || (in_block && c == L')');
}

/* A word for IF and redirections: quoted text, or up to a blank or an
 * operator. */
static WCHAR *parse_word(Parser *ps, int in_block, int stop_at_equals) {
    Text t;
    text_init(&t);
    skip_spaces(ps);
    int quoted = 0;
    while (*ps->p) {
        WCHAR c = *ps->p;
        if (c == L'"') quoted = !quoted;
        else if (!quoted) {
            if (c == L' ' || c == L'\t' || c == L'\n' || c == L'&' || c == L'|' || c == L'<' || c == L'>' ||
                (in_block && c == L')'))
                break;
            if (stop_at_equals && c == L'=' && ps->p[1] == L'=') break;
            if (c == L'^' && ps->p[1]) {
                ++ps->p;
                c = *ps->p;
            }
        }
        text_addc(&t, c);
        ++ps->p;
    }
    return text_take(&t);
}

static void add_redirect(Node *n, Redirect *r) {
    Redirect **tail = &n->redirects;
    while (*tail) tail = &(*tail)->next;
    *tail = r;
}

/* At '<' or '>' (a digit before it, if any, already taken as `fd`). */
static void parse_redirect(Parser *ps, Node *n, int fd, int in_block) {
    Redirect *r = mem_alloc(sizeof(Redirect));
    if (*ps->p == L'<') {
        r->fd = fd < 0 ? 0 : fd;
        r->mode = 0;
        ++ps->p;
    } else {
        r->fd = fd < 0 ? 1 : fd;
        ++ps->p;
        r->mode = 1;
        if (*ps->p == L'>') {
            r->mode = 2;
            ++ps->p;
        }
    }
    if (*ps->p == L'&' && is_digit(ps->p[1])) {
        r->mode = 3;
        r->dup_fd = ps->p[1] - L'0';
        ps->p += 2;
    } else {
        r->target = parse_word(ps, in_block, 0);
        if (!*r->target) ps->error = 1;
    }
    add_redirect(n, r);
}

static void parse_trailing_redirects(Parser *ps, Node *n, int in_block) {
    for (;;) {
        skip_spaces(ps);
        int fd = -1;
        if (is_digit(ps->p[0]) && (ps->p[1] == L'>' || ps->p[1] == L'<')) fd = *ps->p++ - L'0';
        if (*ps->p != L'<' && *ps->p != L'>') return;
        parse_redirect(ps, n, fd, in_block);
    }
}

static Node *parse_simple(Parser *ps, int in_block) {
    Node *n = new_node(N_SIMPLE);
    Text t;
    text_init(&t);
    int quoted = 0, depth = 0;
    while (*ps->p) {
        WCHAR c = *ps->p;
        if (c == L'"') quoted = !quoted;
        else if (!quoted) {
            if (c == L'\n' || c == L'&' || c == L'|') break;
            if (in_block && c == L'(') ++depth;
            if (in_block && c == L')' && depth-- == 0) break;
            if (c == L'^') {
                if (ps->p[1]) ++ps->p;
                text_addc(&t, *ps->p++);
                continue;
            }
            if (c == L'<' || c == L'>') {
                int fd = -1;
                /* "2>" : a lone digit before the operator names the handle */
                if (t.length && is_digit(t.data[t.length - 1]) &&
                    (t.length == 1 || t.data[t.length - 2] == L' ' || t.data[t.length - 2] == L'\t')) {
                    fd = t.data[t.length - 1] - L'0';
                    t.data[--t.length] = 0;
                }
                parse_redirect(ps, n, fd, in_block);
                continue;
            }
        }
        text_addc(&t, c);
        ++ps->p;
    }
    n->text = text_take(&t);
    return n;
}

static int word_is(const WCHAR *p, const WCHAR *word) {
    int n = wlen(word);
    if (!wieqn(p, word, n)) return 0;
    WCHAR after = p[n];
    return !after || after == L' ' || after == L'\t' || after == L'(' || after == L'\n';
}

static Node *parse_if(Parser *ps, int in_block) {
    Node *n = new_node(N_IF);
    ps->p += 2;
    for (;;) {
        skip_spaces(ps);
        if (wieqn(ps->p, L"/i", 2) && (ps->p[2] == L' ' || ps->p[2] == L'\t')) {
            n->ignore_case = 1;
            ps->p += 2;
        } else if (word_is(ps->p, L"not")) {
            n->negate = 1;
            ps->p += 3;
        } else break;
    }
    if (word_is(ps->p, L"errorlevel") || word_is(ps->p, L"exist") || word_is(ps->p, L"defined") ||
        word_is(ps->p, L"cmdextversion")) {
        n->test = parse_word(ps, in_block, 0);
        n->a = parse_word(ps, in_block, 0);
    } else {
        n->a = parse_word(ps, in_block, 1);
        skip_spaces(ps);
        if (ps->p[0] == L'=' && ps->p[1] == L'=') {
            ps->p += 2;
            n->op = wdup(L"==");
        } else {
            n->op = parse_word(ps, in_block, 0);
        }
        n->b = parse_word(ps, in_block, 0);
        if (!*n->a || !*n->op || !*n->b) ps->error = 1;
    }
    skip_spaces(ps);
    if (*ps->p == L'(') {
        n->then_part = parse_command(ps, in_block);
        skip_spaces(ps);
        if (word_is(ps->p, L"else")) {
            ps->p += 4;
            skip_spaces(ps);
            n->else_part = *ps->p == L'(' ? parse_command(ps, in_block) : parse_sequence(ps, in_block);
        }
    } else {
        /* Without parentheses the rest of the line is the IF's command. */
        n->then_part = parse_sequence(ps, in_block);
    }
    if (!n->then_part) ps->error = 1;
    return n;
}

/* FOR [/L | /F ["options"] | /D | /R [path]] %X IN (set) DO command: the body is kept as text and parsed
 * again for each item, with %X replaced (the line's own %-expansion has
 * already turned a batch file's %%X into %X). */
static Node *parse_for(Parser *ps, int in_block) {
    Node *n = new_node(N_FOR);
    ps->p += 3;
    skip_spaces(ps);
    if (wieqn(ps->p, L"/l", 2) && (ps->p[2] == L' ' || ps->p[2] == L'\t')) {
        n->numeric = 1;
        ps->p += 2;
        skip_spaces(ps);
    } else if (wieqn(ps->p, L"/f", 2) && (ps->p[2] == L' ' || ps->p[2] == L'\t')) {
        n->numeric = 2; /* FOR /F ["options"] */
        ps->p += 2;
        skip_spaces(ps);
        if (*ps->p == L'"') {
            const WCHAR *start = ++ps->p;
            while (*ps->p && *ps->p != L'"') ++ps->p;
            n->op = wdupn(start, (int)(ps->p - start));
            if (*ps->p) ++ps->p;
            skip_spaces(ps);
        }
    } else if (wieqn(ps->p, L"/d", 2) && (ps->p[2] == L' ' || ps->p[2] == L'\t')) {
        n->numeric = 3; /* FOR /D: directories */
        ps->p += 2;
        skip_spaces(ps);
    } else if (wieqn(ps->p, L"/r", 2) && (ps->p[2] == L' ' || ps->p[2] == L'\t')) {
        n->numeric = 4; /* FOR /R [[drive:]path]: the tree */
        ps->p += 2;
        skip_spaces(ps);
        if (*ps->p && *ps->p != L'%') {
            int quoted = *ps->p == L'"';
            const WCHAR *start = ps->p + quoted;
            ps->p += quoted;
            while (*ps->p && (quoted ? *ps->p != L'"' : !is_blank(*ps->p))) ++ps->p;
            n->op = wdupn(start, (int)(ps->p - start));
            if (quoted && *ps->p) ++ps->p;
            skip_spaces(ps);
        }
    } else if (*ps->p == L'/') {
        /* Other switches: said plainly when run */
        n->test = wdupn(ps->p, 2);
        while (*ps->p && *ps->p != L'\n') ++ps->p;
        return n;
    }
    if (ps->p[0] != L'%' || !ps->p[1] || ps->p[1] == L' ') {
        ps->error = 1;
        return n;
    }
    n->a = wdupn(ps->p + 1, 1);
    ps->p += 2;
    skip_spaces(ps);
    if (!word_is(ps->p, L"in")) {
        ps->error = 1;
        return n;
    }
    ps->p += 2;
    skip_spaces(ps);
    if (*ps->p != L'(') {
        ps->error = 1;
        return n;
    }
    const WCHAR *start = ++ps->p;
    while (*ps->p && *ps->p != L')') ++ps->p;
    if (*ps->p != L')') {
        ps->error = 1;
        return n;
    }
    n->b = wdupn(start, (int)(ps->p - start));
    ++ps->p;
    skip_spaces(ps);
    if (!word_is(ps->p, L"do")) {
        ps->error = 1;
        return n;
    }
    ps->p += 2;
    skip_spaces(ps);
    /* The body: up to the end of the line, or of the enclosing block. */
    start = ps->p;
    int depth = 0, quoted = 0;
    for (; *ps->p && *ps->p != L'\n'; ++ps->p) {
        if (*ps->p == L'"') quoted = !quoted;
        else if (quoted) continue;
        else if (*ps->p == L'^' && ps->p[1]) ++ps->p;
        else if (*ps->p == L'(') ++depth;
        else if (*ps->p == L')' && depth-- == 0 && in_block) break;
    }
    n->text = wdupn(start, (int)(ps->p - start));
    if (!*skip_blanks(n->text)) ps->error = 1;
    return n;
}

static Node *parse_command(Parser *ps, int in_block) {
    for (;;) {
        skip_spaces(ps);
        if (*ps->p != L'@') break;
        ++ps->p;
    }
    if (at_operator(ps, in_block)) return NULL;
    Node *n;
    if (*ps->p == L'(') {
        ++ps->p;
        n = new_node(N_BLOCK);
        n->left = parse_sequence(ps, 1);
        skip_spaces(ps);
        if (*ps->p != L')') ps->error = 1;
        else ++ps->p;
        parse_trailing_redirects(ps, n, in_block);
    } else if (word_is(ps->p, L"if")) {
        n = parse_if(ps, in_block);
    } else if (word_is(ps->p, L"for")) {
        n = parse_for(ps, in_block);
    } else if (word_is(ps->p, L"rem") || (ps->p[0] == L':' && ps->p[1] == L':')) {
        while (*ps->p && *ps->p != L'\n') ++ps->p;
        n = new_node(N_SIMPLE);
        n->text = wdup(L"rem");
    } else {
        n = parse_simple(ps, in_block);
    }
    return n;
}

static Node *parse_pipe(Parser *ps, int in_block) {
    Node *left = parse_command(ps, in_block);
    for (;;) {
        skip_spaces(ps);
        if (!(ps->p[0] == L'|' && ps->p[1] != L'|')) return left;
        ++ps->p;
        Node *n = new_node(N_PIPE);
        n->left = left;
        n->right = parse_command(ps, in_block);
        if (!left || !n->right) ps->error = 1;
        left = n;
    }
}

static Node *parse_andor(Parser *ps, int in_block) {
    Node *left = parse_pipe(ps, in_block);
    for (;;) {
        skip_spaces(ps);
        Kind kind;
        if (ps->p[0] == L'&' && ps->p[1] == L'&') kind = N_AND;
        else if (ps->p[0] == L'|' && ps->p[1] == L'|') kind = N_OR;
        else return left;
        ps->p += 2;
        Node *n = new_node(kind);
        n->left = left;
        n->right = parse_pipe(ps, in_block);
        if (!left || !n->right) ps->error = 1;
        left = n;
    }
}

static Node *parse_sequence(Parser *ps, int in_block) {
    Node *left = parse_andor(ps, in_block);
    for (;;) {
        skip_spaces(ps);
        if (!((ps->p[0] == L'&' && ps->p[1] != L'&') || ps->p[0] == L'\n')) return left;
        ++ps->p;
        Node *right = parse_andor(ps, in_block);
        if (!left) {
            left = right;
            continue;
        }
        if (!right) continue;
        Node *n = new_node(N_SEQ);
        n->left = left;
        n->right = right;
        left = n;
    }
}

/* ==== running ==== */

static int run_node(Node *n, Handles *h);

static HANDLE open_redirect_target(const WCHAR *target, int mode) {
    SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
    WCHAR *name = wdup(target);
    int len = wlen(name);
    if (len && name[0] == L'"') {
        CopyMemory(name, name + 1, len * sizeof(WCHAR));
        if (--len && name[len - 1] == L'"') name[--len] = 0;
    }
    DWORD access = mode == 0 ? GENERIC_READ : GENERIC_WRITE;
    DWORD disposition = mode == 0 ? OPEN_EXISTING : mode == 1 ? CREATE_ALWAYS : OPEN_ALWAYS;
    HANDLE file = CreateFileW(name, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, &sa,
                              disposition, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE && (wieq(name, L"nul") || wieq(name, L"nul:")))
        /* Vine's kernel32 has no NUL device yet: its Unix counterpart. */
        file = CreateFileW(L"Z:\\dev\\null", access, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (file != INVALID_HANDLE_VALUE && mode == 2) SetFilePointer(file, 0, NULL, FILE_END);
    mem_free(name);
    return file;
}

/* Applies `redirects` on top of `h` into `out`; the handles opened are
 * recorded in `opened` (to close after the command). 0 on failure. */
static int apply_redirects(Redirect *redirects, Handles *h, Handles *out, HANDLE opened[8], int *nopened) {
    *out = *h;
    HANDLE *slots[3] = {&out->in, &out->out, &out->err};
    for (Redirect *r = redirects; r; r = r->next) {
        if (r->fd > 2) continue;
        if (r->mode == 3) {
            if (r->dup_fd <= 2) *slots[r->fd] = *slots[r->dup_fd];
            continue;
        }
        HANDLE file = open_redirect_target(r->target, r->mode);
        if (file == INVALID_HANDLE_VALUE) {
            DWORD error = GetLastError();
            print_error(h, error == ERROR_FILE_NOT_FOUND   ? "The system cannot find the file specified."
                           : error == ERROR_PATH_NOT_FOUND ? "The system cannot find the path specified."
                                                           : "Access is denied.");
            return 0;
        }
        if (*nopened < 8) opened[(*nopened)++] = file;
        *slots[r->fd] = file;
    }
    return 1;
}

/* ---- programs ---- */

static int has_extension(const WCHAR *name) {
    int dot = -1;
    for (int i = 0; name[i]; ++i) {
        if (name[i] == L'\\' || name[i] == L'/') dot = -1;
        else if (name[i] == L'.') dot = i;
    }
    return dot >= 0 && name[dot + 1];
}

static int is_file(const WCHAR *path) {
    DWORD attributes = GetFileAttributesW(path);
    return attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_DIRECTORY);
}

/* `name` (+ an extension of PATHEXT when it has none) in `dir` (or as it is
 * when dir is NULL); the full path in `found`. */
static int try_program(const WCHAR *dir, const WCHAR *name, const WCHAR *pathext, WCHAR *found) {
    Text base;
    text_init(&base);
    if (dir && *dir) {
        text_adds(&base, dir);
        if (base.data[base.length - 1] != L'\\' && base.data[base.length - 1] != L'/') text_addc(&base, L'\\');
    }
    text_adds(&base, name);
    int ok = 0;
    if (has_extension(name) && is_file(base.data)) {
        ok = GetFullPathNameW(base.data, MAX_PATH * 2, found, NULL) > 0;
    } else if (!has_extension(name)) {
        const WCHAR *e = pathext;
        while (*e && !ok) {
            const WCHAR *end = e;
            while (*end && *end != L';') ++end;
            Text candidate;
            text_init(&candidate);
            text_adds(&candidate, base.data);
            text_add(&candidate, e, (int)(end - e));
            if (end > e && is_file(candidate.data))
                ok = GetFullPathNameW(candidate.data, MAX_PATH * 2, found, NULL) > 0;
            text_free(&candidate);
            e = *end ? end + 1 : end;
        }
    }
    text_free(&base);
    return ok;
}

static WCHAR *get_variable(const WCHAR *name) {
    DWORD size = GetEnvironmentVariableW(name, NULL, 0);
    if (!size) return NULL;
    WCHAR *value = mem_alloc(size * sizeof(WCHAR));
    GetEnvironmentVariableW(name, value, size);
    return value;
}

/* Where cmd finds a program: the name as given when it has a directory,
 * else the current directory, then each directory of PATH; each with the
 * extensions of PATHEXT when the name has none. */
static int find_program(const WCHAR *name, WCHAR *found) {
    WCHAR *pathext = get_variable(L"PATHEXT");
    const WCHAR *exts = pathext ? pathext : L".COM;.EXE;.BAT;.CMD";
    int has_dir = 0;
    for (const WCHAR *p = name; *p; ++p)
        if (*p == L'\\' || *p == L'/' || *p == L':') has_dir = 1;
    int ok = try_program(NULL, name, exts, found);
    if (!ok && !has_dir) {
        WCHAR *path = get_variable(L"PATH");
        for (const WCHAR *p = path; p && *p && !ok;) {
            const WCHAR *end = p;
            while (*end && *end != L';') ++end;
            WCHAR *dir = wdupn(p, (int)(end - p));
            if (*dir) ok = try_program(dir, name, exts, found);
            mem_free(dir);
            p = *end ? end + 1 : end;
        }
        mem_free(path);
    }
    mem_free(pathext);
    return ok;
}

static int is_batch_file(const WCHAR *path) {
    int n = wlen(path);
    return n > 4 && (wieq(path + n - 4, L".bat") || wieq(path + n - 4, L".cmd"));
}

/* A process started for the left side of a pipe, waited for later. */
static int pipe_async;
static HANDLE pipe_process;

/* The program name a command starts with (quotes removed) into `name`;
 * returns what follows it. */
static const WCHAR *program_token(const WCHAR *p, Text *name) {
    int quoted = 0;
    for (p = skip_blanks(p); *p && (quoted || (*p != L' ' && *p != L'\t')); ++p) {
        if (*p == L'"') quoted = !quoted;
        else text_addc(name, *p);
    }
    return p;
}

static int run_program(const WCHAR *text, Handles *h) {
    Text name;
    text_init(&name);
    const WCHAR *p = program_token(text, &name);
    WCHAR found[MAX_PATH * 2];
    if (!name.length || !find_program(name.data, found)) {
        print_error_naming(h, "'", name.data ? name.data : L"", "' is not recognized as an internal or external command,\r\noperable program or batch file.");
        text_free(&name);
        errorlevel = 9009;
        return 1;
    }
    text_free(&name);
    if (is_batch_file(found)) return run_batch_file(found, p, h, batch != NULL && !in_call);

    /* The command line as written, without trailing blanks. */
    WCHAR *line = wdup(skip_blanks(text));
    int len = wlen(line);
    while (len && (line[len - 1] == L' ' || line[len - 1] == L'\t')) line[--len] = 0;
    STARTUPINFOW si;
    ZeroMemory(&si, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = h->in;
    si.hStdOutput = h->out;
    si.hStdError = h->err;
    PROCESS_INFORMATION pi;
    BOOL ok = CreateProcessW(found, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    mem_free(line);
    if (!ok) {
        print_error(h, GetLastError() == ERROR_BAD_EXE_FORMAT
                           ? "This version of the file is not compatible with the version of Windows you're running."
                           : "The system cannot execute the specified program.");
        errorlevel = 9009;
        return 1;
    }
    CloseHandle(pi.hThread);
    if (pipe_async) {
        pipe_process = pi.hProcess;
        return 0;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    errorlevel = (int)code;
    return code != 0;
}

/* start ["title"] [/wait] [/d dir] [/b /min /max /low...] program [args]:
 * the program runs alongside cmd (a batch file in %ComSpec% /c), waited for
 * with /wait, whose exit code is then the errorlevel. */
int builtin_start(const WCHAR *args, Handles *h) {
    const WCHAR *p = skip_blanks(args);
    if (*p == L'"') { /* the window title, which consoles here do not show */
        ++p;
        while (*p && *p != L'"') ++p;
        if (*p) ++p;
    }
    int wait = 0;
    WCHAR *directory = NULL;
    for (;;) {
        p = skip_blanks(p);
        if (*p != L'/') break;
        const WCHAR *end = p;
        while (*end && *end != L' ' && *end != L'\t') ++end;
        if (end - p == 5 && wieqn(p, L"/wait", 5)) wait = 1;
        if (end - p == 2 && wieqn(p, L"/d", 2)) {
            const WCHAR *start = skip_blanks(end);
            end = start;
            while (*end && *end != L' ' && *end != L'\t') ++end;
            mem_free(directory);
            directory = wdupn(start, (int)(end - start));
        }
        p = end;
    }
    Text name;
    text_init(&name);
    program_token(p, &name);
    WCHAR found[MAX_PATH * 2];
    if (!name.length || !find_program(name.data, found)) {
        print_error_naming(h, "The system cannot find the file ", name.data ? name.data : L"", ".");
        text_free(&name);
        mem_free(directory);
        errorlevel = 1;
        return 1;
    }
    text_free(&name);
    Text line;
    text_init(&line);
    const WCHAR *application = found;
    WCHAR *comspec = NULL;
    if (is_batch_file(found)) {
        comspec = get_variable(L"ComSpec");
        application = comspec ? comspec : L"C:\\windows\\system32\\cmd.exe";
        text_adda(&line, "cmd.exe /c \"");
        text_adds(&line, p);
        text_addc(&line, L'"');
    } else {
        text_adds(&line, p);
    }
    STARTUPINFOW si;
    ZeroMemory(&si, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = h->in;
    si.hStdOutput = h->out;
    si.hStdError = h->err;
    PROCESS_INFORMATION pi;
    BOOL ok = CreateProcessW(application, line.data, NULL, NULL, TRUE, 0, NULL, directory, &si, &pi);
    text_free(&line);
    mem_free(comspec);
    mem_free(directory);
    if (!ok) {
        print_error(h, "The system cannot execute the specified program.");
        errorlevel = 1;
        return 1;
    }
    CloseHandle(pi.hThread);
    int failed = 0;
    if (wait) {
        DWORD code = 1;
        WaitForSingleObject(pi.hProcess, INFINITE);
        GetExitCodeProcess(pi.hProcess, &code);
        errorlevel = (int)code;
        failed = code != 0;
    } else {
        errorlevel = 0;
    }
    CloseHandle(pi.hProcess);
    return failed;
}

/* The builtin's name: letters up to a blank or one of the characters cmd
 * ends a command name with ("echo.", "cd..", "echo(" ...). */
static int run_simple_text(const WCHAR *text, Handles *h);

static int run_simple(Node *n, Handles *h) {
    if (!delayed_expansion) return run_simple_text(n->text, h);
    WCHAR *text = expand_delayed(n->text);
    int failed = run_simple_text(text, h);
    mem_free(text);
    return failed;
}

static int run_simple_text(const WCHAR *text, Handles *h) {
    const WCHAR *p = skip_blanks(text);
    if (!*p) return 0;
    const WCHAR *end = p;
    while (*end && !wcontains(L" \t.(/\\:;,=+\"", *end)) ++end;
    WCHAR *name = wdupn(p, (int)(end - p));
    int result = end > p ? run_builtin(name, end, h) : -1;
    mem_free(name);
    if (result >= 0) return result;
    return run_program(p, h);
}

static int compare_strings(Node *n, const WCHAR *a, const WCHAR *b);

static int compare_values(Node *n) {
    if (!delayed_expansion) return compare_strings(n, n->a, n->b);
    WCHAR *a = expand_delayed(n->a), *b = expand_delayed(n->b);
    int result = compare_strings(n, a, b);
    mem_free(a);
    mem_free(b);
    return result;
}

static int compare_strings(Node *n, const WCHAR *a, const WCHAR *b) {
    if (weq(n->op, L"==")) return n->ignore_case ? wieq(a, b) : weq(a, b);
    long long x, y;
    int numeric = parse_int(a, &x) && parse_int(b, &y);
    int c;
    if (numeric) c = x < y ? -1 : x > y;
    else {
        c = 0;
        for (int i = 0; !c; ++i) {
            WCHAR ca = n->ignore_case ? wupper(a[i]) : a[i], cb = n->ignore_case ? wupper(b[i]) : b[i];
            if (ca != cb) c = ca < cb ? -1 : 1;
            if (!ca || !cb) break;
        }
    }
    if (wieq(n->op, L"EQU")) return c == 0;
    if (wieq(n->op, L"NEQ")) return c != 0;
    if (wieq(n->op, L"LSS")) return c < 0;
    if (wieq(n->op, L"LEQ")) return c <= 0;
    if (wieq(n->op, L"GTR")) return c > 0;
    if (wieq(n->op, L"GEQ")) return c >= 0;
    return -1;
}

static int run_if(Node *n, Handles *h) {
    int result;
    if (n->test && wieq(n->test, L"errorlevel")) {
        long long level = 0;
        parse_int(n->a, &level);
        result = errorlevel >= level;
    } else if (n->test && wieq(n->test, L"cmdextversion")) {
        long long version = 0;
        parse_int(n->a, &version);
        result = 2 >= version;
    } else if (n->test && wieq(n->test, L"defined")) {
        result = GetEnvironmentVariableW(n->a, NULL, 0) != 0;
    } else if (n->test) {
        WCHAR *path = wdup(n->a);
        int len = wlen(path);
        if (len && path[0] == L'"') {
            CopyMemory(path, path + 1, len * sizeof(WCHAR));
            if (--len && path[len - 1] == L'"') path[--len] = 0;
        }
        WIN32_FIND_DATAW data;
        HANDLE find = FindFirstFileW(path, &data);
        result = find != INVALID_HANDLE_VALUE || GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
        if (find != INVALID_HANDLE_VALUE) FindClose(find);
        mem_free(path);
    } else {
        result = compare_values(n);
        if (result < 0) {
            print_error(h, "The syntax of the command is incorrect.");
            errorlevel = 1;
            return 1;
        }
    }
    if (n->negate) result = !result;
    if (result) return n->then_part ? run_node(n->then_part, h) : 0;
    return n->else_part ? run_node(n->else_part, h) : 0;
}

static int stopping(void) { return exit_requested || batch_exit; }

/* Runs the body with %X (and, for FOR /F's tokens, the letters after X)
 * replaced by `values`. */
static int run_for_values(Node *n, const WCHAR *const *values, int count, Handles *h) {
    Text body;
    text_init(&body);
    for (const WCHAR *p = n->text; *p; ++p) {
        int k = p[0] == L'%' ? p[1] - n->a[0] : -1;
        if (k >= 0 && k < count) {
            text_adds(&body, values[k]);
            ++p;
        } else {
            text_addc(&body, *p);
        }
    }
    Parser ps = {body.data ? body.data : L"", 0};
    Node *tree = parse_sequence(&ps, 0);
    int failed;
    if (ps.error || *ps.p) {
        print_error(h, "The syntax of the command is incorrect.");
        errorlevel = 1;
        failed = 1;
    } else {
        failed = run_node(tree, h);
    }
    free_node(tree);
    text_free(&body);
    return failed;
}

static int run_for_item(Node *n, const WCHAR *item, Handles *h) { return run_for_values(n, &item, 1, h); }

/* FOR /F's options: tokens=, delims=, skip=, eol=, usebackq. */
typedef struct {
    int tokens[32], ntokens, rest; /* rest: "*" after the last token */
    WCHAR delims[64];
    int skip;
    WCHAR eol;
    int usebackq;
} ForOptions;

static void parse_for_options(const WCHAR *text, ForOptions *o) {
    ZeroMemory(o, sizeof(*o));
    o->tokens[0] = 1;
    o->ntokens = 1;
    CopyMemory(o->delims, L" \t", 3 * sizeof(WCHAR));
    o->eol = L';';
    for (const WCHAR *p = text ? text : L""; *p;) {
        while (*p == L' ') ++p;
        if (wieqn(p, L"tokens=", 7)) {
            p += 7;
            o->ntokens = 0;
            while (*p && *p != L' ') {
                if (*p == L'*') {
                    o->rest = 1;
                    ++p;
                    continue;
                }
                long long a = 0, b;
                while (*p >= L'0' && *p <= L'9') a = a * 10 + (*p++ - L'0');
                b = a;
                if (*p == L'-') {
                    ++p;
                    b = 0;
                    while (*p >= L'0' && *p <= L'9') b = b * 10 + (*p++ - L'0');
                }
                for (long long t = a; t <= b && t > 0 && o->ntokens < 31; ++t) o->tokens[o->ntokens++] = (int)t;
                if (*p == L',') ++p;
                else if (*p && *p != L'*' && *p != L' ') ++p;
            }
        } else if (wieqn(p, L"delims=", 7)) {
            p += 7;
            int n = 0;
            /* the delimiters run to the end, or to a blank before another option */
            while (*p && n < 63 && !(p[0] == L' ' && (wieqn(p + 1, L"tokens=", 7) || wieqn(p + 1, L"skip=", 5) ||
                                                     wieqn(p + 1, L"eol=", 4) || wieqn(p + 1, L"usebackq", 8))))
                o->delims[n++] = *p++;
            o->delims[n] = 0;
        } else if (wieqn(p, L"skip=", 5)) {
            p += 5;
            while (*p >= L'0' && *p <= L'9') o->skip = o->skip * 10 + (*p++ - L'0');
        } else if (wieqn(p, L"eol=", 4)) {
            p += 4;
            o->eol = *p;
            if (*p) ++p;
        } else if (wieqn(p, L"usebackq", 8)) {
            o->usebackq = 1;
            p += 8;
        } else {
            while (*p && *p != L' ') ++p;
        }
    }
}

/* One line of FOR /F's input: split into the tokens asked for. */
static int run_for_line(Node *n, const ForOptions *o, const WCHAR *line, Handles *h) {
    if (!*line || (o->eol && line[0] == o->eol)) return 0;
    WCHAR *values[33];
    int count = o->ntokens + o->rest;
    for (int i = 0; i < count; ++i) values[i] = NULL;
    int index = 0, last_token = 0;
    for (int i = 0; i < o->ntokens; ++i)
        if (o->tokens[i] > last_token) last_token = o->tokens[i];
    const WCHAR *p = line;
    while (*p) {
        while (*p && wcontains(o->delims, *p)) ++p;
        if (!*p) break;
        ++index;
        if (index > last_token && o->rest) {
            values[o->ntokens] = wdup(p);
            break;
        }
        const WCHAR *start = p;
        while (*p && !wcontains(o->delims, *p)) ++p;
        for (int i = 0; i < o->ntokens; ++i)
            if (o->tokens[i] == index) values[i] = wdupn(start, (int)(p - start));
        if (index >= last_token && !o->rest) break;
    }
    int any = 0, failed = 0;
    for (int i = 0; i < count; ++i) {
        if (values[i]) any = 1;
        else values[i] = wdup(L"");
    }
    if (any) failed = run_for_values(n, (const WCHAR *const *)values, count, h);
    for (int i = 0; i < count; ++i) mem_free(values[i]);
    return failed;
}

static int run_for_text(Node *n, const ForOptions *o, const WCHAR *text, Handles *h) {
    int failed = 0, skipped = 0;
    for (const WCHAR *p = text; *p && !stopping();) {
        const WCHAR *end = p;
        while (*end && *end != L'\n') ++end;
        int len = (int)(end - p);
        if (len && p[len - 1] == L'\r') --len;
        WCHAR *line = wdupn(p, len);
        if (skipped < o->skip) ++skipped;
        else if (*line) failed = run_for_line(n, o, line, h);
        mem_free(line);
        p = *end ? end + 1 : end;
    }
    return failed;
}

static WCHAR *bytes_to_text(const char *bytes, int size) {
    UINT cp = GetConsoleOutputCP();
    int n = MultiByteToWideChar(cp, 0, bytes, size, NULL, 0);
    WCHAR *text = mem_alloc((n + 1) * sizeof(WCHAR));
    MultiByteToWideChar(cp, 0, bytes, size, text, n);
    return text;
}

/* The output of `command`, run by %ComSpec% /c. */
static WCHAR *command_output(const WCHAR *command, Handles *h) {
    SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
    HANDLE read_end, write_end;
    if (!CreatePipe(&read_end, &write_end, &sa, 0)) return wdup(L"");
    WCHAR *comspec = get_variable(L"ComSpec");
    Text line;
    text_init(&line);
    text_adda(&line, "cmd.exe /c ");
    text_adds(&line, command);
    STARTUPINFOW si;
    ZeroMemory(&si, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = h->in;
    si.hStdOutput = write_end;
    si.hStdError = h->err;
    PROCESS_INFORMATION pi;
    BOOL ok = CreateProcessW(comspec ? comspec : L"C:\\windows\\system32\\cmd.exe", line.data, NULL, NULL, TRUE, 0,
                             NULL, NULL, &si, &pi);
    text_free(&line);
    mem_free(comspec);
    CloseHandle(write_end);
    char *all = NULL;
    int size = 0, capacity = 0;
    if (ok) {
        char buffer[4096];
        DWORD got;
        while (ReadFile(read_end, buffer, sizeof(buffer), &got, NULL) && got) {
            if (size + (int)got > capacity) {
                int more = capacity ? capacity * 2 : 8192;
                while (more < size + (int)got) more *= 2;
                char *grown = mem_alloc(more);
                if (all) CopyMemory(grown, all, size), mem_free(all);
                all = grown;
                capacity = more;
            }
            CopyMemory(all + size, buffer, got);
            size += got;
        }
        WaitForSingleObject(pi.hProcess, INFINITE);
        CloseHandle(pi.hProcess);
        CloseHandle(pi.hThread);
    }
    CloseHandle(read_end);
    WCHAR *text = bytes_to_text(all ? all : "", size);
    mem_free(all);
    return text;
}

static int run_for_f(Node *n, Handles *h) {
    ForOptions o;
    parse_for_options(n->op, &o);
    const WCHAR *set = skip_blanks(n->b);
    int len = wlen(set);
    while (len && (set[len - 1] == L' ' || set[len - 1] == L'\t')) --len;
    WCHAR command_quote = o.usebackq ? L'`' : L'\'', string_quote = o.usebackq ? L'\'' : L'"';
    if (len >= 2 && set[0] == command_quote && set[len - 1] == command_quote) {
        WCHAR *command = wdupn(set + 1, len - 2);
        WCHAR *output = command_output(command, h);
        int failed = run_for_text(n, &o, output, h);
        mem_free(command);
        mem_free(output);
        return failed;
    }
    if (len >= 2 && set[0] == string_quote && set[len - 1] == string_quote) {
        WCHAR *text = wdupn(set + 1, len - 2);
        int failed = run_for_line(n, &o, text, h);
        mem_free(text);
        return failed;
    }
    /* files, one after the other */
    int failed = 0;
    Text word;
    text_init(&word);
    for (const WCHAR *p = set; *p && !stopping();) {
        while (*p == L' ' || *p == L'\t') ++p;
        if (!*p) break;
        int quoted = 0;
        text_free(&word);
        for (; *p && (quoted || (*p != L' ' && *p != L'\t')); ++p) {
            if (*p == L'"') quoted = !quoted;
            else text_addc(&word, *p);
        }
        HANDLE file = CreateFileW(word.data, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0,
                                  NULL);
        if (file == INVALID_HANDLE_VALUE) {
            print_error_naming(h, "The system cannot find the file ", word.data, ".");
            errorlevel = 1;
            failed = 1;
            break;
        }
        DWORD size = GetFileSize(file, NULL), got = 0;
        char *bytes = mem_alloc(size + 1);
        ReadFile(file, bytes, size, &got, NULL);
        CloseHandle(file);
        WCHAR *text = bytes_to_text(bytes, (int)got);
        mem_free(bytes);
        failed = run_for_text(n, &o, text, h);
        mem_free(text);
    }
    text_free(&word);
    return failed;
}

/* The next blank-separated word at *p (quotes kept, blanks inside them
 * too), allocated; NULL at the end. */
static WCHAR *next_word(const WCHAR **p) {
    const WCHAR *q = *p;
    while (*q && is_blank(*q)) ++q;
    if (!*q) return NULL;
    const WCHAR *start = q;
    int quoted = 0;
    while (*q && (quoted || !is_blank(*q))) {
        if (*q == L'"') quoted = !quoted;
        ++q;
    }
    *p = q;
    return wdupn(start, (int)(q - start));
}

/* The items of a FOR set: a word without wildcards as it is (after `base`
 * when given: FOR /R's directory), and a pattern's matching files (or,
 * `directories`, FOR /D's directories but . and ..), named as the pattern's
 * directory (or `base`) plus the file's name. */
static int run_for_set(Node *n, const WCHAR *base, int directories, Handles *h) {
    int failed = 0;
    WCHAR *item;
    for (const WCHAR *p = n->b; !stopping() && (item = next_word(&p));) {
        int wild = 0;
        for (WCHAR *c = item; *c; ++c)
            if (*c == L'*' || *c == L'?') wild = 1;
        Text prefix;
        text_init(&prefix);
        if (base) {
            text_adds(&prefix, base);
        } else if (wild) {
            int dir_end = 0;
            for (int i = 0; item[i]; ++i)
                if (item[i] == L'\\' || item[i] == L'/' || (i == 1 && item[i] == L':')) dir_end = i + 1;
            text_add(&prefix, item, dir_end);
        }
        if (!wild) {
            Text name;
            text_init(&name);
            if (prefix.data) text_adds(&name, prefix.data);
            text_adds(&name, item);
            failed = run_for_item(n, name.data, h);
            text_free(&name);
        } else {
            Text pattern;
            text_init(&pattern);
            if (base) text_adds(&pattern, base);
            text_adds(&pattern, item);
            int count;
            WIN32_FIND_DATAW *found = find_sorted(pattern.data, &count);
            text_free(&pattern);
            for (int i = 0; i < count && !stopping(); ++i) {
                int is_dir = (found[i].dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
                if (is_dir != directories || is_dots(found[i].cFileName)) continue;
                Text name;
                text_init(&name);
                if (prefix.data) text_adds(&name, prefix.data);
                text_adds(&name, found[i].cFileName);
                failed = run_for_item(n, name.data, h);
                text_free(&name);
            }
            mem_free(found);
        }
        text_free(&prefix);
        mem_free(item);
    }
    return failed;
}

/* FOR /R: the set in `base` (a directory with its '\\'), then in each
 * subdirectory, depth first. */
static int run_for_tree(Node *n, Text *base, Handles *h) {
    int failed = run_for_set(n, base->data, 0, h);
    Text pattern;
    text_init(&pattern);
    text_adds(&pattern, base->data);
    text_addc(&pattern, L'*');
    int count;
    WIN32_FIND_DATAW *found = find_sorted(pattern.data, &count);
    text_free(&pattern);
    for (int i = 0; i < count && !stopping(); ++i) {
        if (!(found[i].dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || is_dots(found[i].cFileName)) continue;
        Text sub;
        text_init(&sub);
        text_adds(&sub, base->data);
        text_adds(&sub, found[i].cFileName);
        text_addc(&sub, L'\\');
        failed = run_for_tree(n, &sub, h);
        text_free(&sub);
    }
    mem_free(found);
    return failed;
}

static int run_for(Node *n, Handles *h) {
    int failed = 0;
    if (n->test) {
        print_error_naming(h, "cmd: FOR ", n->test, " is not implemented in Vine's cmd yet");
        errorlevel = 1;
        return 1;
    }
    if (n->numeric == 2) return run_for_f(n, h);
    if (n->numeric == 1) {
        long long values[3] = {0, 0, 0};
        int count = 0;
        for (const WCHAR *p = n->b; *p && count < 3;) {
            while (*p && is_blank(*p)) ++p;
            const WCHAR *start = p;
            while (*p && !is_blank(*p)) ++p;
            if (p == start) break;
            WCHAR *number = wdupn(start, (int)(p - start));
            parse_int(number, &values[count++]);
            mem_free(number);
        }
        long long start = values[0], step = count > 1 ? values[1] : 1, end = count > 2 ? values[2] : 0;
        for (long long i = start; step && (step > 0 ? i <= end : i >= end) && !stopping(); i += step) {
            Text item;
            text_init(&item);
            text_addint(&item, i);
            failed = run_for_item(n, item.data, h);
            text_free(&item);
        }
        return failed;
    }
    if (n->numeric == 4) {
        WCHAR root[MAX_PATH * 2];
        if (!GetFullPathNameW(n->op ? n->op : L".", MAX_PATH * 2, root, NULL)) return 1;
        Text base;
        text_init(&base);
        text_adds(&base, root);
        if (base.length && base.data[base.length - 1] != L'\\') text_addc(&base, L'\\');
        failed = run_for_tree(n, &base, h);
        text_free(&base);
        return failed;
    }
    return run_for_set(n, NULL, n->numeric == 3, h);
}

static int run_pipe(Node *n, Handles *h) {
    SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
    HANDLE read_end, write_end;
    if (!CreatePipe(&read_end, &write_end, &sa, 0)) {
        print_error(h, "The process tried to write to a nonexistent pipe.");
        return 1;
    }
    Handles left = *h, right = *h;
    left.out = write_end;
    right.in = read_end;
    /* An external program on the left runs alongside the right side; a
     * builtin on the left writes everything first. */
    pipe_async = 1;
    pipe_process = NULL;
    run_node(n->left, &left);
    pipe_async = 0;
    HANDLE process = pipe_process;
    pipe_process = NULL;
    CloseHandle(write_end);
    int failed = run_node(n->right, &right);
    CloseHandle(read_end);
    if (process) {
        WaitForSingleObject(process, INFINITE);
        CloseHandle(process);
    }
    return failed;
}

/* With echo on, a batch file's line is shown after the prompt before it
 * runs, unless it starts with "@". */
static void echo_line(const WCHAR *line) {
    line = skip_blanks(line);
    if (!batch || !echo_on || !*line || *line == L'@') return;
    WCHAR dir[MAX_PATH * 2];
    DWORD len = GetCurrentDirectoryW(MAX_PATH * 2, dir);
    if (len > 3 && dir[len - 1] == L'\\') dir[--len] = 0;
    Text t;
    text_init(&t);
    text_adda(&t, "\r\n");
    text_add(&t, dir, (int)len);
    text_addc(&t, L'>');
    text_adds(&t, line);
    text_adda(&t, "\r\n");
    out_str(GetStdHandle(STD_OUTPUT_HANDLE), t.data);
    text_free(&t);
}

/* 0 when the command succeeded (what && and || test). */
static int run_node(Node *n, Handles *h) {
    if (!n || stopping()) return 0;
    switch (n->kind) {
    case N_SEQ:
        run_node(n->left, h);
        return run_node(n->right, h);
    case N_AND: {
        int failed = run_node(n->left, h);
        return failed ? failed : run_node(n->right, h);
    }
    case N_OR: {
        int failed = run_node(n->left, h);
        return failed ? run_node(n->right, h) : 0;
    }
    case N_PIPE: return run_pipe(n, h);
    case N_IF: return run_if(n, h);
    case N_FOR: return run_for(n, h);
    case N_BLOCK:
    case N_SIMPLE: {
        HANDLE opened[8];
        int nopened = 0;
        Handles redirected;
        int failed;
        if (!apply_redirects(n->redirects, h, &redirected, opened, &nopened)) {
            errorlevel = 1;
            failed = 1;
        } else if (n->kind == N_BLOCK) {
            failed = run_node(n->left, &redirected);
        } else {
            failed = run_simple(n, &redirected);
        }
        for (int i = 0; i < nopened; ++i) CloseHandle(opened[i]);
        return failed;
    }
    }
    return 0;
}

int run_line(const WCHAR *line, Handles *h) {
    WCHAR *expanded = expand_line(line);
    echo_line(expanded);
    Parser ps = {expanded, 0};
    Node *tree = parse_sequence(&ps, 0);
    int failed = 0;
    if (ps.error || *ps.p) {
        print_error(h, "The syntax of the command is incorrect.");
        errorlevel = 1;
        failed = 1;
    } else {
        failed = run_node(tree, h);
    }
    free_node(tree);
    mem_free(expanded);
    return failed;
}

/* ==== batch files ==== */

static int paren_balance(const WCHAR *line) {
    int depth = 0, quoted = 0;
    const WCHAR *p = skip_blanks(line);
    if (word_is(p, L"rem") || p[0] == L':') return 0;
    for (; *p; ++p) {
        if (*p == L'"') quoted = !quoted;
        else if (quoted) continue;
        else if (*p == L'^' && p[1]) ++p;
        else if (*p == L'(') ++depth;
        else if (*p == L')' && depth > 0) --depth;
    }
    return depth;
}

static int find_label(Batch *b, const WCHAR *label) {
    if (*label == L':') ++label;
    int n = 0;
    while (label[n] && label[n] != L' ' && label[n] != L'\t') ++n;
    for (int i = 0; i < b->count; ++i) {
        const WCHAR *line = skip_blanks(b->lines[i]);
        if (line[0] != L':') continue;
        ++line;
        if (wieqn(line, label, n) && (!line[n] || line[n] == L' ' || line[n] == L'\t')) return i;
    }
    return -1;
}

/* goto and call :label (builtins.c) come here. */
int batch_goto(const WCHAR *label, Handles *h) {
    if (!batch) return 1;
    if (wieq(label, L":eof")) {
        batch_exit = 1;
        return 0;
    }
    int line = find_label(batch, label);
    if (line < 0) {
        print_error_naming(h, "The system cannot find the batch label specified - ", *label == L':' ? label + 1 : label, "");
        batch_exit = 1;
        errorlevel = 1;
        return 1;
    }
    batch->next = line + 1;
    return 0;
}

/* Batch arguments: separated by blanks, commas, semicolons and equal
 * signs; quotes kept. */
static void split_arguments(Batch *b, const WCHAR *text) {
    const WCHAR *p = text;
    WCHAR *word;
    while (b->args_count < 64 && (word = next_word(&p))) b->args[b->args_count++] = word;
}

static void run_batch_lines(Batch *b, Handles *h) {
    Batch *outer = batch;
    batch = b;
    while (b->next < b->count && !exit_requested && !batch_exit) {
        Text line;
        text_init(&line);
        text_adds(&line, b->lines[b->next++]);
        const WCHAR *start = skip_blanks(line.data);
        if (start[0] == L':') {
            text_free(&line);
            continue;
        }
        /* A block left open continues on the next lines. */
        while (paren_balance(line.data) > 0 && b->next < b->count) {
            text_addc(&line, L'\n');
            text_adds(&line, b->lines[b->next++]);
        }
        run_line(line.data, h);
        text_free(&line);
    }
    batch_exit = 0;
    batch = outer;
}


int run_batch_file(const WCHAR *path, const WCHAR *arguments, Handles *h, int replace) {
    HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        print_error(h, "The batch file cannot be found.");
        errorlevel = 1;
        return 1;
    }
    DWORD size = GetFileSize(file, NULL), got = 0;
    char *bytes = mem_alloc(size + 1);
    ReadFile(file, bytes, size, &got, NULL);
    CloseHandle(file);
    UINT cp = GetConsoleOutputCP();
    int wide_size = MultiByteToWideChar(cp, 0, bytes, (int)got, NULL, 0);
    WCHAR *text = mem_alloc((wide_size + 1) * sizeof(WCHAR));
    MultiByteToWideChar(cp, 0, bytes, (int)got, text, wide_size);
    mem_free(bytes);

    Batch *b = mem_alloc(sizeof(Batch));
    int capacity = 16;
    b->lines = mem_alloc(capacity * sizeof(WCHAR *));
    for (WCHAR *p = text; *p;) {
        WCHAR *end = p;
        while (*end && *end != L'\n') ++end;
        int n = (int)(end - p);
        if (n && p[n - 1] == L'\r') --n;
        if (b->count == capacity) {
            WCHAR **more = mem_alloc(capacity * 2 * sizeof(WCHAR *));
            CopyMemory(more, b->lines, capacity * sizeof(WCHAR *));
            mem_free(b->lines);
            b->lines = more;
            capacity *= 2;
        }
        b->lines[b->count++] = wdupn(p, n);
        p = *end ? end + 1 : end;
    }
    mem_free(text);
    b->path = wdup(path);
    b->args[0] = wdup(path);
    b->args_count = 1;
    split_arguments(b, arguments);
    /* Starting a batch file from a batch file without CALL ends the first. */
    if (replace && batch) batch->next = batch->count;
    run_batch_lines(b, h);
    environment_restore_all(b);
    for (int i = 0; i < b->count; ++i) mem_free(b->lines[i]);
    for (int i = 0; i < b->args_count; ++i) mem_free(b->args[i]);
    mem_free(b->lines);
    mem_free(b->path);
    mem_free(b);
    return errorlevel != 0;
}

/* call :label arguments: the same file, from the label, with its own
 * arguments, returning at its end (or exit /b, goto :eof). */
int batch_call_label(const WCHAR *label, const WCHAR *arguments, Handles *h) {
    if (!batch) {
        print_error(h, "Invalid attempt to call batch label outside of batch script.");
        errorlevel = 1;
        return 1;
    }
    int line = find_label(batch, label);
    if (line < 0) return batch_goto(label, h);
    Batch *b = mem_alloc(sizeof(Batch));
    b->lines = batch->lines;
    b->count = batch->count;
    b->next = line + 1;
    b->path = batch->path;
    b->is_call_label = 1;
    b->args[0] = wdup(label);
    b->args_count = 1;
    split_arguments(b, arguments);
    run_batch_lines(b, h);
    environment_restore_all(b);
    for (int i = 0; i < b->args_count; ++i) mem_free(b->args[i]);
    mem_free(b);
    return errorlevel != 0;
}

/* ==== start ==== */

/* cmd /c "..." keeps its quotes only when they are the only two, around
 * the name of a program with blanks in it and nothing special; else the
 * first and the last quote go (cmd /? describes the rule). */
static WCHAR *command_of_switch_c(const WCHAR *rest, int strip_always) {
    rest = skip_blanks(rest);
    WCHAR *command = wdup(rest);
    if (command[0] != L'"') return command;
    int quotes = 0, special = 0, blank = 0, last = -1;
    for (int i = 0; command[i]; ++i) {
        if (command[i] == L'"') quotes++, last = i;
        else if (quotes == 1 && wcontains(L"&<>()@^|", command[i])) special = 1;
        else if (quotes == 1 && (command[i] == L' ' || command[i] == L'\t')) blank = 1;
    }
    int keep = 0;
    if (!strip_always && quotes == 2 && !special && blank) {
        WCHAR *inside = wdupn(command + 1, last - 1);
        WCHAR found[MAX_PATH * 2];
        keep = find_program(inside, found);
        mem_free(inside);
    }
    if (!keep) {
        int n = wlen(command);
        if (last > 0) {
            CopyMemory(command + last, command + last + 1, (n - last) * sizeof(WCHAR));
            --n;
        }
        CopyMemory(command, command + 1, n * sizeof(WCHAR));
    }
    return command;
}

static const WCHAR *skip_program_name(const WCHAR *line) {
    const WCHAR *p = skip_blanks(line);
    if (*p == L'"') {
        ++p;
        while (*p && *p != L'"') ++p;
        if (*p) ++p;
    } else {
        while (*p && *p != L' ' && *p != L'\t') ++p;
    }
    return p;
}

static void interactive(Handles *h) {
    DWORD mode;
    int console = GetConsoleMode(h->in, &mode);
    for (;;) {
        if (console) {
            WCHAR dir[MAX_PATH * 2];
            GetCurrentDirectoryW(MAX_PATH * 2, dir);
            out_str(h->out, dir);
            out_ascii(h->out, ">");
        }
        char byte;
        DWORD got = 0;
        int any = 0;
        Text bytes;
        text_init(&bytes);
        while (ReadFile(h->in, &byte, 1, &got, NULL) && got == 1) {
            any = 1;
            if (byte == '\n') break;
            if (byte != '\r') text_addc(&bytes, (WCHAR)(unsigned char)byte);
        }
        if (!any) {
            text_free(&bytes);
            break;
        }
        run_line(bytes.data ? bytes.data : L"", h);
        text_free(&bytes);
        if (exit_requested) break;
    }
}

int main(void) {
    Handles h = {GetStdHandle(STD_INPUT_HANDLE), GetStdHandle(STD_OUTPUT_HANDLE), GetStdHandle(STD_ERROR_HANDLE)};
    const WCHAR *p = skip_program_name(GetCommandLineW());
    int run_once = -1, strip_always = 0;
    for (;;) {
        p = skip_blanks(p);
        if (*p != L'/' || !p[1]) break;
        WCHAR option = wupper(p[1]);
        if (option == L'C' || option == L'K') {
            run_once = option == L'C';
            p += 2;
            break;
        }
        if (option == L'Q') echo_on = 0;
        if (option == L'S') strip_always = 1;
        if (option == L'V' && p[2] == L':') delayed_expansion = wieqn(p + 3, L"on", 2);
        p += 2;
        while (*p && *p != L' ' && *p != L'\t' && *p != L'/') ++p;
    }
    if (run_once >= 0) {
        WCHAR *command = command_of_switch_c(p, strip_always);
        run_line(command, &h);
        mem_free(command);
        if (run_once || exit_requested) ExitProcess((UINT)errorlevel);
    }
    interactive(&h);
    ExitProcess((UINT)errorlevel);
    return errorlevel;
}
