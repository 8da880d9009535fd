/* The service control manager of a machine whose services a program cannot
 * see: an open database, no such service, parameter errors as documented. */
#include <windows.h>

#include "vinetest.h"

int main(void)
{
    SC_HANDLE manager, service;
    DWORD needed = 1, returned = 1, resume = 0;

    manager = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT | SC_MANAGER_ENUMERATE_SERVICE);
    ok(manager != NULL, "OpenSCManagerW");
    ok(OpenSCManagerA(NULL, "ServicesActive", SC_MANAGER_CONNECT) != NULL, "the active database by name");
    SetLastError(0);
    ok(OpenSCManagerW(NULL, L"NoSuchDatabase", SC_MANAGER_CONNECT) == NULL &&
           (GetLastError() == ERROR_INVALID_NAME || GetLastError() == ERROR_DATABASE_DOES_NOT_EXIST),
       "unknown database: %lu", GetLastError());

    SetLastError(0);
    service = OpenServiceW(manager, L"VineNoSuchService", SERVICE_QUERY_STATUS);
    ok(service == NULL && GetLastError() == ERROR_SERVICE_DOES_NOT_EXIST, "a missing service: %lu", GetLastError());
    SetLastError(0);
    ok(OpenServiceA(NULL, "x", SERVICE_QUERY_STATUS) == NULL && GetLastError() == ERROR_INVALID_HANDLE,
       "no manager: %lu", GetLastError());

    /* A machine with services asks for room (ERROR_MORE_DATA); one whose
     * services the program cannot see lists none. */
    SetLastError(0);
    {
        BOOL listed = EnumServicesStatusExW(manager, SC_ENUM_PROCESS_INFO, SERVICE_WIN32, SERVICE_STATE_ALL, NULL, 0,
                                            &needed, &returned, &resume, NULL);
        ok((listed && needed == 0 && returned == 0) ||
               (!listed && GetLastError() == ERROR_MORE_DATA && needed > 0 && returned == 0),
           "enumeration: %d, needed %lu, returned %lu", listed, needed, returned);
    }
    SetLastError(0);
    ok(!EnumServicesStatusExW(manager, 7, SERVICE_WIN32, SERVICE_STATE_ALL, NULL, 0, &needed, &returned, &resume, NULL) &&
           GetLastError() == ERROR_INVALID_LEVEL,
       "bad level: %lu", GetLastError());
    ok(CloseServiceHandle(manager), "CloseServiceHandle");
    return vt_summary();
}
