/* The credential manager (CredWrite, CredRead, CredEnumerate, CredDelete,
 * CredFree) as the Windows documentation describes it; a child process
 * reads what its parent wrote, as credentials persisted on the machine
 * outlive the process that wrote them. */
#include <windows.h>
#include <wincred.h>
#include <stdlib.h>
#include <wchar.h>

#include "vinetest.h"

#ifndef CRED_ENUMERATE_ALL_CREDENTIALS
#define CRED_ENUMERATE_ALL_CREDENTIALS 0x1 /* wincred.h of Windows 7 and later */
#endif

#define TARGET "VineTest/credential"

static void write_generic(const char *target, const char *secret, DWORD persist)
{
    CREDENTIALA cred = {0};
    cred.Type = CRED_TYPE_GENERIC;
    cred.TargetName = (char *)target;
    cred.Comment = "a comment";
    cred.CredentialBlob = (BYTE *)secret;
    cred.CredentialBlobSize = (DWORD)strlen(secret);
    cred.Persist = persist;
    cred.UserName = "someone";
    ok(CredWriteA(&cred, 0), "CredWriteA %s: %lu", target, GetLastError());
}

static int child(void)
{
    CREDENTIALA *cred = NULL;
    ok(CredReadA(TARGET "/persisted", CRED_TYPE_GENERIC, 0, &cred), "the child reads the parent's credential: %lu",
       GetLastError());
    if (cred) {
        ok(cred->CredentialBlobSize == 6 && !memcmp(cred->CredentialBlob, "secret", 6), "with its secret");
        CredFree(cred);
    }
    return vt_summary();
}

static void test_write_read(void)
{
    CREDENTIALA *cred = NULL;
    CREDENTIALW *wide = NULL;
    CREDENTIALA bad = {0};
    FILETIME before;

    GetSystemTimeAsFileTime(&before);
    write_generic(TARGET, "p4ssw0rd", CRED_PERSIST_LOCAL_MACHINE);
    ok(CredReadA(TARGET, CRED_TYPE_GENERIC, 0, &cred), "CredReadA: %lu", GetLastError());
    if (cred) {
        ok(cred->Type == CRED_TYPE_GENERIC && !strcmp(cred->TargetName, TARGET), "type and target");
        ok(cred->Comment && !strcmp(cred->Comment, "a comment"), "comment");
        ok(cred->UserName && !strcmp(cred->UserName, "someone"), "user name");
        ok(cred->Persist == CRED_PERSIST_LOCAL_MACHINE, "persistence %lu", cred->Persist);
        ok(cred->CredentialBlobSize == 8 && !memcmp(cred->CredentialBlob, "p4ssw0rd", 8), "the secret");
        ok(((ULONGLONG)cred->LastWritten.dwHighDateTime << 32 | cred->LastWritten.dwLowDateTime) >=
               ((ULONGLONG)before.dwHighDateTime << 32 | before.dwLowDateTime),
           "written now");
        CredFree(cred);
    }
    ok(CredReadW(L"VINETEST/CREDENTIAL", CRED_TYPE_GENERIC, 0, &wide), "target names compare without case: %lu",
       GetLastError());
    if (wide) {
        ok(!wcscmp(wide->TargetName, L"" TARGET), "the name as written");
        CredFree(wide);
    }

    /* Overwriting keeps one credential; CRED_PRESERVE_CREDENTIAL_BLOB keeps the secret. */
    {
        CREDENTIALA update = {0};
        update.Type = CRED_TYPE_GENERIC;
        update.TargetName = TARGET;
        update.Persist = CRED_PERSIST_LOCAL_MACHINE;
        update.UserName = "someone else";
        ok(CredWriteA(&update, CRED_PRESERVE_CREDENTIAL_BLOB), "CredWriteA preserving the blob");
        ok(CredReadA(TARGET, CRED_TYPE_GENERIC, 0, &cred) && cred->CredentialBlobSize == 8 &&
               !memcmp(cred->CredentialBlob, "p4ssw0rd", 8) && !strcmp(cred->UserName, "someone else") &&
               cred->Comment == NULL,
           "updated, secret kept");
        CredFree(cred);
        update.TargetName = TARGET "/missing";
        expect_fail(CredWriteA(&update, CRED_PRESERVE_CREDENTIAL_BLOB), ERROR_NOT_FOUND,
                    "preserving the blob of nothing");
    }

    expect_fail(CredReadA(TARGET "/missing", CRED_TYPE_GENERIC, 0, &cred), ERROR_NOT_FOUND, "a missing credential");
    expect_fail(CredReadA(TARGET, CRED_TYPE_DOMAIN_PASSWORD, 0, &cred), ERROR_NOT_FOUND, "the type is part of the name");
    expect_fail(CredReadA(TARGET, CRED_TYPE_GENERIC, 1, &cred), ERROR_INVALID_FLAGS, "CredRead flags");
    expect_fail(CredWriteA(NULL, 0), ERROR_INVALID_PARAMETER, "CredWrite NULL");
    bad.Type = CRED_TYPE_GENERIC;
    bad.TargetName = TARGET "/bad";
    bad.Persist = 7;
    ok(!CredWriteA(&bad, 0), "bad persistence");
    bad.Persist = CRED_PERSIST_SESSION;
    bad.Type = 99;
    expect_fail(CredWriteA(&bad, 0), ERROR_INVALID_PARAMETER, "bad type");
    bad.Type = CRED_TYPE_GENERIC;
    bad.CredentialBlobSize = 5 * 512 + 1; /* CRED_MAX_CREDENTIAL_BLOB_SIZE since Vista (mingw-w64 says 512) */
    bad.CredentialBlob = calloc(1, bad.CredentialBlobSize);
    ok(!CredWriteA(&bad, 0), "blob too large");
    free(bad.CredentialBlob);
}

static void test_domain_password(void)
{
    CREDENTIALA cred = {0}, *read = NULL;
    cred.Type = CRED_TYPE_DOMAIN_PASSWORD;
    cred.TargetName = "vinetest.example";
    cred.CredentialBlob = (BYTE *)L"pw";
    cred.CredentialBlobSize = 4;
    cred.Persist = CRED_PERSIST_SESSION;
    expect_fail(CredWriteA(&cred, 0), ERROR_BAD_USERNAME, "a domain password needs a user name");
    cred.UserName = "EXAMPLE\\someone";
    ok(CredWriteA(&cred, 0), "CredWriteA domain password: %lu", GetLastError());
    ok(CredReadA("vinetest.example", CRED_TYPE_DOMAIN_PASSWORD, 0, &read), "CredReadA domain password");
    if (read) {
        ok(!strcmp(read->UserName, "EXAMPLE\\someone") && read->Persist == CRED_PERSIST_SESSION, "its fields");
        ok(read->CredentialBlobSize == 0, "but not its password (%lu bytes)", read->CredentialBlobSize);
        CredFree(read);
    }
    ok(CredDeleteA("vinetest.example", CRED_TYPE_DOMAIN_PASSWORD, 0), "CredDeleteA domain password");
}

static void test_enumerate(void)
{
    CREDENTIALA **list = NULL;
    CREDENTIALW **wide = NULL;
    DWORD count = 0, i;
    int seen = 0;

    write_generic(TARGET "/a", "1", CRED_PERSIST_SESSION);
    write_generic(TARGET "/b", "22", CRED_PERSIST_LOCAL_MACHINE);
    write_generic("Other/VineTest", "333", CRED_PERSIST_LOCAL_MACHINE);
    ok(CredEnumerateA(TARGET "*", 0, &count, &list), "CredEnumerateA with a filter: %lu", GetLastError());
    if (list) {
        for (i = 0; i < count; ++i) {
            ok(!strncmp(list[i]->TargetName, TARGET, strlen(TARGET)), "%s matches", list[i]->TargetName);
            if (!strcmp(list[i]->TargetName, TARGET "/a")) seen |= 1;
            if (!strcmp(list[i]->TargetName, TARGET "/b")) seen |= 2;
            if (!strcmp(list[i]->TargetName, TARGET)) seen |= 4;
        }
        ok(seen == 7, "all three found (%d)", seen);
        CredFree(list);
    }
    ok(CredEnumerateW(NULL, 0, &count, &wide) && count >= 4, "CredEnumerateW of everything: %lu", count);
    CredFree(wide);
    expect_fail(CredEnumerateA("NoSuchVineTarget*", 0, &count, &list), ERROR_NOT_FOUND, "nothing matches");
    expect_fail(CredEnumerateA(TARGET "*", CRED_ENUMERATE_ALL_CREDENTIALS, &count, &list), ERROR_INVALID_FLAGS,
                "all credentials with a filter");

    ok(CredDeleteA(TARGET "/a", CRED_TYPE_GENERIC, 0), "CredDeleteA");
    ok(CredDeleteW(L"" TARGET "/B", CRED_TYPE_GENERIC, 0), "CredDeleteW, another case");
    ok(CredDeleteA("Other/VineTest", CRED_TYPE_GENERIC, 0), "CredDeleteA other");
    expect_fail(CredDeleteA(TARGET "/a", CRED_TYPE_GENERIC, 0), ERROR_NOT_FOUND, "deleted already");
}

static void test_other_process(const char *self)
{
    char command[MAX_PATH + 16];
    STARTUPINFOA startup = {sizeof(startup)};
    PROCESS_INFORMATION process;
    DWORD code = 1;
    write_generic(TARGET "/persisted", "secret", CRED_PERSIST_LOCAL_MACHINE);
    snprintf(command, sizeof(command), "\"%s\" child", self);
    ok(CreateProcessA(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process), "start the child");
    WaitForSingleObject(process.hProcess, 30000);
    GetExitCodeProcess(process.hProcess, &code);
    ok(code == 0, "the child's checks passed (%lu)", code);
    CloseHandle(process.hProcess);
    CloseHandle(process.hThread);
    ok(CredDeleteA(TARGET "/persisted", CRED_TYPE_GENERIC, 0), "clean up");
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) return child();
    test_write_read();
    test_domain_password();
    test_enumerate();
    test_other_process(argv[0]);
    CredDeleteA(TARGET, CRED_TYPE_GENERIC, 0);
    return vt_summary();
}
