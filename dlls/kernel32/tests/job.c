/* Job objects: names and rights, assigning processes, the children of
 * members, breakaway, limits and accounting, TerminateJobObject and
 * JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE (also when the job's owner dies). The
 * program plays every part: run as "job.exe child MODE ..." it is a child
 * doing MODE. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vinetest.h"

static char self[MAX_PATH];

/* Starts "self child ARGS"; FALSE with CreateProcess's error. */
static BOOL spawn(const char *args, DWORD flags, BOOL inherit, STARTUPINFOA *si, PROCESS_INFORMATION *pi)
{
    char line[MAX_PATH + 256];
    STARTUPINFOA plain = {sizeof(plain)};
    snprintf(line, sizeof(line), "\"%s\" child %s", self, args);
    return CreateProcessA(NULL, line, NULL, NULL, inherit, flags, NULL, NULL, si ? si : &plain, pi);
}

static void close_pi(PROCESS_INFORMATION *pi)
{
    CloseHandle(pi->hProcess);
    CloseHandle(pi->hThread);
}

/* ---- the child's side ------------------------------------------------- */

static int child_main(char **argv)
{
    const char *mode = argv[2];
    if (!strcmp(mode, "sleep")) {
        Sleep(atoi(argv[3]));
        return 0;
    }
    if (!strcmp(mode, "spawn")) {
        /* Starts a grandchild with the creation flags given: 10 when that
           fails with ERROR_ACCESS_DENIED, 1 when the grandchild is in a job,
           2 when it is not. */
        PROCESS_INFORMATION pi;
        BOOL in_job = FALSE;
        int result;
        if (!spawn("sleep 20000", strtoul(argv[3], NULL, 16), FALSE, NULL, &pi))
            return GetLastError() == ERROR_ACCESS_DENIED ? 10 : 11;
        if (!IsProcessInJob(pi.hProcess, NULL, &in_job)) result = 12;
        else result = in_job ? 1 : 2;
        TerminateProcess(pi.hProcess, 0);
        close_pi(&pi);
        return result;
    }
    if (!strcmp(mode, "selfterm")) {
        /* Puts itself in a job and ends it: the exit code is the job's. */
        HANDLE job = CreateJobObjectA(NULL, NULL);
        BOOL in_job = FALSE;
        if (!job) return 2;
        if (!AssignProcessToJobObject(job, GetCurrentProcess())) return 3;
        if (!IsProcessInJob(GetCurrentProcess(), job, &in_job) || !in_job) return 4;
        {
            /* A null handle queries the caller's own job. */
            JOBOBJECT_BASIC_ACCOUNTING_INFORMATION info;
            memset(&info, 0, sizeof(info));
            if (!QueryInformationJobObject(NULL, JobObjectBasicAccountingInformation, &info, sizeof(info), NULL))
                return 6;
            if (info.ActiveProcesses != 1 || info.TotalProcesses != 1) return 7;
        }
        TerminateJobObject(job, 55);
        return 5;
    }
    if (!strcmp(mode, "selfclose")) {
        /* Puts itself in a KILL_ON_JOB_CLOSE job and closes the job's only
           handle: that ends it. */
        HANDLE job = CreateJobObjectA(NULL, NULL);
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits;
        if (!job) return 2;
        memset(&limits, 0, sizeof(limits));
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof(limits))) return 3;
        if (!AssignProcessToJobObject(job, GetCurrentProcess())) return 4;
        CloseHandle(job);
        Sleep(10000);
        return 5;
    }
    if (!strcmp(mode, "owner")) {
        /* Makes a KILL_ON_JOB_CLOSE job holding a grandchild, says the
           grandchild's id on standard output, waits for the event whose
           handle value it was given, and ends without closing the job:
           the grandchild ends with it. */
        HANDLE event = (HANDLE)(ULONG_PTR)strtoull(argv[3], NULL, 16);
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits = {{{{0}}}};
        PROCESS_INFORMATION pi;
        char text[32];
        DWORD written;
        HANDLE job = CreateJobObjectA(NULL, NULL);
        if (!job) return 2;
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof(limits))) return 3;
        if (!spawn("sleep 30000", CREATE_SUSPENDED, FALSE, NULL, &pi)) return 4;
        if (!AssignProcessToJobObject(job, pi.hProcess)) return 5;
        ResumeThread(pi.hThread);
        snprintf(text, sizeof(text), "%lu\n", pi.dwProcessId);
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)strlen(text), &written, NULL);
        if (WaitForSingleObject(event, 20000) != WAIT_OBJECT_0) return 6;
        return 0;
    }
    return 99;
}

/* ---- the parent's side ------------------------------------------------ */

static void test_names(void)
{
    HANDLE job, again, opened, event;
    DWORD flags;

    job = CreateJobObjectW(NULL, NULL);
    ok(job != NULL, "unnamed job: %lu", GetLastError());
    CloseHandle(job);

    SetLastError(0xdeadbeef);
    job = CreateJobObjectA(NULL, "vt_job_named");
    ok(job != NULL && GetLastError() == 0, "named job: %p, error %lu", job, GetLastError());
    again = CreateJobObjectA(NULL, "vt_job_named");
    ok(again != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "the same name again: %p, error %lu", again,
       GetLastError());
    opened = OpenJobObjectW(JOB_OBJECT_QUERY, TRUE, L"vt_job_named");
    ok(opened != NULL, "OpenJobObjectW: %lu", GetLastError());
    ok(GetHandleInformation(opened, &flags) && (flags & HANDLE_FLAG_INHERIT), "inheritable open");
    /* Only JOB_OBJECT_QUERY: assigning and ending are refused. */
    expect_fail(AssignProcessToJobObject(opened, GetCurrentProcess()), ERROR_ACCESS_DENIED, "assign without the right");
    expect_fail(TerminateJobObject(opened, 1), ERROR_ACCESS_DENIED, "terminate without the right");
    CloseHandle(opened);
    CloseHandle(again);
    CloseHandle(job);
    /* The name went with its last handle. */
    expect_fail(OpenJobObjectA(JOB_OBJECT_ALL_ACCESS, FALSE, "vt_job_named") != NULL, ERROR_FILE_NOT_FOUND,
             "open after the last close");
    expect_fail(OpenJobObjectA(JOB_OBJECT_ALL_ACCESS, FALSE, NULL) != NULL, ERROR_INVALID_PARAMETER, "open a null name");

    /* Another type's name. */
    event = CreateEventA(NULL, FALSE, FALSE, "vt_job_event");
    expect_fail(CreateJobObjectA(NULL, "vt_job_event") != NULL, ERROR_INVALID_HANDLE, "create over an event's name");
    expect_fail(OpenJobObjectA(JOB_OBJECT_QUERY, FALSE, "vt_job_event") != NULL, ERROR_INVALID_HANDLE,
             "open an event's name");
    job = CreateJobObjectA(NULL, "vt_job_other");
    expect_fail(OpenEventA(EVENT_ALL_ACCESS, FALSE, "vt_job_other") != NULL, ERROR_INVALID_HANDLE, "an event by a job's name");
    CloseHandle(job);

    /* Handles of other types, and none. */
    {
        JOBOBJECT_BASIC_ACCOUNTING_INFORMATION info;
        BOOL in_job;
        expect_fail(QueryInformationJobObject(event, JobObjectBasicAccountingInformation, &info, sizeof(info), NULL),
                 ERROR_INVALID_HANDLE, "query an event");
        expect_fail(AssignProcessToJobObject(event, GetCurrentProcess()), ERROR_INVALID_HANDLE, "assign to an event");
        expect_fail(TerminateJobObject((HANDLE)(ULONG_PTR)0x7ff0, 1), ERROR_INVALID_HANDLE, "terminate a bad handle");
        expect_fail(IsProcessInJob(GetCurrentProcess(), event, &in_job), ERROR_INVALID_HANDLE, "in an event?");
    }
    CloseHandle(event);
}

static void query_accounting(HANDLE job, DWORD *total, DWORD *active)
{
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION info;
    DWORD length = 0;
    memset(&info, 0xcc, sizeof(info));
    ok(QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &info, sizeof(info), &length),
       "accounting: %lu", GetLastError());
    ok_int(length, sizeof(info));
    ok_int(info.TotalTerminatedProcesses, 0);
    *total = info.TotalProcesses;
    *active = info.ActiveProcesses;
}

static void test_assign_and_terminate(void)
{
    HANDLE job = CreateJobObjectA(NULL, NULL), other = CreateJobObjectA(NULL, NULL);
    PROCESS_INFORMATION first, second;
    BOOL in_job = TRUE;
    DWORD total = 99, active = 99, code = 0, length = 0;
    struct {
        JOBOBJECT_BASIC_PROCESS_ID_LIST list;
        ULONG_PTR more[3];
    } ids;

    ok(IsProcessInJob(GetCurrentProcess(), NULL, &in_job) && !in_job, "the test itself is in no job");
    query_accounting(job, &total, &active);
    ok(total == 0 && active == 0, "a new job: %lu total, %lu active", total, active);

    ok(spawn("sleep 30000", 0, FALSE, NULL, &first), "first child: %lu", GetLastError());
    ok(spawn("sleep 30000", 0, FALSE, NULL, &second), "second child: %lu", GetLastError());
    ok(IsProcessInJob(first.hProcess, job, &in_job) && !in_job, "not in the job before");
    ok(AssignProcessToJobObject(job, first.hProcess), "assign: %lu", GetLastError());
    ok(AssignProcessToJobObject(job, second.hProcess), "assign the second: %lu", GetLastError());
    ok(IsProcessInJob(first.hProcess, job, &in_job) && in_job, "in the job");
    ok(IsProcessInJob(first.hProcess, NULL, &in_job) && in_job, "in a job");
    ok(IsProcessInJob(first.hProcess, other, &in_job) && !in_job, "not in the other job");
    ok(IsProcessInJob(GetCurrentProcess(), job, &in_job) && !in_job, "the parent is not in it");
    /* Vine does not nest jobs (as Windows 7): a member cannot join another. */
    expect_fail(AssignProcessToJobObject(other, first.hProcess), ERROR_ACCESS_DENIED, "assign to a second job");

    query_accounting(job, &total, &active);
    ok(total == 2 && active == 2, "two members: %lu total, %lu active", total, active);

    memset(&ids, 0, sizeof(ids));
    ok(QueryInformationJobObject(job, JobObjectBasicProcessIdList, &ids, sizeof(ids), &length), "id list: %lu",
       GetLastError());
    ok_int(ids.list.NumberOfAssignedProcesses, 2);
    ok_int(ids.list.NumberOfProcessIdsInList, 2);
    ok((ids.list.ProcessIdList[0] == first.dwProcessId && ids.more[0] == second.dwProcessId) ||
           (ids.list.ProcessIdList[0] == second.dwProcessId && ids.more[0] == first.dwProcessId),
       "the ids: %lu %lu", (DWORD)ids.list.ProcessIdList[0], (DWORD)ids.more[0]);
    ok_int(length, 8 + 2 * sizeof(ULONG_PTR));
    /* Room for one: ERROR_MORE_DATA, with the count of all. */
    memset(&ids, 0, sizeof(ids));
    expect_fail(QueryInformationJobObject(job, JobObjectBasicProcessIdList, &ids, sizeof(ids.list), NULL),
             ERROR_MORE_DATA, "id list with room for one");
    ok_int(ids.list.NumberOfAssignedProcesses, 2);
    ok_int(ids.list.NumberOfProcessIdsInList, 1);
    expect_fail(QueryInformationJobObject(job, JobObjectBasicProcessIdList, &ids, 8, NULL), ERROR_BAD_LENGTH,
             "id list without room");

    ok(TerminateJobObject(job, 77), "TerminateJobObject: %lu", GetLastError());
    ok(WaitForSingleObject(first.hProcess, 10000) == WAIT_OBJECT_0, "the first member ended");
    ok(WaitForSingleObject(second.hProcess, 10000) == WAIT_OBJECT_0, "the second member ended");
    ok(GetExitCodeProcess(first.hProcess, &code) && code == 77, "the job's exit code: %lu", code);
    ok(GetExitCodeProcess(second.hProcess, &code) && code == 77, "the job's exit code: %lu", code);
    query_accounting(job, &total, &active);
    ok(total == 2 && active == 0, "after the end: %lu total, %lu active", total, active);
    expect_fail(AssignProcessToJobObject(job, first.hProcess), ERROR_ACCESS_DENIED, "assign an ended process");
    close_pi(&first);
    close_pi(&second);
    CloseHandle(other);
    CloseHandle(job);
}

/* A suspended child "spawn FLAGS" put in a job with `limit_flags`: its
   exit code (see child_main). */
static DWORD spawn_in_job(DWORD limit_flags, DWORD grandchild_flags)
{
    HANDLE job = CreateJobObjectA(NULL, NULL);
    JOBOBJECT_BASIC_LIMIT_INFORMATION limits;
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION extended;
    PROCESS_INFORMATION pi;
    char args[64];
    DWORD code = 0, total = 0, active = 0;

    memset(&extended, 0, sizeof(extended));
    extended.BasicLimitInformation.LimitFlags = limit_flags;
    ok(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &extended, sizeof(extended)),
       "limits %#lx: %lu", limit_flags, GetLastError());
    memset(&limits, 0xcc, sizeof(limits));
    ok(QueryInformationJobObject(job, JobObjectBasicLimitInformation, &limits, sizeof(limits), NULL) &&
           limits.LimitFlags == limit_flags,
       "limits read back: %#lx", limits.LimitFlags);
    snprintf(args, sizeof(args), "spawn %lx", grandchild_flags);
    if (!spawn(args, CREATE_SUSPENDED, FALSE, NULL, &pi)) {
        ok(0, "spawn: %lu", GetLastError());
        return 0;
    }
    ok(AssignProcessToJobObject(job, pi.hProcess), "assign a suspended child: %lu", GetLastError());
    ResumeThread(pi.hThread);
    ok(WaitForSingleObject(pi.hProcess, 20000) == WAIT_OBJECT_0, "the child ended");
    GetExitCodeProcess(pi.hProcess, &code);
    query_accounting(job, &total, &active);
    ok(total == (code == 1 ? 2 : 1), "limits %#lx, flags %#lx: %lu processes ever in the job", limit_flags,
       grandchild_flags, total);
    close_pi(&pi);
    CloseHandle(job);
    return code;
}

static void test_children(void)
{
    ok_int(spawn_in_job(0, 0), 1);
    ok_int(spawn_in_job(0, CREATE_BREAKAWAY_FROM_JOB), 10);
    ok_int(spawn_in_job(JOB_OBJECT_LIMIT_BREAKAWAY_OK, CREATE_BREAKAWAY_FROM_JOB), 2);
    ok_int(spawn_in_job(JOB_OBJECT_LIMIT_BREAKAWAY_OK, 0), 1);
    ok_int(spawn_in_job(JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK, 0), 2);
}

static void test_limits(void)
{
    HANDLE job = CreateJobObjectA(NULL, NULL);
    JOBOBJECT_BASIC_LIMIT_INFORMATION basic;
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION extended;
    DWORD length = 0;

    memset(&basic, 0, sizeof(basic));
    memset(&extended, 0, sizeof(extended));
    ok(SetInformationJobObject(job, JobObjectBasicLimitInformation, &basic, sizeof(basic)), "no limits: %lu",
       GetLastError());
    expect_fail(SetInformationJobObject(job, JobObjectBasicLimitInformation, &basic, sizeof(basic) - 1), ERROR_BAD_LENGTH,
             "basic limits, short");
    expect_fail(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &extended, sizeof(extended) + 8),
             ERROR_BAD_LENGTH, "extended limits, long");
    /* Extended flags through the basic class, and no flag at all. */
    basic.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    expect_fail(SetInformationJobObject(job, JobObjectBasicLimitInformation, &basic, sizeof(basic)),
             ERROR_INVALID_PARAMETER, "an extended flag as basic");
    extended.BasicLimitInformation.LimitFlags = 0x80000000;
    expect_fail(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &extended, sizeof(extended)),
             ERROR_INVALID_PARAMETER, "an unknown flag");

    extended.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_BREAKAWAY_OK |
                                                JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK |
                                                JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION;
    ok(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &extended, sizeof(extended)),
       "what libuv sets: %lu", GetLastError());
    memset(&extended, 0xcc, sizeof(extended));
    ok(QueryInformationJobObject(job, JobObjectExtendedLimitInformation, &extended, sizeof(extended), &length),
       "extended limits: %lu", GetLastError());
    ok_int(length, sizeof(extended));
    ok_int(extended.BasicLimitInformation.LimitFlags, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE |
                                                          JOB_OBJECT_LIMIT_BREAKAWAY_OK |
                                                          JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK |
                                                          JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION);
    expect_fail(QueryInformationJobObject(job, JobObjectExtendedLimitInformation, &extended, sizeof(extended) - 8, NULL),
             ERROR_BAD_LENGTH, "extended limits, short");
    expect_fail(QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &extended, 8, NULL),
             ERROR_BAD_LENGTH, "accounting, short");
    expect_fail(QueryInformationJobObject(job, 1000, &extended, sizeof(extended), NULL), ERROR_INVALID_PARAMETER,
             "an unknown class");
    /* The job has no members: closing it kills nobody. */
    CloseHandle(job);
}

static void test_kill_on_close(void)
{
    HANDLE job = CreateJobObjectA(NULL, NULL), duplicate = NULL;
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits;
    PROCESS_INFORMATION pi;
    DWORD code;

    memset(&limits, 0, sizeof(limits));
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    ok(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof(limits)), "kill on close: %lu",
       GetLastError());
    ok(spawn("sleep 30000", 0, FALSE, NULL, &pi), "child: %lu", GetLastError());
    ok(AssignProcessToJobObject(job, pi.hProcess), "assign: %lu", GetLastError());
    DuplicateHandle(GetCurrentProcess(), job, GetCurrentProcess(), &duplicate, 0, FALSE, DUPLICATE_SAME_ACCESS);
    CloseHandle(job);
    /* Another handle remains: the member lives on. */
    ok(WaitForSingleObject(pi.hProcess, 300) == WAIT_TIMEOUT, "alive while a handle remains");
    CloseHandle(duplicate);
    ok(WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0, "ended with the last handle");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code != STILL_ACTIVE, "exit code %lu", code);
    close_pi(&pi);
}

static void test_owner_dies(void)
{
    SECURITY_ATTRIBUTES inheritable = {sizeof(inheritable), NULL, TRUE};
    HANDLE event = CreateEventA(&inheritable, TRUE, FALSE, NULL), read_end, write_end, grandchild;
    STARTUPINFOA si = {sizeof(si)};
    PROCESS_INFORMATION pi;
    char args[64], text[32] = {0};
    DWORD got = 0, code = 99, id;

    ok(CreatePipe(&read_end, &write_end, &inheritable, 0), "pipe");
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = write_end;
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    snprintf(args, sizeof(args), "owner %p", event);
    ok(spawn(args, 0, TRUE, &si, &pi), "owner: %lu", GetLastError());
    CloseHandle(write_end);
    ok(ReadFile(read_end, text, sizeof(text) - 1, &got, NULL) && got, "the grandchild's id");
    id = strtoul(text, NULL, 10);
    grandchild = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, id);
    ok(grandchild != NULL, "open the grandchild %lu: %lu", id, GetLastError());
    ok(WaitForSingleObject(grandchild, 200) == WAIT_TIMEOUT, "the grandchild runs");
    SetEvent(event);
    ok(WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0, "the owner ended");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == 0, "the owner's exit code: %lu", code);
    /* Its handles closed as it ended, the job's last among them. */
    ok(WaitForSingleObject(grandchild, 10000) == WAIT_OBJECT_0, "the grandchild ended with the owner");
    CloseHandle(grandchild);
    CloseHandle(read_end);
    close_pi(&pi);
    CloseHandle(event);
}

static void test_self_terminate(void)
{
    PROCESS_INFORMATION pi;
    DWORD code = 0;
    ok(spawn("selfterm", 0, FALSE, NULL, &pi), "selfterm: %lu", GetLastError());
    ok(WaitForSingleObject(pi.hProcess, 10000) == WAIT_OBJECT_0, "ended");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code == 55, "ended by its own job: %lu", code);
    close_pi(&pi);
    ok(spawn("selfclose", 0, FALSE, NULL, &pi), "selfclose: %lu", GetLastError());
    ok(WaitForSingleObject(pi.hProcess, 5000) == WAIT_OBJECT_0, "ended by closing its job");
    ok(GetExitCodeProcess(pi.hProcess, &code) && code < 2, "the exit code: %lu", code);
    close_pi(&pi);
}

int main(int argc, char **argv)
{
    GetModuleFileNameA(NULL, self, sizeof(self));
    if (argc >= 3 && !strcmp(argv[1], "child")) return child_main(argv);
    test_names();
    test_assign_and_terminate();
    test_limits();
    test_children();
    test_kill_on_close();
    test_owner_dies();
    test_self_terminate();
    return vt_summary();
}
