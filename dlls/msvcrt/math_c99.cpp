// The C99 math functions the Universal CRT adds to msvcrt's set
// (api-ms-win-crt-math): ms_abi wrappers over the host libm, whose results
// for special values (infinities, NaNs, signed zeros) follow C99 Annex F as
// the UCRT's do.
#include <cmath>

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
