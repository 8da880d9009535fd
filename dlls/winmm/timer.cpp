// winmm's timer services. Linux timers already have a resolution far below
// a millisecond, so a requested period changes nothing; the calls still
// check their arguments as the documentation says (a period outside
// timeGetDevCaps' range is TIMERR_NOCANDO). timeGetTime is the
// milliseconds since boot, like GetTickCount.
#include <time.h>

#include "vine/wintypes.h"

namespace {

constexpr UINT TIMERR_NOERROR = 0, TIMERR_NOCANDO = 97;
constexpr UINT kPeriodMin = 1, kPeriodMax = 1000000;

struct TIMECAPS {
    UINT wPeriodMin, wPeriodMax;
};

bool valid_period(UINT period) { return period >= kPeriodMin && period <= kPeriodMax; }

}  // namespace

VINE_EXPORT UINT timeBeginPeriod(UINT period) { return valid_period(period) ? TIMERR_NOERROR : TIMERR_NOCANDO; }

VINE_EXPORT UINT timeEndPeriod(UINT period) { return valid_period(period) ? TIMERR_NOERROR : TIMERR_NOCANDO; }

VINE_EXPORT UINT timeGetDevCaps(TIMECAPS* caps, UINT size) {
    if (!caps || size != sizeof(TIMECAPS)) return TIMERR_NOCANDO;
    caps->wPeriodMin = kPeriodMin;
    caps->wPeriodMax = kPeriodMax;
    return TIMERR_NOERROR;
}

VINE_EXPORT DWORD timeGetTime() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<DWORD>(now.tv_sec * 1000ull + now.tv_nsec / 1000000);
}
