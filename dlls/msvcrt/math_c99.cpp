// The C99 math functions the Universal CRT adds to msvcrt's set
// (api-ms-win-crt-math): ms_abi wrappers over the host libm, whose results
// for special values (infinities, NaNs, signed zeros) follow C99 Annex F as
// the UCRT's do.
#include <cmath>
#include <cfenv>
#include <complex>
#include <utility>

#include "msvcrt_private.h"

#define UNARY(name) \
    MSVCRT_API double MSVCRT_##name(double x) { return std::name(x); }
#define UNARYF(name, host) \
    MSVCRT_API float MSVCRT_##name(float x) { return std::host(x); }
#define BINARY(name) \
    MSVCRT_API double MSVCRT_##name(double x, double y) { return std::name(x, y); }
#define BINARYF(name, host) \
    MSVCRT_API float MSVCRT_##name(float x, float y) { return std::host(x, y); }

UNARY(acosh) UNARY(asinh) UNARY(atanh) UNARY(cbrt) UNARY(erf) UNARY(erfc) UNARY(exp2) UNARY(expm1)
UNARY(lgamma) UNARY(log1p) UNARY(log2) UNARY(logb) UNARY(nearbyint) UNARY(rint) UNARY(round) UNARY(tgamma)
UNARY(trunc)
UNARYF(acoshf, acosh) UNARYF(asinhf, asinh) UNARYF(atanhf, atanh) UNARYF(cbrtf, cbrt) UNARYF(erff, erf)
UNARYF(erfcf, erfc) UNARYF(exp2f, exp2) UNARYF(expm1f, expm1) UNARYF(lgammaf, lgamma) UNARYF(log1pf, log1p)
UNARYF(log2f, log2) UNARYF(logbf, logb) UNARYF(nearbyintf, nearbyint) UNARYF(rintf, rint)
UNARYF(roundf, round) UNARYF(tgammaf, tgamma) UNARYF(truncf, trunc)
BINARY(copysign) BINARY(fdim) BINARY(fmax) BINARY(fmin) BINARY(hypot) BINARY(nextafter) BINARY(remainder)
BINARYF(copysignf, copysign) BINARYF(fdimf, fdim) BINARYF(fmaxf, fmax) BINARYF(fminf, fmin)
BINARYF(hypotf, hypot) BINARYF(nextafterf, nextafter) BINARYF(remainderf, remainder)

MSVCRT_API double MSVCRT_fma(double x, double y, double z) { return std::fma(x, y, z); }
MSVCRT_API float MSVCRT_fmaf(float x, float y, float z) { return std::fma(x, y, z); }
MSVCRT_API long MSVCRT_lround(double x) { return static_cast<long>(std::lround(x)); }
MSVCRT_API long MSVCRT_lroundf(float x) { return static_cast<long>(std::lround(x)); }
MSVCRT_API long long MSVCRT_llround(double x) { return std::llround(x); }
MSVCRT_API long long MSVCRT_llroundf(float x) { return std::llround(x); }
MSVCRT_API long MSVCRT_lrint(double x) { return static_cast<long>(std::lrint(x)); }
MSVCRT_API long MSVCRT_lrintf(float x) { return static_cast<long>(std::lrint(x)); }
MSVCRT_API long long MSVCRT_llrint(double x) { return std::llrint(x); }
MSVCRT_API long long MSVCRT_llrintf(float x) { return std::llrint(x); }
MSVCRT_API int MSVCRT_ilogb(double x) { return std::ilogb(x); }
MSVCRT_API int MSVCRT_ilogbf(float x) { return std::ilogb(x); }
MSVCRT_API double MSVCRT_remquo(double x, double y, int* quotient) { return std::remquo(x, y, quotient); }
MSVCRT_API float MSVCRT_remquof(float x, float y, int* quotient) { return std::remquo(x, y, quotient); }
MSVCRT_API double MSVCRT_scalbn(double x, int n) { return std::scalbn(x, n); }
MSVCRT_API float MSVCRT_scalbnf(float x, int n) { return std::scalbn(x, n); }
MSVCRT_API double MSVCRT_scalbln(double x, long n) { return std::scalbln(x, n); }
MSVCRT_API float MSVCRT_scalblnf(float x, long n) { return std::scalbln(x, n); }
MSVCRT_API double MSVCRT_nan(const char* tag) { return std::nan(tag); }
MSVCRT_API float MSVCRT_nanf(const char* tag) { return std::nanf(tag); }
MSVCRT_API float MSVCRT_frexpf(float x, int* e) { return std::frexp(x, e); }
MSVCRT_API float MSVCRT_ldexpf(float x, int e) { return std::ldexp(x, e); }

// _dclass/_fdclass (fpclassify): FP_INFINITE 1, FP_NAN 2, FP_NORMAL -1,
// FP_SUBNORMAL -2, FP_ZERO 0 in the UCRT's numbering.
namespace {
short ucrt_class(int host_class) {
    switch (host_class) {
    case FP_INFINITE: return 1;
    case FP_NAN: return 2;
    case FP_SUBNORMAL: return -2;
    case FP_ZERO: return 0;
    default: return -1;
    }
}
}  // namespace
MSVCRT_API short MSVCRT__dclass(double x) { return ucrt_class(std::fpclassify(x)); }
MSVCRT_API short MSVCRT__fdclass(float x) { return ucrt_class(std::fpclassify(x)); }
MSVCRT_API int MSVCRT__dsign(double x) { return std::signbit(x) ? 0x8000 : 0; }
MSVCRT_API int MSVCRT__fdsign(float x) { return std::signbit(x) ? 0x8000 : 0; }

// _dtest/_fdtest/_ldtest: _dclass of the value pointed to. MSVC's long
// double is double, so the "l" functions are the double ones (the spec
// points them there).
MSVCRT_API short MSVCRT__dtest(const double* x) { return MSVCRT__dclass(*x); }
MSVCRT_API short MSVCRT__fdtest(const float* x) { return MSVCRT__fdclass(*x); }

// nexttoward's direction is a long double, which is double here.
MSVCRT_API double MSVCRT_nexttoward(double x, double y) { return std::nextafter(x, y); }
MSVCRT_API float MSVCRT_nexttowardf(float x, double y) { return std::nexttoward(x, static_cast<long double>(y)); }

// <complex.h>: _Dcomplex and _Fcomplex are two doubles and two floats
// (the Microsoft ABI passes a _Dcomplex by reference, a _Fcomplex in a
// register, which the ms_abi attribute applies). The results are the host's
// C99 Annex G ones.
namespace {
struct Dcomplex {
    double re, im;
};
struct Fcomplex {
    float re, im;
};
inline std::complex<double> host(Dcomplex z) { return {z.re, z.im}; }
inline std::complex<float> host(Fcomplex z) { return {z.re, z.im}; }
inline Dcomplex guest(std::complex<double> z) { return {z.real(), z.imag()}; }
inline Fcomplex guest(std::complex<float> z) { return {z.real(), z.imag()}; }
}  // namespace

#define COMPLEX_UNARY(name, expr)                                                              \
    MSVCRT_API Dcomplex MSVCRT_##name(Dcomplex z) { return guest(expr(host(z))); }              \
    MSVCRT_API Fcomplex MSVCRT_##name##f(Fcomplex z) { return guest(expr(host(z))); }
#define COMPLEX_REAL(name, expr)                                                               \
    MSVCRT_API double MSVCRT_##name(Dcomplex z) { return expr(host(z)); }                       \
    MSVCRT_API float MSVCRT_##name##f(Fcomplex z) { return expr(host(z)); }

COMPLEX_UNARY(cacos, std::acos) COMPLEX_UNARY(cacosh, std::acosh) COMPLEX_UNARY(casin, std::asin)
COMPLEX_UNARY(casinh, std::asinh) COMPLEX_UNARY(catan, std::atan) COMPLEX_UNARY(catanh, std::atanh)
COMPLEX_UNARY(ccos, std::cos) COMPLEX_UNARY(ccosh, std::cosh) COMPLEX_UNARY(cexp, std::exp)
COMPLEX_UNARY(clog, std::log) COMPLEX_UNARY(clog10, std::log10) COMPLEX_UNARY(cproj, std::proj)
COMPLEX_UNARY(csin, std::sin) COMPLEX_UNARY(csinh, std::sinh) COMPLEX_UNARY(csqrt, std::sqrt)
COMPLEX_UNARY(ctan, std::tan) COMPLEX_UNARY(ctanh, std::tanh) COMPLEX_UNARY(conj, std::conj)
COMPLEX_REAL(cabs, std::abs) COMPLEX_REAL(carg, std::arg) COMPLEX_REAL(cimag, std::imag)
COMPLEX_REAL(creal, std::real) COMPLEX_REAL(norm, std::norm)

MSVCRT_API Dcomplex MSVCRT_cpow(Dcomplex x, Dcomplex y) { return guest(std::pow(host(x), host(y))); }
MSVCRT_API Fcomplex MSVCRT_cpowf(Fcomplex x, Fcomplex y) { return guest(std::pow(host(x), host(y))); }

// <fenv.h> in the UCRT's numbering (FE_INEXACT 1, FE_UNDERFLOW 2,
// FE_OVERFLOW 4, FE_DIVBYZERO 8, FE_INVALID 0x10; FE_TONEAREST 0,
// FE_UPWARD 0x100, FE_DOWNWARD 0x200, FE_TOWARDZERO 0x300) over the
// host's, which drives the same SSE (and x87) state.
namespace {
struct UcrtFenv {
    ULONG control;  // the rounding mode
    ULONG status;   // the exception flags raised
};
constexpr int kUcrtExceptions = 0x1f;
constexpr std::pair<int, int> kExceptionMap[] = {
    {0x01, FE_INEXACT}, {0x02, FE_UNDERFLOW}, {0x04, FE_OVERFLOW}, {0x08, FE_DIVBYZERO}, {0x10, FE_INVALID}};
constexpr std::pair<int, int> kRoundingMap[] = {
    {0x000, FE_TONEAREST}, {0x100, FE_UPWARD}, {0x200, FE_DOWNWARD}, {0x300, FE_TOWARDZERO}};
int host_exceptions(int ucrt) {
    int host = 0;
    for (auto [u, h] : kExceptionMap)
        if (ucrt & u) host |= h;
    return host;
}
int ucrt_exceptions(int host) {
    int ucrt = 0;
    for (auto [u, h] : kExceptionMap)
        if (host & h) ucrt |= u;
    return ucrt;
}
}  // namespace

MSVCRT_API int MSVCRT_fegetround() {
    int host = std::fegetround();
    for (auto [u, h] : kRoundingMap)
        if (h == host) return u;
    return 0;
}
MSVCRT_API int MSVCRT_fesetround(int mode) {
    for (auto [u, h] : kRoundingMap)
        if (u == mode) return std::fesetround(h) ? 1 : 0;
    return 1;
}
MSVCRT_API int MSVCRT_feclearexcept(int flags) {
    if (flags & ~kUcrtExceptions) return 1;
    return std::feclearexcept(host_exceptions(flags)) ? 1 : 0;
}
MSVCRT_API int MSVCRT_fetestexcept(int flags) {
    return ucrt_exceptions(std::fetestexcept(host_exceptions(flags & kUcrtExceptions)));
}
// Raising a flag with the exceptions masked (the default) only sets it.
MSVCRT_API int MSVCRT_fesetexceptflag(const ULONG* flags, int which) {
    if (which & ~kUcrtExceptions) return 1;
    std::feclearexcept(host_exceptions(which));
    if (int raise = host_exceptions(static_cast<int>(*flags) & which)) std::feraiseexcept(raise);
    return 0;
}
MSVCRT_API int MSVCRT_fegetexceptflag(ULONG* flags, int which) {
    *flags = static_cast<ULONG>(MSVCRT_fetestexcept(which));
    return 0;
}
MSVCRT_API int MSVCRT_fegetenv(UcrtFenv* env) {
    env->control = static_cast<ULONG>(MSVCRT_fegetround());
    env->status = static_cast<ULONG>(MSVCRT_fetestexcept(kUcrtExceptions));
    return 0;
}
MSVCRT_API int MSVCRT_fesetenv(const UcrtFenv* env) {
    if (MSVCRT_fesetround(static_cast<int>(env->control))) return 1;
    return MSVCRT_fesetexceptflag(&env->status, kUcrtExceptions);
}
MSVCRT_API int MSVCRT_feholdexcept(UcrtFenv* env) {
    MSVCRT_fegetenv(env);
    std::feclearexcept(FE_ALL_EXCEPT);
    return 0;
}
