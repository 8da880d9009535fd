// api-ms-win-crt-math as MSVC programs import it: C99 results, special
// values included (infinities, NaNs, signed zeros), and the UCRT's
// classification functions. Built by clang for x86_64-pc-windows-msvc.
#include "msvc_test.h"

extern "C" {
int _fltused = 0x9875;
double pow(double, double);
double hypot(double, double);
double round(double);
double trunc(double);
double cbrt(double);
double fma(double, double, double);
float fmaf(float, float, float);
double atan2(double, double);
double log(double);
double sqrt(double);
double fmod(double, double);
double exp2(double);
double log2(double);
long lround(double);
double nearbyint(double);
double copysign(double, double);
float sinf(float);
float powf(float, float);
float tanhf(float);
double nan(const char*);
short _dclass(double);
short _fdclass(float);
short _dtest(double*);
short _fdtest(float*);
short _ldtest(long double*);
float nexttowardf(float, long double);
long double acoshl(long double);
long double fmal(long double, long double, long double);
struct _Dcomplex {
    double re, im;
};
struct _Fcomplex {
    float re, im;
};
_Dcomplex cexp(_Dcomplex);
double cabs(_Dcomplex);
float cabsf(_Fcomplex);
_Fcomplex csqrtf(_Fcomplex);
double creal(_Dcomplex);
double cimag(_Dcomplex);
int fegetround();
int fesetround(int);
int feclearexcept(int);
int fetestexcept(int);
struct fenv_t {
    unsigned long ctl, stat;
};
int fegetenv(fenv_t*);
int fesetenv(const fenv_t*);
double exp(double);
double ldexp(double, int);
double acos(double);
float log10f(float);
int* _errno();
}
// Values the compiler cannot fold: the library computes them.
static volatile double vzero = 0.0, vone = 1.0, vthree = 3.0;

static bool negative(double x) { return __builtin_signbit(x); }

int run() {
    double inf = __builtin_inf(), qnan = __builtin_nan("");
    ok(pow(1.0, qnan) == 1.0, "pow(1, NaN) is 1");
    ok(pow(qnan, 0.0) == 1.0, "pow(NaN, 0) is 1");
    ok(pow(-inf, 3.0) == -inf && pow(-inf, 2.0) == inf, "pow(-inf, odd/even)");
    ok(pow(2.0, 10.0) == 1024.0, "pow(2, 10)");
    ok(hypot(inf, qnan) == inf, "hypot(inf, NaN) is inf");
    ok(hypot(3.0, 4.0) == 5.0, "hypot(3, 4)");
    ok(round(-0.5) == -1.0 && round(2.5) == 3.0, "round halfway away from zero");
    double t = trunc(-0.7);
    ok(t == 0.0 && negative(t), "trunc(-0.7) is -0");
    ok(cbrt(-8.0) == -2.0, "cbrt(-8)");
    ok(fma(2.0, 3.0, 4.0) == 10.0 && fmaf(2.0f, 3.0f, 4.0f) == 10.0f, "fma, fmaf");
    ok(atan2(0.0, -0.0) > 3.14159 && atan2(0.0, -0.0) < 3.1416, "atan2(0, -0) is pi");
    ok(log(0.0) == -inf, "log(0) is -inf");
    double r = sqrt(-0.0);
    ok(r == 0.0 && negative(r), "sqrt(-0) is -0");
    ok(sqrt(-1.0) != sqrt(-1.0), "sqrt(-1) is a NaN");
    ok(fmod(5.5, inf) == 5.5, "fmod(x, inf) is x");
    ok(exp2(10.0) == 1024.0 && log2(8.0) == 3.0, "exp2, log2");
    ok(lround(2.5) == 3 && lround(-2.5) == -3, "lround");
    ok(nearbyint(2.5) == 2.0, "nearbyint rounds to even");
    ok(copysign(3.0, -0.0) == -3.0, "copysign");
    ok(sinf(0.0f) == 0.0f && powf(2.0f, 3.0f) == 8.0f && tanhf(inf) == 1.0f, "sinf, powf, tanhf");
    ok(nan("") != nan(""), "nan(\"\") is a NaN");
    ok(_dclass(inf) == 1 && _dclass(qnan) == 2 && _dclass(0.0) == 0 && _dclass(1.0) == -1 && _dclass(1e-310) == -2,
       "_dclass: FP_INFINITE, FP_NAN, FP_ZERO, FP_NORMAL, FP_SUBNORMAL");
    ok(_fdclass(1.0f) == -1, "_fdclass");

    double d = 1e-310;
    float f = __builtin_inff();
    long double l = 0.0;
    ok(_dtest(&d) == -2 && _fdtest(&f) == 1 && _ldtest(&l) == 0, "_dtest, _fdtest, _ldtest classify what they point to");
    ok(nexttowardf(1.0f, 2.0L) == 1.0f + 0x1p-23f && nexttowardf(1.0f, 0.0L) == 1.0f - 0x1p-24f,
       "nexttowardf: the next float either way");
    ok(acoshl(1.0L) == 0.0L && fmal(2.0L, 3.0L, 4.0L) == 10.0L, "long double functions (long double is double)");

    _Dcomplex e = cexp(_Dcomplex{0.0, 3.14159265358979323846});
    ok(e.re == -1.0 && e.im > 0 && e.im < 1e-15, "cexp(i pi) is -1");
    ok(cabs(_Dcomplex{3.0, 4.0}) == 5.0 && cabsf(_Fcomplex{-3.0f, 4.0f}) == 5.0f, "cabs, cabsf");
    _Fcomplex root = csqrtf(_Fcomplex{-4.0f, 0.0f});
    ok(root.re == 0.0f && root.im == 2.0f, "csqrtf(-4) is 2i");
    ok(creal(_Dcomplex{1.5, -2.5}) == 1.5 && cimag(_Dcomplex{1.5, -2.5}) == -2.5, "creal, cimag");
    ok(cabs(_Dcomplex{inf, qnan}) == inf, "cabs(inf + NaN i) is inf (C99 Annex G)");

    ok(fegetround() == 0, "fegetround: FE_TONEAREST by default");
    ok(fesetround(0x300) == 0 && fegetround() == 0x300 && nearbyint(2.7 * vone) == 2.0 && nearbyint(-2.7 * vone) == -2.0,
       "fesetround(FE_TOWARDZERO): nearbyint truncates");
    ok(fesetround(0x200) == 0 && nearbyint(2.7 * vone) == 2.0 && nearbyint(-2.2 * vone) == -3.0, "FE_DOWNWARD");
    ok(fesetround(0x123) != 0, "fesetround of an invalid mode fails");
    fesetround(0);
    ok(nearbyint(2.7 * vone) == 3.0, "back to FE_TONEAREST");
    feclearexcept(0x1f);
    ok(fetestexcept(0x1f) == 0, "feclearexcept clears every flag");
    volatile double q = vone / vzero;
    ok(q == inf && fetestexcept(0x08) == 0x08 && !(fetestexcept(0x10)), "1/0 raises FE_DIVBYZERO only");
    fenv_t saved;
    fegetenv(&saved);
    feclearexcept(0x1f);
    q = vone / vthree;
    ok(fetestexcept(0x01) == 0x01, "1/3 raises FE_INEXACT");
    fesetenv(&saved);
    ok(fetestexcept(0x08) == 0x08 && fetestexcept(0x01) == 0, "fesetenv puts the saved flags back");
    feclearexcept(0x1f);

    *_errno() = 0;
    ok(sqrt(-vone) != sqrt(-vone) && *_errno() == 33, "sqrt(-1): NaN, errno EDOM");
    *_errno() = 0;
    ok(log(vzero) == -inf && *_errno() == 34, "log(0): -inf, errno ERANGE");
    *_errno() = 0;
    ok(exp(1000 * vone) == inf && *_errno() == 34, "exp(1000): inf, errno ERANGE");
    *_errno() = 0;
    ok(exp(-1000 * vone) == 0.0 && *_errno() == 0, "exp(-1000): 0, errno untouched");
    *_errno() = 0;
    ok(acos(2 * vone) != acos(2 * vone) && *_errno() == 33, "acos(2): NaN, EDOM");
    *_errno() = 0;
    ok(pow(10 * vone, 400.0) == inf && *_errno() == 34, "pow(10, 400): inf, ERANGE");
    *_errno() = 0;
    ok(log10f(-(float)vone) != log10f(-(float)vone) && *_errno() == 33, "log10f(-1): NaN, EDOM");
    *_errno() = 0;
    ok(ldexp(vone, 2000) == inf && *_errno() == 34, "ldexp overflow: inf, ERANGE");
    return vt_summary();
}

extern "C" void vt_entry() { ExitProcess(static_cast<unsigned>(run())); }
