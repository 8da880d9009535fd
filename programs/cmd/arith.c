/* set /a: 32-bit integer expressions with cmd's operators, variables read
 * from and assigned to the environment, comma-separated assignments. */
#include "cmd.h"

typedef struct {
    const WCHAR *p;
    int error;
} Parser;

static long long expr_assign(Parser *ps);

static void skip(Parser *ps) {
    while (*ps->p == L' ' || *ps->p == L'\t' || *ps->p == L'"') ++ps->p;
}

static int is_name_char(WCHAR c) {
    return (c >= L'a' && c <= L'z') || (c >= L'A' && c <= L'Z') || (c >= L'0' && c <= L'9') || c == L'_' ||
           c == L'$' || c == L'.' || c > 0x7f;
}

static long long variable(const WCHAR *name) {
    WCHAR value[64];
    DWORD n = GetEnvironmentVariableW(name, value, 64);
    long long number;
    if (!n || n >= 64) return 0;
    return parse_int(value, &number) ? (int)number : 0;
}

static void assign(const WCHAR *name, long long value) {
    Text t;
    text_init(&t);
    text_addint(&t, (int)value);
    SetEnvironmentVariableW(name, t.data);
    text_free(&t);
}

static long long primary(Parser *ps) {
    skip(ps);
    if (*ps->p == L'(') {
        ++ps->p;
        long long value = expr_assign(ps);
        skip(ps);
        if (*ps->p != L')') ps->error = 1;
        else ++ps->p;
        return value;
    }
    if (*ps->p >= L'0' && *ps->p <= L'9') {
        const WCHAR *start = ps->p;
        while (is_name_char(*ps->p)) ++ps->p;
        WCHAR *digits = wdupn(start, (int)(ps->p - start));
        long long value = 0;
        if (!parse_int(digits, &value)) ps->error = 1;
        mem_free(digits);
        return (int)value;
    }
    if (is_name_char(*ps->p)) {
        const WCHAR *start = ps->p;
        while (is_name_char(*ps->p)) ++ps->p;
        WCHAR *name = wdupn(start, (int)(ps->p - start));
        long long value = variable(name);
        mem_free(name);
        return value;
    }
    ps->error = 1;
    return 0;
}

static long long unary(Parser *ps) {
    skip(ps);
    WCHAR c = *ps->p;
    if (c == L'-' || c == L'+' || c == L'!' || c == L'~') {
        ++ps->p;
        long long v = unary(ps);
        return c == L'-' ? -v : c == L'+' ? v : c == L'!' ? !v : ~v;
    }
    return primary(ps);
}

static long long multiplicative(Parser *ps) {
    long long left = unary(ps);
    for (;;) {
        skip(ps);
        WCHAR op = *ps->p;
        if ((op != L'*' && op != L'/' && op != L'%') || ps->p[1] == L'=') return left;
        ++ps->p;
        long long right = unary(ps);
        if (op == L'*') left = (int)(left * right);
        else if (!right) {
            ps->error = 2;
            return 0;
        } else left = op == L'/' ? (int)(left / right) : (int)(left % right);
    }
}

static long long additive(Parser *ps) {
    long long left = multiplicative(ps);
    for (;;) {
        skip(ps);
        WCHAR op = *ps->p;
        if ((op != L'+' && op != L'-') || ps->p[1] == L'=') return left;
        ++ps->p;
        long long right = multiplicative(ps);
        left = (int)(op == L'+' ? left + right : left - right);
    }
}

static long long shift(Parser *ps) {
    long long left = additive(ps);
    for (;;) {
        skip(ps);
        if (!((ps->p[0] == L'<' && ps->p[1] == L'<') || (ps->p[0] == L'>' && ps->p[1] == L'>')) || ps->p[2] == L'=')
            return left;
        int is_left = ps->p[0] == L'<';
        ps->p += 2;
        long long right = additive(ps);
        left = (int)(is_left ? (int)left << (right & 31) : (int)left >> (right & 31));
    }
}

static long long bitwise(Parser *ps, int level) {
    static const WCHAR ops[] = {L'|', L'^', L'&'};
    long long left = level == 2 ? shift(ps) : bitwise(ps, level + 1);
    for (;;) {
        skip(ps);
        if (*ps->p != ops[level] || ps->p[1] == L'=') return left;
        ++ps->p;
        long long right = level == 2 ? shift(ps) : bitwise(ps, level + 1);
        left = level == 0 ? (left | right) : level == 1 ? (left ^ right) : (left & right);
    }
}

/* name op= expression, or an expression. */
static long long expr_assign(Parser *ps) {
    skip(ps);
    const WCHAR *start = ps->p, *end = ps->p;
    while (is_name_char(*end)) ++end;
    if (end > start && !(start[0] >= L'0' && start[0] <= L'9')) {
        const WCHAR *op = end;
        while (*op == L' ' || *op == L'\t') ++op;
        int length = 0;
        if (op[0] == L'=' && op[1] != L'=') length = 1;
        else if (op[0] && wcontains(L"+-*/%&|^", op[0]) && op[1] == L'=') length = 2;
        else if ((op[0] == L'<' || op[0] == L'>') && op[1] == op[0] && op[2] == L'=') length = 3;
        if (length) {
            WCHAR *name = wdupn(start, (int)(end - start));
            ps->p = op + length;
            long long value = expr_assign(ps), old = variable(name);
            switch (length == 1 ? L'=' : op[0]) {
            case L'+': value = old + value; break;
            case L'-': value = old - value; break;
            case L'*': value = old * value; break;
            case L'/':
            case L'%':
                if (!value) ps->error = 2;
                else value = op[0] == L'/' ? old / value : old % value;
                break;
            case L'&': value = old & value; break;
            case L'|': value = old | value; break;
            case L'^': value = old ^ value; break;
            case L'<': value = (int)old << (value & 31); break;
            case L'>': value = (int)old >> (value & 31); break;
            }
            value = (int)value;
            if (!ps->error) assign(name, value);
            mem_free(name);
            return value;
        }
    }
    return bitwise(ps, 0);
}

/* 0 on success; 1 for a syntax error, 2 for a division by zero. */
int arith_evaluate(const WCHAR *expression, long long *result) {
    Parser ps = {expression, 0};
    long long value = 0;
    for (;;) {
        value = expr_assign(&ps);
        skip(&ps);
        if (ps.error) return ps.error;
        if (*ps.p == L',') {
            ++ps.p;
            continue;
        }
        if (*ps.p) return 1;
        break;
    }
    *result = value;
    return 0;
}
