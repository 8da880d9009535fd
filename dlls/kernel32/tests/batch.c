/* CreateProcess of a .bat file runs it through the command interpreter, as
 * Windows does, and cmd.exe (C:\windows\system32, %ComSpec%) runs command
 * lines for children: arguments, labels, CALL, IF, exit codes, output
 * through a pipe. */
#include <windows.h>
#include <string.h>

#include "vinetest.h"

static char directory[MAX_PATH];

/* Runs `line` in `directory` with its output into a pipe; returns the exit
 * code and what it wrote (up to `size` - 1 bytes). */
static DWORD run(const char *line, char *output, DWORD size) {
    SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
    HANDLE read_end, write_end;
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    DWORD code = 0xdead, got, total = 0;
    char command[1024];
    output[0] = 0;
    if (!CreatePipe(&read_end, &write_end, &sa, 0)) return 0xdead;
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = write_end;
    si.hStdError = write_end;
    strcpy(command, line);
    BOOL started = CreateProcessA(NULL, command, NULL, NULL, TRUE, 0, NULL, directory, &si, &pi);
    ok(started, "CreateProcess(%s): error %lu", line, started ? 0 : GetLastError());
    CloseHandle(write_end);
    if (!started) {
        CloseHandle(read_end);
        return 0xdead;
    }
    while (total + 1 < size && ReadFile(read_end, output + total, size - 1 - total, &got, NULL) && got) total += got;
    output[total] = 0;
    CloseHandle(read_end);
    WaitForSingleObject(pi.hProcess, 30000);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return code;
}

static void write_file(const char *name, const char *text) {
    char path[MAX_PATH];
    DWORD written;
    sprintf(path, "%s\\%s", directory, name);
    HANDLE file = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "create %s", path);
    WriteFile(file, text, (DWORD)strlen(text), &written, NULL);
    CloseHandle(file);
}

static void test_batch_file(void) {
    char output[4096];
    write_file("args.bat", "@echo off\r\n"
                           "echo first=%1 second=%~2 all=%*\r\n"
                           "if \"%1\"==\"hello\" (echo matched) else (echo not matched)\r\n"
                           "call :sub x\r\n"
                           "echo back errorlevel=%errorlevel%\r\n"
                           "set LOCALVAR=set in the batch\r\n"
                           "echo %LOCALVAR%\r\n"
                           "exit /b 7\r\n"
                           ":sub\r\n"
                           "echo in sub %1\r\n"
                           "exit /b 3\r\n");
    DWORD code = run("args.bat hello \"world\"", output, sizeof(output));
    ok_int(code, 7);
    ok_str(output, "first=hello second=world all=hello \"world\"\r\n"
                   "matched\r\n"
                   "in sub x\r\n"
                   "back errorlevel=3\r\n"
                   "set in the batch\r\n");

    /* .cmd files too, and the batch file's own path (%~dp0, %~nx0). */
    write_file("where.cmd", "@echo %~nx0\r\n@cd /d %~dp0\r\n@if exist where.cmd echo found itself\r\n");
    code = run("where.cmd", output, sizeof(output));
    ok_int(code, 0);
    ok_str(output, "where.cmd\r\nfound itself\r\n");
}

static void test_cmd(void) {
    char output[4096];
    char comspec[MAX_PATH];
    ok(GetEnvironmentVariableA("ComSpec", comspec, sizeof(comspec)) > 0, "ComSpec is set");
    ok_str(comspec, "C:\\windows\\system32\\cmd.exe");
    ok(GetFileAttributesA(comspec) != INVALID_FILE_ATTRIBUTES, "%%ComSpec%% exists");

    ok_int(run("cmd.exe /c exit 3", output, sizeof(output)), 3);
    ok_int(run("cmd /c echo piped", output, sizeof(output)), 0);
    ok_str(output, "piped\r\n");
    ok_int(run("cmd.exe /c \"echo one& echo two\"", output, sizeof(output)), 0);
    ok_str(output, "one\r\ntwo\r\n");
    ok_int(run("cmd.exe /c exit /b 5 && echo not here", output, sizeof(output)), 5);
    ok_str(output, "");
    /* echo leaves the errorlevel TYPE set, which is cmd's exit code */
    ok_int(run("cmd.exe /c type nothing-here.txt || echo no file", output, sizeof(output)), 1);
    ok_str(output, "The system cannot find the file specified.\r\nno file\r\n");

    /* A child started from cmd inherits what cmd set. */
    char line[MAX_PATH * 2], self[MAX_PATH];
    GetModuleFileNameA(NULL, self, sizeof(self));
    sprintf(line, "cmd.exe /c \"set VINE_CMD_VAR=from cmd&& \"%s\" child\"", self);
    ok_int(run(line, output, sizeof(output)), 42);
    ok_str(output, "child sees from cmd\r\n");
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "child")) {
        char value[64];
        if (!GetEnvironmentVariableA("VINE_CMD_VAR", value, sizeof(value))) return 1;
        char text[128];
        DWORD written;
        sprintf(text, "child sees %s\r\n", value);
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)strlen(text), &written, NULL);
        return 42;
    }
    char temp[MAX_PATH];
    GetTempPathA(sizeof(temp), temp);
    sprintf(directory, "%svine-batch-%lu", temp, GetCurrentProcessId());
    ok(CreateDirectoryA(directory, NULL), "CreateDirectory %s", directory);
    /* CreateProcess looks for the program in the parent's directory. */
    SetCurrentDirectoryA(directory);
    test_batch_file();
    test_cmd();
    char path[MAX_PATH];
    sprintf(path, "%s\\args.bat", directory);
    DeleteFileA(path);
    sprintf(path, "%s\\where.cmd", directory);
    DeleteFileA(path);
    SetCurrentDirectoryA(temp);
    RemoveDirectoryA(directory);
    return vt_summary();
}
