/* winmm's timer services: resolution requests and the millisecond clock. */
#include <windows.h>
#include <mmsystem.h>

#include "vinetest.h"

int main(void)
{
    TIMECAPS caps;
    DWORD before, after, ticks;

    ok_int(timeGetDevCaps(&caps, sizeof(caps)), TIMERR_NOERROR);
    ok(caps.wPeriodMin >= 1 && caps.wPeriodMin <= 16, "the finest period is a few ms at most (%u)", caps.wPeriodMin);
    ok(caps.wPeriodMax >= 1000, "the coarsest at least a second (%u)", caps.wPeriodMax);
    ok_int(timeGetDevCaps(&caps, sizeof(caps) - 1), TIMERR_NOCANDO);
    ok_int(timeGetDevCaps(NULL, sizeof(caps)), TIMERR_NOCANDO);

    ok_int(timeBeginPeriod(1), TIMERR_NOERROR);
    ok_int(timeEndPeriod(1), TIMERR_NOERROR);
    ok_int(timeBeginPeriod(0), TIMERR_NOCANDO);
    ok_int(timeEndPeriod(0), TIMERR_NOCANDO);

    /* The clock counts milliseconds, near GetTickCount's. */
    before = timeGetTime();
    Sleep(50);
    after = timeGetTime();
    ok(after - before >= 45 && after - before < 1000, "50 ms later: %lu ms", after - before);
    ticks = GetTickCount();
    ok(ticks - after < 100 || after - ticks < 100, "close to GetTickCount (%lu, %lu)", after, ticks);
    return vt_summary();
}
