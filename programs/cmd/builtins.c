/* cmd's internal commands: echo, set, cd, type, del, mkdir, rmdir, copy, move, ren,
 * exit, goto, call, shift, setlocal/endlocal, pushd/popd, path, rem (and
 * start, in cmd.c). */
#include "cmd.h"

int in_call; /* CALL of a batch file: it returns to its caller */

void print_error(Handles *h, const char *message) {
    out_ascii(h->err, message);
    out_ascii(h->err, "\r\n");
}

void print_error_naming(Handles *h, const char *before, const WCHAR *name, const char *after) {
    Text t;
    text_init(&t);
    text_adda(&t, before);
    text_adds(&t, name ? name : L"");
    text_adda(&t, after);
    text_adda(&t, "\r\n");
    out_str(h->err, t.data);
    text_free(&t);
}

static void print_line(Handles *h, const WCHAR *s, int n) {
    out_text(h->out, s, n);
    out_ascii(h->out, "\r\n");
}

/* The next argument (quotes removed) into `word`; NULL at the end. */
static const WCHAR *next_arg(const WCHAR *p, Text *word) {
    text_free(word);
    while (*p == L' ' || *p == L'\t') ++p;
    if (!*p) return NULL;
    int quoted = 0;
    for (; *p && (quoted || (*p != L' ' && *p != L'\t')); ++p) {
        if (*p == L'"') quoted = !quoted;
        else text_addc(word, *p);
    }
    if (!word->data) text_adds(word, L"");
    return p;
}

static int is_switch(const Text *word, const WCHAR *name) {
    return word->data && word->data[0] == L'/' && wieq(word->data + 1, name);
}

static WCHAR *trimmed(const WCHAR *s) {
    s = skip_blanks(s);
    int n = wlen(s);
    while (n && (s[n - 1] == L' ' || s[n - 1] == L'\t')) --n;
    return wdupn(s, n);
}

static WCHAR *unquoted(const WCHAR *s) {
    WCHAR *t = trimmed(s);
    int n = wlen(t);
    if (n >= 1 && t[0] == L'"') {
        CopyMemory(t, t + 1, n * sizeof(WCHAR));
        --n;
        if (n && t[n - 1] == L'"') t[--n] = 0;
    }
    return t;
}

/* ---- echo ---- */
static int builtin_echo(const WCHAR *args, Handles *h) {
    if (!*args || !*skip_blanks(args)) {
        out_ascii(h->out, echo_on ? "ECHO is on.\r\n" : "ECHO is off.\r\n");
        return 0;
    }
    /* One separator goes: "echo text", "echo.", "echo(", "echo:" ... */
    const WCHAR *text = args + 1;
    if (args[0] == L' ' || args[0] == L'\t') {
        WCHAR *word = trimmed(args);
        int on = wieq(word, L"on"), off = wieq(word, L"off");
        mem_free(word);
        if (on || off) {
            echo_on = on;
            return 0;
        }
    }
    print_line(h, text, wlen(text));
    return 0;
}

/* ---- set ---- */
static int print_variables(const WCHAR *prefix, Handles *h) {
    WCHAR *block = GetEnvironmentStringsW();
    int n = wlen(prefix), printed = 0;
    for (WCHAR *entry = block; entry && *entry; entry += wlen(entry) + 1) {
        if (entry[0] == L'=') continue;
        if (n && !wieqn(entry, prefix, n)) continue;
        print_line(h, entry, wlen(entry));
        printed = 1;
    }
    if (block) FreeEnvironmentStringsW(block);
    return printed;
}

static int builtin_set(const WCHAR *args, Handles *h) {
    const WCHAR *p = skip_blanks(args);
    if (wieqn(p, L"/a", 2) && (p[2] == L' ' || p[2] == L'\t' || p[2] == L'"' || !p[2])) {
        WCHAR *expression = trimmed(p + 2);
        long long value = 0;
        int error = arith_evaluate(expression, &value);
        mem_free(expression);
        if (error) {
            print_error(h, error == 2 ? "Divide by zero error." : "Missing operand.");
            errorlevel = error == 2 ? 1073750993 : 1073750988;
            return 1;
        }
        /* At the command line, not in a batch file, the value is shown. */
        if (!batch) {
            Text t;
            text_init(&t);
            text_addint(&t, value);
            out_str(h->out, t.data);
            text_free(&t);
        }
        return 0;
    }
    int prompt = 0;
    if (wieqn(p, L"/p", 2) && (p[2] == L' ' || p[2] == L'\t')) {
        prompt = 1;
        p = skip_blanks(p + 2);
    }
    WCHAR *spec;
    if (*p == L'"') {
        /* set "NAME=value": up to the last quote */
        spec = wdup(p + 1);
        int last = -1;
        for (int i = 0; spec[i]; ++i)
            if (spec[i] == L'"') last = i;
        if (last >= 0) spec[last] = 0;
    } else {
        spec = wdup(p);
    }
    int eq = -1;
    for (int i = 0; spec[i]; ++i)
        if (spec[i] == L'=') {
            eq = i;
            break;
        }
    if (eq < 0) {
        WCHAR *prefix = trimmed(spec);
        int printed = print_variables(prefix, h);
        if (!printed) {
            print_error_naming(h, "Environment variable ", prefix, " not defined");
            errorlevel = 1;
        }
        mem_free(prefix);
        mem_free(spec);
        return !printed;
    }
    if (eq == 0) {
        mem_free(spec);
        print_error(h, "The syntax of the command is incorrect.");
        errorlevel = 1;
        return 1;
    }
    spec[eq] = 0;
    const WCHAR *value = spec + eq + 1;
    int failed = 0;
    if (prompt) {
        out_str(h->out, value);
        Text line;
        text_init(&line);
        char byte;
        DWORD got;
        while (ReadFile(h->in, &byte, 1, &got, NULL) && got == 1 && byte != '\n')
            if (byte != '\r') text_addc(&line, (WCHAR)(unsigned char)byte);
        if (line.length) SetEnvironmentVariableW(spec, line.data);
        else failed = 1, errorlevel = 1;
        text_free(&line);
    } else {
        SetEnvironmentVariableW(spec, *value ? value : NULL);
    }
    mem_free(spec);
    return failed;
}

/* ---- directories and files ---- */
static int builtin_cd(const WCHAR *args, Handles *h) {
    const WCHAR *p = skip_blanks(args);
    if (wieqn(p, L"/d", 2) && (p[2] == L' ' || p[2] == L'\t')) p += 2;
    WCHAR *dir = unquoted(p);
    int failed = 0;
    if (!*dir) {
        WCHAR current[MAX_PATH * 2];
        DWORD n = GetCurrentDirectoryW(MAX_PATH * 2, current);
        if (n > 3 && current[n - 1] == L'\\') --n;
        print_line(h, current, (int)n);
    } else if (!SetCurrentDirectoryW(dir)) {
        print_error(h, GetLastError() == ERROR_DIRECTORY ? "The directory name is invalid."
                                                         : "The system cannot find the path specified.");
        errorlevel = 1;
        failed = 1;
    }
    mem_free(dir);
    return failed;
}

static int builtin_type(const WCHAR *args, Handles *h) {
    Text word;
    text_init(&word);
    int failed = 0, any = 0;
    for (const WCHAR *p = args; (p = next_arg(p, &word));) {
        any = 1;
        HANDLE file = CreateFileW(word.data, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                                  0, NULL);
        if (file == INVALID_HANDLE_VALUE) {
            print_error(h, "The system cannot find the file specified.");
            failed = 1;
            continue;
        }
        char buffer[4096];
        DWORD got, written;
        while (ReadFile(file, buffer, sizeof(buffer), &got, NULL) && got) WriteFile(h->out, buffer, got, &written, NULL);
        CloseHandle(file);
    }
    text_free(&word);
    if (!any) {
        print_error(h, "The syntax of the command is incorrect.");
        failed = 1;
    }
    if (failed) errorlevel = 1;
    return failed;
}

static int has_wildcard(const WCHAR *s) {
    for (; *s; ++s)
        if (*s == L'*' || *s == L'?') return 1;
    return 0;
}

/* The directory part of `pattern`, with its separator ("" for none). */
static WCHAR *directory_of(const WCHAR *pattern) {
    int end = 0;
    for (int i = 0; pattern[i]; ++i)
        if (pattern[i] == L'\\' || pattern[i] == L'/' || (i == 1 && pattern[i] == L':')) end = i + 1;
    return wdupn(pattern, end);
}

static WCHAR *join(const WCHAR *dir, const WCHAR *name) {
    Text t;
    text_init(&t);
    text_adds(&t, dir);
    if (t.length && t.data[t.length - 1] != L'\\' && t.data[t.length - 1] != L'/' && t.data[t.length - 1] != L':')
        text_addc(&t, L'\\');
    text_adds(&t, name);
    return text_take(&t);
}

/* Deletes the files matching `pattern` (a directory: the files in it). */
static int delete_matching(const WCHAR *pattern) {
    DWORD attributes = GetFileAttributesW(pattern);
    WCHAR *search = (attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY))
                        ? join(pattern, L"*")
                        : wdup(pattern);
    WCHAR *dir = directory_of(search);
    WIN32_FIND_DATAW data;
    HANDLE find = FindFirstFileW(search, &data);
    int deleted = 0, found = 0;
    if (find != INVALID_HANDLE_VALUE) {
        do {
            if (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) continue;
            found = 1;
            WCHAR *path = join(dir, data.cFileName);
            deleted |= DeleteFileW(path) != 0;
            mem_free(path);
        } while (FindNextFileW(find, &data));
        FindClose(find);
    }
    mem_free(search);
    mem_free(dir);
    return found;
}

static int builtin_del(const WCHAR *args, Handles *h) {
    Text word;
    text_init(&word);
    int any = 0;
    for (const WCHAR *p = args; (p = next_arg(p, &word));) {
        if (word.data[0] == L'/') continue; /* /q /f /s /p /a: no prompts here */
        any = 1;
        if (!delete_matching(word.data)) {
            WCHAR full[MAX_PATH * 2];
            if (!GetFullPathNameW(word.data, MAX_PATH * 2, full, NULL)) full[0] = 0;
            print_error_naming(h, "Could Not Find ", full, "");
        }
    }
    text_free(&word);
    if (!any) {
        print_error(h, "The syntax of the command is incorrect.");
        errorlevel = 1;
        return 1;
    }
    /* cmd's DEL leaves the errorlevel alone when a file is missing. */
    return 0;
}

static int make_directories(WCHAR *path) {
    if (CreateDirectoryW(path, NULL)) return 1;
    if (GetLastError() != ERROR_PATH_NOT_FOUND) return 0;
    int n = wlen(path);
    while (n > 0 && path[n - 1] != L'\\' && path[n - 1] != L'/') --n;
    if (n <= 1) return 0;
    WCHAR saved = path[n - 1];
    path[n - 1] = 0;
    int ok = make_directories(path);
    path[n - 1] = saved;
    return ok && CreateDirectoryW(path, NULL);
}

static int builtin_mkdir(const WCHAR *args, Handles *h) {
    Text word;
    text_init(&word);
    int failed = 0, any = 0;
    for (const WCHAR *p = args; (p = next_arg(p, &word));) {
        any = 1;
        if (GetFileAttributesW(word.data) != INVALID_FILE_ATTRIBUTES) {
            print_error_naming(h, "A subdirectory or file ", word.data, " already exists.");
            failed = 1;
        } else if (!make_directories(word.data)) {
            print_error(h, "The system cannot find the path specified.");
            failed = 1;
        }
    }
    text_free(&word);
    if (!any) print_error(h, "The syntax of the command is incorrect."), failed = 1;
    if (failed) errorlevel = 1;
    return failed;
}

static int remove_tree(const WCHAR *dir) {
    WCHAR *search = join(dir, L"*");
    WIN32_FIND_DATAW data;
    HANDLE find = FindFirstFileW(search, &data);
    mem_free(search);
    if (find != INVALID_HANDLE_VALUE) {
        do {
            if (weq(data.cFileName, L".") || weq(data.cFileName, L"..")) continue;
            WCHAR *path = join(dir, data.cFileName);
            if (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) remove_tree(path);
            else DeleteFileW(path);
            mem_free(path);
        } while (FindNextFileW(find, &data));
        FindClose(find);
    }
    return RemoveDirectoryW(dir) != 0;
}

static int builtin_rmdir(const WCHAR *args, Handles *h) {
    Text word;
    text_init(&word);
    int recursive = 0, failed = 0, any = 0;
    for (const WCHAR *p = args; (p = next_arg(p, &word));)
        if (is_switch(&word, L"s")) recursive = 1;
    for (const WCHAR *p = args; (p = next_arg(p, &word));) {
        if (word.data[0] == L'/') continue;
        any = 1;
        DWORD attributes = GetFileAttributesW(word.data);
        if (attributes == INVALID_FILE_ATTRIBUTES) {
            print_error(h, "The system cannot find the file specified.");
            failed = 1;
        } else if (!(attributes & FILE_ATTRIBUTE_DIRECTORY)) {
            print_error(h, "The directory name is invalid.");
            failed = 1;
        } else if (!(recursive ? remove_tree(word.data) : RemoveDirectoryW(word.data))) {
            print_error(h, GetLastError() == ERROR_DIR_NOT_EMPTY ? "The directory is not empty."
                                                                : "Access is denied.");
            failed = 1;
        }
    }
    text_free(&word);
    if (!any) print_error(h, "The syntax of the command is incorrect."), failed = 1;
    if (failed) errorlevel = 1;
    return failed;
}

static int builtin_copy(const WCHAR *args, Handles *h) {
    Text word;
    text_init(&word);
    WCHAR *names[2] = {NULL, NULL};
    int count = 0;
    for (const WCHAR *p = args; (p = next_arg(p, &word));) {
        if (word.data[0] == L'/') continue; /* /y /b /a /v */
        if (count < 2) names[count] = wdup(word.data);
        ++count;
    }
    text_free(&word);
    if (count < 1 || count > 2) {
        print_error(h, "The syntax of the command is incorrect.");
        errorlevel = 1;
        return 1;
    }
    WCHAR *source_dir = directory_of(names[0]);
    const WCHAR *target = names[1] ? names[1] : L".";
    DWORD target_attributes = GetFileAttributesW(target);
    int into_directory = target_attributes != INVALID_FILE_ATTRIBUTES && (target_attributes & FILE_ATTRIBUTE_DIRECTORY);
    int copied = 0, failed = 0;
    WIN32_FIND_DATAW data;
    HANDLE find = FindFirstFileW(names[0], &data);
    if (find != INVALID_HANDLE_VALUE) {
        do {
            if (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) continue;
            WCHAR *source = join(source_dir, data.cFileName);
            WCHAR *destination = into_directory ? join(target, data.cFileName) : wdup(target);
            if (CopyFileW(source, destination, FALSE)) {
                ++copied;
                if (has_wildcard(names[0])) print_line(h, data.cFileName, wlen(data.cFileName));
            } else {
                print_error(h, "Access is denied.");
                failed = 1;
            }
            mem_free(source);
            mem_free(destination);
        } while (FindNextFileW(find, &data) && (has_wildcard(names[0]) || into_directory));
        FindClose(find);
    } else {
        print_error(h, "The system cannot find the file specified.");
        failed = 1;
    }
    Text t;
    text_init(&t);
    text_adda(&t, "        ");
    text_addint(&t, copied);
    text_adda(&t, " file(s) copied.\r\n");
    out_str(h->out, t.data);
    text_free(&t);
    mem_free(source_dir);
    mem_free(names[0]);
    mem_free(names[1]);
    if (failed || !copied) errorlevel = 1;
    return failed || !copied;
}

/* ren NAME NEWNAME: NEWNAME is a name in NAME's directory. */
static int builtin_rename(const WCHAR *args, Handles *h) {
    Text word;
    text_init(&word);
    WCHAR *names[2] = {NULL, NULL};
    int count = 0;
    for (const WCHAR *p = args; (p = next_arg(p, &word));) {
        if (count < 2) names[count] = wdup(word.data);
        ++count;
    }
    text_free(&word);
    int failed = 0;
    if (count != 2 || wcontains(names[1], L'\\') || wcontains(names[1], L'/') || wcontains(names[1], L':')) {
        print_error(h, "The syntax of the command is incorrect.");
        failed = 1;
    } else {
        WCHAR *dir = directory_of(names[0]);
        WCHAR *target = join(dir, names[1]);
        if (!MoveFileW(names[0], target)) {
            print_error(h, GetLastError() == ERROR_ALREADY_EXISTS || GetLastError() == ERROR_FILE_EXISTS
                               ? "A duplicate file name exists, or the file cannot be found."
                               : "The system cannot find the file specified.");
            failed = 1;
        }
        mem_free(dir);
        mem_free(target);
    }
    mem_free(names[0]);
    mem_free(names[1]);
    if (failed) errorlevel = 1;
    return failed;
}

/* move [/y] SOURCE TARGET: into TARGET when it is a directory. */
static int builtin_move(const WCHAR *args, Handles *h) {
    Text word;
    text_init(&word);
    WCHAR *names[2] = {NULL, NULL};
    int count = 0;
    for (const WCHAR *p = args; (p = next_arg(p, &word));) {
        if (word.data[0] == L'/') continue; /* /y /-y */
        if (count < 2) names[count] = wdup(word.data);
        ++count;
    }
    text_free(&word);
    if (count != 2) {
        mem_free(names[0]);
        mem_free(names[1]);
        print_error(h, "The syntax of the command is incorrect.");
        errorlevel = 1;
        return 1;
    }
    DWORD source_attributes = GetFileAttributesW(names[0]);
    DWORD target_attributes = GetFileAttributesW(names[1]);
    WCHAR *target;
    if (target_attributes != INVALID_FILE_ATTRIBUTES && (target_attributes & FILE_ATTRIBUTE_DIRECTORY)) {
        const WCHAR *name = names[0];
        for (const WCHAR *p = names[0]; *p; ++p)
            if (*p == L'\\' || *p == L'/' || *p == L':') name = p + 1;
        target = join(names[1], name);
    } else {
        target = wdup(names[1]);
    }
    int failed = 0;
    if (source_attributes == INVALID_FILE_ATTRIBUTES) {
        print_error(h, "The system cannot find the file specified.");
        failed = 1;
    } else if (!MoveFileExW(names[0], target, MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED)) {
        print_error(h, "Access is denied.");
        failed = 1;
    } else {
        out_ascii(h->out, (source_attributes & FILE_ATTRIBUTE_DIRECTORY) ? "        1 dir(s) moved.\r\n"
                                                                         : "        1 file(s) moved.\r\n");
    }
    mem_free(target);
    mem_free(names[0]);
    mem_free(names[1]);
    if (failed) errorlevel = 1;
    return failed;
}

/* ---- control ---- */
static int builtin_exit(const WCHAR *args, Handles *h) {
    Text word;
    text_init(&word);
    int leave_batch = 0;
    const WCHAR *p = next_arg(args, &word);
    if (p && is_switch(&word, L"b")) {
        leave_batch = 1;
        p = next_arg(p, &word);
    }
    long long code;
    if (p && parse_int(word.data, &code)) errorlevel = (int)code;
    text_free(&word);
    if (leave_batch && batch) batch_exit = 1;
    else exit_requested = 1;
    return errorlevel != 0;
}

static int builtin_call(const WCHAR *args, Handles *h) {
    const WCHAR *p = skip_blanks(args);
    if (*p == L':') {
        const WCHAR *end = p;
        while (*end && *end != L' ' && *end != L'\t') ++end;
        WCHAR *label = wdupn(p, (int)(end - p));
        int failed = batch_call_label(label, end, h);
        mem_free(label);
        return failed;
    }
    int saved = in_call;
    in_call = 1;
    int failed = run_line(p, h);
    in_call = saved;
    return failed;
}

/* setlocal keeps a copy of the environment block; endlocal (or the end of
 * the batch file) puts it back. */
static void replace_environment(const WCHAR *saved) {
    WCHAR *current = GetEnvironmentStringsW();
    for (WCHAR *entry = current; entry && *entry; entry += wlen(entry) + 1) {
        if (entry[0] == L'=') continue;
        int eq = 0;
        while (entry[eq] && entry[eq] != L'=') ++eq;
        WCHAR *name = wdupn(entry, eq);
        SetEnvironmentVariableW(name, NULL);
        mem_free(name);
    }
    if (current) FreeEnvironmentStringsW(current);
    for (const WCHAR *entry = saved; *entry; entry += wlen(entry) + 1) {
        if (entry[0] == L'=') continue;
        int eq = 0;
        while (entry[eq] && entry[eq] != L'=') ++eq;
        if (!entry[eq]) continue;
        WCHAR *name = wdupn(entry, eq);
        SetEnvironmentVariableW(name, entry + eq + 1);
        mem_free(name);
    }
}

static WCHAR *copy_environment(void) {
    WCHAR *block = GetEnvironmentStringsW();
    int n = 0;
    while (block[n] || block[n + 1]) ++n;
    WCHAR *copy = wdupn(block, n + 2);
    FreeEnvironmentStringsW(block);
    return copy;
}

static int builtin_setlocal(const WCHAR *args, Handles *h) {
    if (!batch) return 0; /* outside a batch file it does nothing */
    if (batch->env_depth < 8) {
        batch->delayed_saved[batch->env_depth] = delayed_expansion;
        batch->env_saved[batch->env_depth++] = copy_environment();
    }
    Text word;
    text_init(&word);
    for (const WCHAR *p = args; (p = next_arg(p, &word));) {
        if (wieq(word.data, L"enabledelayedexpansion")) delayed_expansion = 1;
        else if (wieq(word.data, L"disabledelayedexpansion")) delayed_expansion = 0;
    }
    text_free(&word);
    return 0;
}

static int builtin_endlocal(Handles *h) {
    if (!batch || !batch->env_depth) return 0;
    WCHAR *saved = batch->env_saved[--batch->env_depth];
    delayed_expansion = batch->delayed_saved[batch->env_depth];
    replace_environment(saved);
    mem_free(saved);
    return 0;
}

void environment_restore_all(Batch *b) {
    if (!b->env_depth) return;
    delayed_expansion = b->delayed_saved[0];
    replace_environment(b->env_saved[0]);
    for (int i = 0; i < b->env_depth; ++i) mem_free(b->env_saved[i]);
    b->env_depth = 0;
}

static WCHAR *directory_stack[16];
static int directory_depth;

static int builtin_pushd(const WCHAR *args, Handles *h) {
    WCHAR current[MAX_PATH * 2];
    GetCurrentDirectoryW(MAX_PATH * 2, current);
    WCHAR *dir = unquoted(args);
    int failed = 0;
    if (*dir) {
        if (directory_depth >= 16 || !SetCurrentDirectoryW(dir)) {
            print_error(h, "The system cannot find the path specified.");
            errorlevel = 1;
            failed = 1;
        } else {
            directory_stack[directory_depth++] = wdup(current);
        }
    }
    mem_free(dir);
    return failed;
}

static int builtin_popd(Handles *h) {
    if (!directory_depth) return 0;
    WCHAR *dir = directory_stack[--directory_depth];
    SetCurrentDirectoryW(dir);
    mem_free(dir);
    return 0;
}

static int builtin_path(const WCHAR *args, Handles *h) {
    WCHAR *value = trimmed(args);
    if (!*value) {
        DWORD size = GetEnvironmentVariableW(L"PATH", NULL, 0);
        if (!size) out_ascii(h->out, "PATH=(null)\r\n");
        else {
            WCHAR *path = mem_alloc(size * sizeof(WCHAR));
            GetEnvironmentVariableW(L"PATH", path, size);
            out_ascii(h->out, "PATH=");
            print_line(h, path, wlen(path));
            mem_free(path);
        }
    } else {
        SetEnvironmentVariableW(L"PATH", wieq(value, L";") ? NULL : value);
    }
    mem_free(value);
    return 0;
}

int run_builtin(const WCHAR *name, const WCHAR *args, Handles *h) {
    if (wieq(name, L"echo")) return builtin_echo(args, h);
    if (wieq(name, L"rem")) return 0;
    if (wieq(name, L"set")) return builtin_set(args, h);
    if (wieq(name, L"cd") || wieq(name, L"chdir")) return builtin_cd(args, h);
    if (wieq(name, L"type")) return builtin_type(args, h);
    if (wieq(name, L"del") || wieq(name, L"erase")) return builtin_del(args, h);
    if (wieq(name, L"mkdir") || wieq(name, L"md")) return builtin_mkdir(args, h);
    if (wieq(name, L"rmdir") || wieq(name, L"rd")) return builtin_rmdir(args, h);
    if (wieq(name, L"copy")) return builtin_copy(args, h);
    if (wieq(name, L"ren") || wieq(name, L"rename")) return builtin_rename(args, h);
    if (wieq(name, L"move")) return builtin_move(args, h);
    if (wieq(name, L"start")) return builtin_start(args, h);
    if (wieq(name, L"exit")) return builtin_exit(args, h);
    if (wieq(name, L"call")) return builtin_call(args, h);
    if (wieq(name, L"goto")) {
        WCHAR *label = trimmed(args);
        int failed = batch ? batch_goto(label, h) : 0;
        mem_free(label);
        return failed;
    }
    if (wieq(name, L"shift")) {
        if (batch) batch->shift++;
        return 0;
    }
    if (wieq(name, L"setlocal")) return builtin_setlocal(args, h);
    if (wieq(name, L"endlocal")) return builtin_endlocal(h);
    if (wieq(name, L"pushd")) return builtin_pushd(args, h);
    if (wieq(name, L"popd")) return builtin_popd(h);
    if (wieq(name, L"path")) return builtin_path(args, h);
    if (wieq(name, L"dir")) return builtin_dir(args, h);
    /* cmd's other internal commands: said plainly rather than searched for
     * as programs. */
    static const WCHAR *const missing[] = {L"pause", L"cls",   L"title", L"color", L"assoc",  L"ftype",
                                           L"mklink", L"vol",  L"date",  L"time",  L"prompt", L"chcp",
                                           L"ver",   L"verify", L"break", L"mode"};
    for (unsigned i = 0; i < sizeof(missing) / sizeof(missing[0]); ++i) {
        if (wieq(name, missing[i])) {
            print_error_naming(h, "cmd: the internal command '", name, "' is not implemented in Vine's cmd yet");
            errorlevel = 1;
            return 1;
        }
    }
    return -1;
}
