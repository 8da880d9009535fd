// <math.h>: ms_abi wrappers over the host libm (doubles travel in XMM
// registers in both conventions), with the CRT's error reporting: a
// domain error (sqrt(-1), log(-1), acos(2)) sets errno to EDOM, a pole or
// an overflow (log(0), exp(1000), pow(10, 400)) to ERANGE, as Microsoft
// documents for each function; an underflow to zero sets nothing. Before
// errno is set the handler installed by __setusermatherr (a program's
// _matherr) sees the error: it may replace the result and, returning
// nonzero, keep errno as it was.
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstring>

#include "msvcrt_private.h"

namespace {

// struct _exception and its types (_DOMAIN 1, _SING 2, _OVERFLOW 3).
struct MathException {
    int type;
    const char* name;
    double arg1, arg2, retval;
};
constexpr int kDomain = 1, kSingularity = 2, kOverflow = 3;
using MatherrHandler = int(__attribute__((ms_abi)) *)(MathException*);
MatherrHandler user_matherr = nullptr;

// Runs `call` (the host function), then reports what the host's errno says.
template <class T, class Call>
T checked(const char* name, double arg1, double arg2, Call call) {
    int saved = errno;
    errno = 0;
    T result = call();
    int error = errno;
    errno = saved;
    int type = 0;
    if (error == EDOM) type = kDomain;
    else if (error == ERANGE && std::isinf(result)) type = std::isinf(arg1) ? kOverflow : (arg1 == 0 || arg2 == 0) ? kSingularity : kOverflow;
    if (!type) return result;
    if (MatherrHandler handler = user_matherr) {
        MathException e{type, name, arg1, arg2, static_cast<double>(result)};
        if (handler(&e)) return static_cast<T>(e.retval);
    }
    msvcrt_set_errno(type == kDomain ? MSVCRT_EDOM : MSVCRT_ERANGE);
    return result;
}

}  // namespace

MSVCRT_API void MSVCRT___setusermatherr(void* handler) { user_matherr = reinterpret_cast<MatherrHandler>(handler); }

#define UNARY(name, host) \
    MSVCRT_API double MSVCRT_##name(double x) { return checked<double>(#name, x, 0, [=] { return host(x); }); }
#define UNARYF(name, host) \
    MSVCRT_API float MSVCRT_##name(float x) { return checked<float>(#name, x, 0, [=] { return host(x); }); }
#define BINARY(name, host)                                                           \
    MSVCRT_API double MSVCRT_##name(double x, double y) {                            \
        return checked<double>(#name, x, y, [=] { return host(x, y); });             \
    }
#define BINARYF(name, host)                                                          \
    MSVCRT_API float MSVCRT_##name(float x, float y) {                               \
        return checked<float>(#name, x, y, [=] { return host(x, y); });              \
    }

UNARY(sin, std::sin) UNARY(cos, std::cos) UNARY(tan, std::tan) UNARY(asin, std::asin) UNARY(acos, std::acos)
UNARY(atan, std::atan) UNARY(sinh, std::sinh) UNARY(cosh, std::cosh) UNARY(tanh, std::tanh)
UNARY(exp, std::exp) UNARY(log, std::log) UNARY(log10, std::log10) UNARY(sqrt, std::sqrt)
UNARY(floor, std::floor) UNARY(ceil, std::ceil) UNARY(fabs, std::fabs) UNARY(_logb, std::logb)
UNARY(_j0, ::j0) UNARY(_j1, ::j1) UNARY(_y0, ::y0) UNARY(_y1, ::y1)
BINARY(atan2, std::atan2) BINARY(pow, std::pow) BINARY(fmod, std::fmod) BINARY(_hypot, std::hypot)
BINARY(_copysign, std::copysign) BINARY(_nextafter, std::nextafter)
UNARYF(sinf, std::sin) UNARYF(cosf, std::cos) UNARYF(tanf, std::tan) UNARYF(asinf, std::asin)
UNARYF(acosf, std::acos) UNARYF(atanf, std::atan) UNARYF(sinhf, std::sinh) UNARYF(coshf, std::cosh)
UNARYF(tanhf, std::tanh) UNARYF(expf, std::exp) UNARYF(logf, std::log) UNARYF(log10f, std::log10)
UNARYF(sqrtf, std::sqrt) UNARYF(floorf, std::floor) UNARYF(ceilf, std::ceil) UNARYF(fabsf, std::fabs)
UNARYF(_logbf, std::logb)
BINARYF(atan2f, std::atan2) BINARYF(powf, std::pow) BINARYF(fmodf, std::fmod) BINARYF(_hypotf, std::hypot)
BINARYF(_copysignf, std::copysign) BINARYF(_nextafterf, std::nextafter)

MSVCRT_API double MSVCRT__jn(int n, double x) { return ::jn(n, x); }
MSVCRT_API double MSVCRT__yn(int n, double x) { return checked<double>("_yn", x, 0, [=] { return ::yn(n, x); }); }
MSVCRT_API double MSVCRT_ldexp(double x, int e) {
    double r = std::ldexp(x, e);
    if (std::isinf(r) && !std::isinf(x)) msvcrt_set_errno(MSVCRT_ERANGE);
    return r;
}
MSVCRT_API double MSVCRT_frexp(double x, int* e) { return std::frexp(x, e); }
MSVCRT_API double MSVCRT_modf(double x, double* i) { return std::modf(x, i); }
MSVCRT_API float MSVCRT_modff(float x, float* i) { return std::modf(x, i); }
MSVCRT_API double MSVCRT__scalb(double x, int32_t e) { return std::scalbn(x, e); }
MSVCRT_API float MSVCRT__scalbf(float x, int32_t e) { return std::scalbn(x, e); }
MSVCRT_API double MSVCRT__chgsign(double x) { return -x; }
MSVCRT_API float MSVCRT__chgsignf(float x) { return -x; }
MSVCRT_API int MSVCRT__isnan(double x) { return std::isnan(x) ? 1 : 0; }
MSVCRT_API int MSVCRT__isnanf(float x) { return std::isnan(x) ? 1 : 0; }
MSVCRT_API int MSVCRT__finite(double x) { return std::isfinite(x) ? 1 : 0; }
MSVCRT_API int MSVCRT__finitef(float x) { return std::isfinite(x) ? 1 : 0; }

// _fpclass: _FPCLASS_SNAN 1, QNAN 2, NINF 4, NN 8, ND 0x10, NZ 0x20, PZ 0x40,
// PD 0x80, PN 0x100, PINF 0x200.
MSVCRT_API int MSVCRT__fpclass(double x) {
    bool negative = std::signbit(x);
    switch (std::fpclassify(x)) {
    case FP_NAN: {
        uint64_t bits;
        std::memcpy(&bits, &x, 8);
        return (bits & 0x0008000000000000ULL) ? 2 : 1;
    }
    case FP_INFINITE: return negative ? 4 : 0x200;
    case FP_ZERO: return negative ? 0x20 : 0x40;
    case FP_SUBNORMAL: return negative ? 0x10 : 0x80;
    default: return negative ? 8 : 0x100;
    }
}
MSVCRT_API int MSVCRT__fpclassf(float x) { return MSVCRT__fpclass(x); }

struct MsvcrtComplex {
    double x, y;
};
MSVCRT_API double MSVCRT__cabs(MsvcrtComplex z) { return std::hypot(z.x, z.y); }

MSVCRT_DATA double MSVCRT__HUGE = HUGE_VAL;

// Floating-point control: only the reporting forms are implemented; the
// default x64 state (all exceptions masked, round to nearest, 53 bits).
MSVCRT_API unsigned int MSVCRT__controlfp(unsigned int, unsigned int) { return 0x0009001f; }
MSVCRT_API unsigned int MSVCRT__control87(unsigned int, unsigned int) { return 0x0009001f; }
MSVCRT_API unsigned int MSVCRT__clearfp() { return 0; }
MSVCRT_API unsigned int MSVCRT__statusfp() { return 0; }
MSVCRT_API void MSVCRT__fpreset() {}
MSVCRT_API int* MSVCRT___fpecode() {
    return &msvcrt_thread_data()->fpecode;
}
