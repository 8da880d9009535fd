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
}

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
    return vt_summary();
}

extern "C" void vt_entry() { ExitProcess(static_cast<unsigned>(run())); }
