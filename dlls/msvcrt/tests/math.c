/* msvcrt.dll's math functions, called through GetProcAddress (so that GCC
 * neither folds nor inlines them): float variants and special values, the
 * errno values Microsoft documents (EDOM for domain errors, ERANGE for
 * poles and overflow, nothing for underflow), and the _matherr handler
 * installed by __setusermatherr, which sees the error first and may
 * replace the result. */
#include <float.h>
#include <math.h>
#include <string.h>
#include <windows.h>
#include "vinetest.h"

struct math_exception {
    int type;
    char *name;
    double arg1, arg2, retval;
};

static HMODULE crt;
#define CRTFN(name, ...) __typeof__(__VA_ARGS__) p_##name = (__typeof__(__VA_ARGS__))GetProcAddress(crt, #name)

static int handler_calls, handler_type;
static char handler_name[16];
static double handler_arg1;
static int __cdecl replace_result(struct math_exception *e)
{
    ++handler_calls;
    handler_type = e->type;
    lstrcpynA(handler_name, e->name, sizeof(handler_name));
    handler_arg1 = e->arg1;
    e->retval = 42.0;
    return 1;
}

int main(void)
{
    double inf = INFINITY, qnan = NAN;
    int *err;

    crt = GetModuleHandleA("msvcrt.dll");
    CRTFN(_errno, int *(__cdecl *)(void));
    CRTFN(sqrt, double (__cdecl *)(double));
    CRTFN(log, double (__cdecl *)(double));
    CRTFN(exp, double (__cdecl *)(double));
    CRTFN(acos, double (__cdecl *)(double));
    CRTFN(pow, double (__cdecl *)(double, double));
    CRTFN(ldexp, double (__cdecl *)(double, int));
    CRTFN(sinf, float (__cdecl *)(float));
    CRTFN(cosf, float (__cdecl *)(float));
    CRTFN(powf, float (__cdecl *)(float, float));
    CRTFN(sqrtf, float (__cdecl *)(float));
    CRTFN(logf, float (__cdecl *)(float));
    CRTFN(_hypotf, float (__cdecl *)(float, float));
    CRTFN(_nextafterf, float (__cdecl *)(float, float));
    CRTFN(_copysignf, float (__cdecl *)(float, float));
    CRTFN(_chgsignf, float (__cdecl *)(float));
    CRTFN(_logbf, float (__cdecl *)(float));
    CRTFN(_finitef, int (__cdecl *)(float));
    CRTFN(_isnanf, int (__cdecl *)(float));
    CRTFN(_fpclassf, int (__cdecl *)(float));
    CRTFN(__setusermatherr, void (__cdecl *)(int (__cdecl *)(struct math_exception *)));
    ok(p__errno && p_sqrt && p_log && p_exp && p_acos && p_pow && p_ldexp && p_sinf && p_cosf && p_powf && p_sqrtf &&
       p_logf && p__hypotf && p__nextafterf && p__copysignf && p__chgsignf && p__logbf && p__finitef && p__isnanf &&
       p__fpclassf && p___setusermatherr, "msvcrt exports the math functions");
    if (!p__errno || !p___setusermatherr || !p__fpclassf) return vt_summary();
    err = p__errno();

    ok(fabsf(p_sinf(0.5f) - 0.4794255386f) < 1e-6f && p_cosf(0.0f) == 1.0f, "sinf, cosf");
    ok(p_powf(2.0f, 10.0f) == 1024.0f && p_powf(-8.0f, 1.0f / 3) != p_powf(-8.0f, 1.0f / 3), "powf");
    ok(p__hypotf(3.0f, 4.0f) == 5.0f && p__hypotf(INFINITY, NAN) == INFINITY, "_hypotf");
    ok(p__nextafterf(1.0f, 2.0f) == 1.0f + FLT_EPSILON && p__nextafterf(0.0f, -1.0f) < 0, "_nextafterf");
    ok(p__copysignf(3.0f, -0.0f) == -3.0f && p__chgsignf(2.0f) == -2.0f, "_copysignf, _chgsignf");
    ok(p__logbf(8.0f) == 3.0f && p__logbf(0.1f) == -4.0f, "_logbf");
    ok(!p__finitef(INFINITY) && p__finitef(1.0f) && p__isnanf(NAN) && !p__isnanf(1.0f), "_finitef, _isnanf");
    ok(p__fpclassf(-INFINITY) == 4 && p__fpclassf(-0.0f) == 0x20 && p__fpclassf(1.0f) == 0x100, "_fpclassf");

    *err = 0;
    ok(p_sqrt(-1.0) != p_sqrt(-1.0) && *err == 33, "sqrt(-1): NaN, errno EDOM (%d)", *err);
    *err = 0;
    ok(p_log(0.0) == -inf && *err == 34, "log(0): -inf, errno ERANGE (%d)", *err);
    *err = 0;
    ok(p_log(-1.0) != p_log(-1.0) && *err == 33, "log(-1): NaN, errno EDOM");
    *err = 0;
    ok(p_exp(1000.0) == inf && *err == 34, "exp(1000): inf, errno ERANGE");
    *err = 0;
    ok(p_exp(-1000.0) == 0.0 && *err == 0, "exp(-1000): 0, errno untouched");
    *err = 0;
    ok(p_acos(2.0) != p_acos(2.0) && *err == 33, "acos(2): NaN, errno EDOM");
    *err = 0;
    ok(p_pow(10.0, 400.0) == inf && *err == 34, "pow(10, 400): inf, errno ERANGE");
    *err = 0;
    ok(p_sqrtf(-1.0f) != p_sqrtf(-1.0f) && *err == 33, "sqrtf(-1): NaN, errno EDOM");
    *err = 0;
    ok(p_logf(0.0f) == -INFINITY && *err == 34, "logf(0): -inf, errno ERANGE");
    *err = 0;
    ok(p_ldexp(1.0, 2000) == inf && *err == 34, "ldexp overflow: inf, errno ERANGE");
    *err = 0;
    ok(p_sqrt(4.0) == 2.0 && p_sqrt(inf) == inf && *err == 0, "sqrt(4), sqrt(inf): no error");
    ok(p_sqrt(qnan) != p_sqrt(qnan), "sqrt of a NaN is a NaN");

    p___setusermatherr(replace_result);
    *err = 0;
    ok(p_log(-1.0) == 42.0 && *err == 0, "a _matherr that returns nonzero replaces the result, errno untouched");
    ok(handler_calls == 1 && handler_type == 1 && !strcmp(handler_name, "log") && handler_arg1 == -1.0,
       "_matherr saw _DOMAIN, \"log\", -1 (%d %d %s)", handler_calls, handler_type, handler_name);
    ok(p_sqrt(9.0) == 3.0 && handler_calls == 1, "no _matherr call without an error");
    p___setusermatherr(NULL);
    return vt_summary();
}
