/* bench/hot_calls/hot_calls.c - the cost of one small, frequent call.
 *
 * One source, built twice: with mingw-w64 (the Windows program, run under
 * vine and under Wine) and with gcc for Linux (the native baseline, the
 * closest native call doing the same work). Built with -fno-builtin on both
 * sides so memcpy/strlen/sprintf are real calls into the C library rather
 * than code the compiler inlined.
 *
 * Prints one line per call: "KEY NANOSECONDS", the best of many short timed
 * batches (the minimum filters out preemption on a shared machine). A call the
 * system does not provide is printed as "KEY -".
 *
 * usage: hot_calls [KEY...]   (no arguments: every call)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#ifdef _WIN32
#include <windows.h>
#else
#include <locale.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#endif

/* Sinks the optimizer cannot see through. */
static volatile uintptr_t sink;
static char source[4096 + 64], destination[4096 + 64];
static const char text27[] = "abcdefghijklmnopqrstuvwxyz";  /* 26 + NUL: strlen 26 */
static unsigned sizes[1024];
static int numbers[1000], sorted_copy[1000];

static double now_ns(void)
{
#ifdef _WIN32
    static LARGE_INTEGER frequency;
    LARGE_INTEGER counter;
    if (!frequency.QuadPart)
        QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&counter);
    return (double)counter.QuadPart * 1e9 / (double)frequency.QuadPart;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
#endif
}

typedef void (*batch_fn)(long iterations);

/* Batches are short and many: on a machine whose CPUs are shared with other
 * work, a batch of tens of milliseconds is nearly always cut by preemption
 * (its time then counts other programs' slices), while most batches of a
 * fifth of a millisecond run whole inside one time slice. The best batch is
 * then the call's own cost. Calibrates the batch to about 0.2 ms, then runs
 * batches for about 100 ms (at least 20 of them); returns the best batch's
 * nanoseconds per iteration. */
static double measure(batch_fn fn)
{
    long iterations = 16;
    fn(iterations); /* warm up: caches, first-call work */
    for (;;) {
        double start = now_ns();
        fn(iterations);
        double elapsed = now_ns() - start;
        if (elapsed > 0.2e6 || iterations > (1L << 28))
            break;
        iterations *= elapsed < 0.02e6 ? 8 : 2;
    }
    double best = 1e300, started = now_ns();
    for (int batch = 0; batch < 20 || now_ns() - started < 100e6; batch++) {
        double start = now_ns();
        fn(iterations);
        double per = (now_ns() - start) / (double)iterations;
        if (per < best)
            best = per;
    }
    return best;
}

static void b_memcpy16(long n)
{
    for (long i = 0; i < n; i++)
        memcpy(destination + (i & 7), source, 16);
}

static void b_memcpy4k(long n)
{
    for (long i = 0; i < n; i++)
        memcpy(destination, source + (i & 1), 4096);
}

static void b_strlen27(long n)
{
    size_t total = 0;
    for (long i = 0; i < n; i++)
        total += strlen(text27 + (i & 1));
    sink = total;
}

static void b_malloc_free(long n)
{
    for (long i = 0; i < n; i++) {
        void *p = malloc(sizes[i & 1023]);
        sink = (uintptr_t)p;
        free(p);
    }
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void b_qsort1000(long n)
{
    for (long i = 0; i < n; i++) {
        memcpy(sorted_copy, numbers, sizeof numbers);
        qsort(sorted_copy, 1000, sizeof(int), compare_ints);
    }
}

static void b_sprintf_d(long n)
{
    char buffer[32];
    for (long i = 0; i < n; i++)
        sprintf(buffer, "%d", (int)i);
    sink = (uintptr_t)buffer[0];
}

#ifdef _WIN32
static CRITICAL_SECTION critical_section;
static SRWLOCK srw_lock = SRWLOCK_INIT;
static DWORD tls_index, fls_index;
static INIT_ONCE init_once = INIT_ONCE_STATIC_INIT;
static HANDLE signalled_event, unsignalled_event;
static SLIST_HEADER slist;
static SLIST_ENTRY slist_entry __attribute__((aligned(16)));
static const char utf8_text[] = "Hello, w\xc3\xb6rld! \xe2\x82\xac 123";
static WCHAR utf16_text[32];

static void b_critical_section(long n)
{
    for (long i = 0; i < n; i++) {
        EnterCriticalSection(&critical_section);
        LeaveCriticalSection(&critical_section);
    }
}

static void b_srw_lock(long n)
{
    for (long i = 0; i < n; i++) {
        AcquireSRWLockExclusive(&srw_lock);
        ReleaseSRWLockExclusive(&srw_lock);
    }
}

static void b_get_tick_count(long n)
{
    DWORD total = 0;
    for (long i = 0; i < n; i++)
        total += GetTickCount();
    sink = total;
}

static void b_get_tick_count64(long n)
{
    ULONGLONG total = 0;
    for (long i = 0; i < n; i++)
        total += GetTickCount64();
    sink = (uintptr_t)total;
}

static void b_query_performance_counter(long n)
{
    LARGE_INTEGER counter;
    LONGLONG total = 0;
    for (long i = 0; i < n; i++) {
        QueryPerformanceCounter(&counter);
        total += counter.QuadPart;
    }
    sink = (uintptr_t)total;
}

static void b_system_time(long n)
{
    FILETIME time;
    DWORD total = 0;
    for (long i = 0; i < n; i++) {
        GetSystemTimeAsFileTime(&time);
        total += time.dwLowDateTime;
    }
    sink = total;
}

static void(WINAPI *precise_time)(FILETIME *);
static void b_system_time_precise(long n)
{
    FILETIME time;
    DWORD total = 0;
    for (long i = 0; i < n; i++) {
        precise_time(&time);
        total += time.dwLowDateTime;
    }
    sink = total;
}

static void b_thread_id(long n)
{
    DWORD total = 0;
    for (long i = 0; i < n; i++)
        total += GetCurrentThreadId();
    sink = total;
}

static void b_last_error(long n)
{
    DWORD total = 0;
    for (long i = 0; i < n; i++) {
        SetLastError((DWORD)i);
        total += GetLastError();
    }
    sink = total;
}

static void b_get_last_error(long n)
{
    DWORD total = 0;
    for (long i = 0; i < n; i++)
        total += GetLastError();
    sink = total;
}

static void b_tls_get(long n)
{
    uintptr_t total = 0;
    for (long i = 0; i < n; i++)
        total += (uintptr_t)TlsGetValue(tls_index);
    sink = total;
}

static void b_fls_get(long n)
{
    uintptr_t total = 0;
    for (long i = 0; i < n; i++)
        total += (uintptr_t)FlsGetValue(fls_index);
    sink = total;
}

static BOOL CALLBACK init_once_callback(INIT_ONCE *once, void *parameter, void **context)
{
    (void)once, (void)parameter, (void)context;
    return TRUE;
}

static void b_init_once(long n)
{
    for (long i = 0; i < n; i++)
        InitOnceExecuteOnce(&init_once, init_once_callback, NULL, NULL);
}

static void b_slist(long n)
{
    for (long i = 0; i < n; i++) {
        InterlockedPushEntrySList(&slist, &slist_entry);
        sink = (uintptr_t)InterlockedPopEntrySList(&slist);
    }
}

static void b_wait_signalled(long n)
{
    DWORD total = 0;
    for (long i = 0; i < n; i++)
        total += WaitForSingleObject(signalled_event, 0);
    sink = total;
}

static void b_set_event(long n)
{
    for (long i = 0; i < n; i++)
        SetEvent(unsignalled_event);
}

static void b_utf8_to_utf16(long n)
{
    int total = 0;
    for (long i = 0; i < n; i++)
        total += MultiByteToWideChar(CP_UTF8, 0, utf8_text, -1, utf16_text, 32);
    sink = total;
}

static void b_utf16_to_utf8(long n)
{
    char buffer[64];
    int total = 0;
    for (long i = 0; i < n; i++)
        total += WideCharToMultiByte(CP_UTF8, 0, utf16_text, -1, buffer, sizeof buffer, NULL, NULL);
    sink = total;
}

static DWORD WINAPI idle_thread(void *parameter)
{
    (void)parameter;
    return 0;
}
#else
/* The native counterparts: what a Linux program calls for the same work. */
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_key_t tls_key;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char utf8_text[] = "Hello, w\xc3\xb6rld! \xe2\x82\xac 123";

static void b_critical_section(long n)
{
    for (long i = 0; i < n; i++) {
        pthread_mutex_lock(&mutex);
        pthread_mutex_unlock(&mutex);
    }
}

static void b_srw_lock(long n)
{
    for (long i = 0; i < n; i++) {
        pthread_rwlock_wrlock(&rwlock);
        pthread_rwlock_unlock(&rwlock);
    }
}

static void clock_batch(long n, clockid_t clock)
{
    struct timespec ts;
    long total = 0;
    for (long i = 0; i < n; i++) {
        clock_gettime(clock, &ts);
        total += ts.tv_nsec;
    }
    sink = (uintptr_t)total;
}

static void b_get_tick_count(long n) { clock_batch(n, CLOCK_MONOTONIC_COARSE); }
static void b_get_tick_count64(long n) { clock_batch(n, CLOCK_MONOTONIC_COARSE); }
static void b_query_performance_counter(long n) { clock_batch(n, CLOCK_MONOTONIC); }
static void b_system_time(long n) { clock_batch(n, CLOCK_REALTIME_COARSE); }
static void b_system_time_precise(long n) { clock_batch(n, CLOCK_REALTIME); }

/* pthread_self is declared const; through a volatile pointer it is called
 * each time instead of hoisted out of the loop. */
static pthread_t (*volatile thread_self)(void) = pthread_self;
static void b_thread_id(long n)
{
    uintptr_t total = 0;
    for (long i = 0; i < n; i++)
        total += (uintptr_t)thread_self();
    sink = total;
}

static void b_tls_get(long n)
{
    uintptr_t total = 0;
    for (long i = 0; i < n; i++)
        total += (uintptr_t)pthread_getspecific(tls_key);
    sink = total;
}

static void once_routine(void) {}

static void b_init_once(long n)
{
    for (long i = 0; i < n; i++)
        pthread_once(&once, once_routine);
}

static void b_utf8_to_utf16(long n)
{
    wchar_t wide[32];
    size_t total = 0;
    for (long i = 0; i < n; i++)
        total += mbstowcs(wide, utf8_text, 32);
    sink = total;
}

static void *idle_thread(void *parameter)
{
    return parameter;
}
#endif

struct call {
    const char *key;
    batch_fn fn;
};

static const struct call calls[] = {
    {"memcpy16", b_memcpy16},
    {"memcpy4k", b_memcpy4k},
    {"strlen27", b_strlen27},
    {"malloc_free", b_malloc_free},
    {"qsort1000", b_qsort1000},
    {"sprintf_d", b_sprintf_d},
    {"critical_section", b_critical_section},
    {"srw_lock", b_srw_lock},
    {"get_tick_count", b_get_tick_count},
    {"get_tick_count64", b_get_tick_count64},
    {"query_performance_counter", b_query_performance_counter},
    {"system_time", b_system_time},
    {"system_time_precise", b_system_time_precise},
    {"thread_id", b_thread_id},
    {"tls_get", b_tls_get},
    {"init_once", b_init_once},
    {"utf8_to_utf16", b_utf8_to_utf16},
#ifdef _WIN32
    {"last_error", b_last_error},
    {"get_last_error", b_get_last_error},
    {"fls_get", b_fls_get},
    {"slist", b_slist},
    {"wait_signalled", b_wait_signalled},
    {"set_event", b_set_event},
    {"utf16_to_utf8", b_utf16_to_utf8},
#endif
};

#ifndef _WIN32
/* The Windows-only calls have no native line; print them as absent there so
 * the runner's table has every row on both sides. */
static const char *const windows_only[] = {"last_error", "get_last_error", "fls_get", "slist",
                                           "wait_signalled", "set_event", "utf16_to_utf8"};
#endif

static int wanted(const char *key, int argc, char **argv)
{
    if (argc < 2)
        return 1;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], key) == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    unsigned seed = 12345;
    for (int i = 0; i < 1024; i++) {
        seed = seed * 1103515245u + 12345u;
        sizes[i] = 32 + (seed >> 16) % 64;
    }
    for (int i = 0; i < 1000; i++) {
        seed = seed * 1103515245u + 12345u;
        numbers[i] = (int)(seed >> 8);
    }
    memset(source, 'x', sizeof source);

    /* Locks behave as in a program that has threads: start and join one. */
#ifdef _WIN32
    InitializeCriticalSection(&critical_section);
    tls_index = TlsAlloc();
    TlsSetValue(tls_index, (void *)1);
    fls_index = FlsAlloc(NULL);
    FlsSetValue(fls_index, (void *)1);
    InitializeSListHead(&slist);
    signalled_event = CreateEventW(NULL, TRUE, TRUE, NULL);
    unsignalled_event = CreateEventW(NULL, FALSE, FALSE, NULL);
    FARPROC precise = GetProcAddress(GetModuleHandleW(L"kernel32.dll"), "GetSystemTimePreciseAsFileTime");
    memcpy(&precise_time, &precise, sizeof precise);
    MultiByteToWideChar(CP_UTF8, 0, utf8_text, -1, utf16_text, 32);
    HANDLE thread = CreateThread(NULL, 0, idle_thread, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
#else
    pthread_key_create(&tls_key, NULL);
    pthread_setspecific(tls_key, (void *)1);
    pthread_t thread;
    pthread_create(&thread, NULL, idle_thread, NULL);
    pthread_join(thread, NULL);
    setlocale(LC_ALL, "C.UTF-8");
#endif

    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        if (!wanted(calls[i].key, argc, argv))
            continue;
#ifdef _WIN32
        if (calls[i].fn == b_system_time_precise && !precise_time) {
            printf("%s -\n", calls[i].key);
            continue;
        }
#endif
        printf("%s %.2f\n", calls[i].key, measure(calls[i].fn));
        fflush(stdout);
    }
#ifndef _WIN32
    for (size_t i = 0; i < sizeof windows_only / sizeof windows_only[0]; i++)
        if (wanted(windows_only[i], argc, argv))
            printf("%s -\n", windows_only[i]);
#endif
    return 0;
}
